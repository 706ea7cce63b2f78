import Foundation
import Testing

@testable import ThreadStore

@Suite struct LineReaderTests {
    func lines(of data: Data) throws -> (lines: [(String, Int, Bool)], hash: ContentHash) {
        let dir = try TemporaryDirectory()
        let path = dir.file("f")
        try data.write(to: URL(fileURLWithPath: path))
        var out: [(String, Int, Bool)] = []
        let (bytes, hash) = try LineReader(path: path).forEachLine { line, number in
            guard case let .text(b, terminated) = line else { Issue.record("too long"); return }
            out.append((String(decoding: b, as: UTF8.self), number, terminated))
        }
        #expect(bytes == Int64(data.count))
        #expect(try LineReader.hash(path: path) == hash)
        return (out, hash)
    }

    @Test func linesCrossingChunkBoundariesAreWhole() throws {
        var text = ""
        var expected: [String] = []
        var i = 0
        while text.utf8.count < 3 * LineReader.chunkSize {
            let line = String(repeating: Character(UnicodeScalar(UInt8(97 + i % 26))), count: 1 + (i * 7919) % 70_000)
            expected.append(line)
            text += line + "\n"
            i += 1
        }
        let result = try lines(of: Data(text.utf8))
        #expect(result.lines.map(\.0) == expected)
        #expect(result.lines.map(\.1) == Array(1...expected.count))
        #expect(result.lines.allSatisfy { $0.2 })
    }

    @Test func carriageReturnsAndAMissingFinalNewlineAreHandled() throws {
        let result = try lines(of: Data("a\r\n\r\nb".utf8))
        #expect(result.lines.map(\.0) == ["a", "", "b"])
        #expect(result.lines.map(\.2) == [true, true, false])
    }

    @Test func emptyFileHasNoLines() throws {
        #expect(try lines(of: Data()).lines.isEmpty)
    }

    @Test func hashTellsContentsApart() throws {
        #expect(try lines(of: Data("abc\n".utf8)).hash != lines(of: Data("abd\n".utf8)).hash)
        #expect(try lines(of: Data("abc\n".utf8)).hash.hex == lines(of: Data("abc\n".utf8)).hash.hex)
    }

    @Test func unreadableFileThrows() {
        #expect(throws: FileReadError.self) { try LineReader(path: "/no/such/file").forEachLine { _, _ in } }
    }
}
