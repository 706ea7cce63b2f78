import Foundation
import Testing

@testable import ThreadStore

@Suite struct JSONFieldScannerTests {
    static let paths = JSONPathSet(["type", "cwd", "message.usage", "message.usage.input_tokens", "costUSD", "flag"])
    let scanner = JSONFieldScanner(paths: paths)

    func scan(_ text: String) -> [JSONScalar?]? {
        var values = [JSONScalar?](repeating: nil, count: Self.paths.paths.count)
        var bytes = Array(text.utf8)
        let ok = bytes.withUnsafeMutableBytes { scanner.scan(UnsafeRawBufferPointer($0), into: &values) }
        return ok ? values : nil
    }

    func foundation(_ text: String) -> [JSONScalar?]? {
        var values = [JSONScalar?](repeating: nil, count: Self.paths.paths.count)
        let ok = Array(text.utf8).withUnsafeBytes { scanner.extractWithFoundation($0, into: &values) }
        return ok ? values : nil
    }

    @Test func nestedKeysWithTheSameNamesAreNotMistakenForWantedOnes() throws {
        let line =
            #"{"message":{"content":[{"type":"x","usage":{"input_tokens":999}}],"usage":{"input_tokens":5}},"#
            + #""type":"assistant","costUSD":0.25,"flag":true,"text":"\"type\":\"user\" }]"}"#
        let values = try #require(scan(line))
        #expect(values == [.string("assistant"), nil, .object, .int(5), .double(0.25), .bool(true)])
        #expect(foundation(line) == values)
    }

    @Test func escapesAreDecoded() throws {
        let line = #"{"type":"a\"b\\","cwd":"C:\\dir\u00e9\ud83d\ude00\n"}"#
        let values = try #require(scan(line))
        #expect(values[0] == .string("a\"b\\"))
        #expect(values[1] == .string("C:\\dir\u{e9}\u{1F600}\n"))
    }

    @Test(arguments: [
        "", "[]", "{", #"{"type":"a""#, #"{"type":"a",}"#, #"{"type" "a"}"#, #"{"type":tru}"#,
        #"{"message":{"content":[1,2}"#, #"{"type":"a"} x"#, #"{type:"a"}"#, #"{"type":-}"#,
    ])
    func malformedLinesAreRejected(line: String) {
        #expect(scan(line) == nil)
    }

    @Test func wantedValuesOfOtherTypesAreKept() throws {
        let values = try #require(scan(#"{ "type" : null , "message" : { "usage" : 3 }, "costUSD": 1e-3 }"#))
        #expect(values[0] == .null)
        #expect(values[2] == .int(3))
        #expect(values[4] == .double(0.001))
    }
}
