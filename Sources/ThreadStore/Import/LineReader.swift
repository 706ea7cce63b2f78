#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file line by line in fixed-size chunks, so memory stays flat whatever the file size.
///
/// Lines are handed out as byte buffers valid only during the callback, with a trailing `\r`
/// removed. A line longer than ``maxLineLength`` is handed out as ``Line/tooLong`` instead of
/// being buffered. The reader also computes the file's ``ContentHash`` on the way.
struct LineReader {
    /// Chunk size; also the unit of the content hash, so it must not change between versions.
    static let chunkSize = 1 << 20
    static let maxLineLength = 64 << 20

    enum Line {
        /// A line; `terminated` is false for a last line without a newline.
        case text(UnsafeRawBufferPointer, terminated: Bool)
        case tooLong
    }

    let path: String

    /// Calls `body` for each line with its 1-based number, and `progress` with the bytes of each
    /// chunk read.
    /// - Returns: the number of bytes read and the content hash.
    /// - Throws: ``FileReadError`` if the file cannot be opened or read.
    func forEachLine(
        progress: (Int) -> Void = { _ in },
        _ body: (Line, Int) throws -> Void
    ) throws -> (bytes: Int64, hash: ContentHash) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileReadError(path: path, errno: errno) }
        defer { close(fd) }
        var hash = ContentHash()
        var total: Int64 = 0
        var lineNumber = 1
        var carry: [UInt8] = []
        var discarding = false
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 8)
        defer { buffer.deallocate() }
        let newline = Int32(UInt8(ascii: "\n"))

        func emit(_ bytes: UnsafeRawBufferPointer, terminated: Bool) throws {
            var count = bytes.count
            if count > 0, bytes[count - 1] == UInt8(ascii: "\r") { count -= 1 }
            try body(.text(UnsafeRawBufferPointer(rebasing: bytes[0..<count]), terminated: terminated), lineNumber)
        }

        while true {
            let n = try Self.readFull(fd: fd, into: buffer, path: path)
            if n == 0 { break }
            total += Int64(n)
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            hash.combine(chunk)
            var start = 0
            let base = chunk.baseAddress!
            while start < n, let hit = memchr(base + start, newline, n - start) {
                let end = UnsafeRawPointer(hit) - base
                if discarding {
                    discarding = false
                    try body(.tooLong, lineNumber)
                } else if carry.isEmpty {
                    try emit(UnsafeRawBufferPointer(rebasing: chunk[start..<end]), terminated: true)
                } else {
                    carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[start..<end]))
                    try carry.withUnsafeBytes { try emit($0, terminated: true) }
                    carry.removeAll(keepingCapacity: carry.count <= Self.chunkSize * 4)
                }
                lineNumber += 1
                start = end + 1
            }
            if start < n, !discarding {
                if carry.count + (n - start) > Self.maxLineLength {
                    discarding = true
                    carry = []
                } else {
                    carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[start..<n]))
                }
            }
            progress(n)
        }
        if discarding {
            try body(.tooLong, lineNumber)
        } else if !carry.isEmpty {
            try carry.withUnsafeBytes { try emit($0, terminated: false) }
        }
        return (total, hash)
    }

    /// Reads until the buffer is full or the file ends, so chunk boundaries (and so the hash)
    /// do not depend on how the kernel splits reads.
    private static func readFull(fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        var filled = 0
        while filled < buffer.count {
            let r = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            if r < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, errno: errno)
            }
            if r == 0 { break }
            filled += r
        }
        return filled
    }

    /// The content hash of a file, read in the same chunks as ``forEachLine(progress:_:)``.
    static func hash(path: String) throws -> ContentHash {
        try LineReader(path: path).hashOnly()
    }

    private func hashOnly() throws -> ContentHash {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileReadError(path: path, errno: errno) }
        defer { close(fd) }
        var hash = ContentHash()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = try Self.readFull(fd: fd, into: buffer, path: path)
            if n == 0 { break }
            hash.combine(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return hash
    }
}

/// A file that could not be opened or read.
struct FileReadError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32

    var description: String { "\(path): \(String(cString: strerror(errno)))" }
    var reason: String { String(cString: strerror(errno)) }
}

/// A 64-bit hash of a file's bytes, to tell an unchanged file from a changed one.
///
/// Not cryptographic: FNV-1a over 8-byte little-endian words (then the tail bytes), with a final
/// avalanche. Paired with the file size it is only used to skip files already imported.
struct ContentHash: Equatable, Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        let words = bytes.count / 8
        for i in 0..<words {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self).littleEndian) &* 0x100_0000_01b3
            h ^= h >> 32
        }
        for i in (words * 8)..<bytes.count {
            h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3
        }
        value = h
    }

    var hex: String {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        let s = String(z, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
