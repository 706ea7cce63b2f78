import Foundation

/// A value read by ``JSONFieldScanner`` at one of the paths it was asked for.
enum JSONScalar: Equatable, Sendable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null
    case object
    case array

    var string: String? { if case let .string(s) = self { s } else { nil } }

    /// The value as a token count: integers, and doubles with no fraction (`12.0`).
    var int: Int64? {
        switch self {
        case let .int(i): i
        case let .double(d) where d.rounded() == d && abs(d) < 9e15: Int64(d)
        default: nil
        }
    }

    var double: Double? {
        switch self {
        case let .int(i): Double(i)
        case let .double(d): d
        default: nil
        }
    }

    var bool: Bool? { if case let .bool(b) = self { b } else { nil } }
}

/// The set of dotted key paths (`message.usage.input_tokens`) a scanner extracts; each path gets
/// a slot number, its index in `paths`.
struct JSONPathSet: Sendable {
    struct Node: Sendable {
        var children: [(key: [UInt8], node: Int)] = []
        var slot: Int?
    }

    let paths: [String]
    private(set) var nodes: [Node] = [Node()]

    init(_ paths: [String]) {
        self.paths = paths
        for (slot, path) in paths.enumerated() {
            var node = 0
            for key in path.split(separator: ".") {
                let bytes = Array(key.utf8)
                if let child = nodes[node].children.first(where: { $0.key == bytes })?.node {
                    node = child
                } else {
                    nodes.append(Node())
                    nodes[node].children.append((bytes, nodes.count - 1))
                    node = nodes.count - 1
                }
            }
            nodes[node].slot = slot
        }
    }

    func slot(_ path: String) -> Int {
        guard let i = paths.firstIndex(of: path) else { preconditionFailure("unknown path \(path)") }
        return i
    }
}

/// Reads a few fields out of one JSON object without building the whole document.
///
/// The scanner walks the line once. Objects on a wanted path are descended into; every other
/// value is skipped by bracket counting (strings are skipped with `memchr` for the closing quote),
/// so a 50 kB tool result costs little more than a memory scan. The structure of the line is
/// checked (balanced brackets, terminated strings, keys and colons where they belong), but the
/// content of skipped values is not validated: a line the scanner accepts may be one
/// `JSONSerialization` would reject because of, say, a bad literal deep inside a message. Such
/// lines are kept: their counts are intact.
///
/// A line the scanner rejects is given to `JSONSerialization` (see ``extractWithFoundation``),
/// so valid JSON the fast path does not handle is never lost.
struct JSONFieldScanner {
    let paths: JSONPathSet

    /// Fills `values` (one slot per path, reset to nil first) from `line`.
    /// - Returns: false if the line is not a well-formed JSON object.
    func scan(_ line: UnsafeRawBufferPointer, into values: inout [JSONScalar?]) -> Bool {
        for i in values.indices { values[i] = nil }
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self), line.count > 0 else { return false }
        var cursor = Cursor(p: base, end: base + line.count, paths: paths)
        cursor.skipWhitespace()
        guard cursor.peek == UInt8(ascii: "{") else { return false }
        guard cursor.parseValue(node: 0, values: &values) else { return false }
        cursor.skipWhitespace()
        return cursor.p == cursor.end
    }

    /// The slow path: parses `line` with Foundation and reads the same paths.
    /// - Returns: false if the line is not a JSON object.
    func extractWithFoundation(_ line: UnsafeRawBufferPointer, into values: inout [JSONScalar?]) -> Bool {
        for i in values.indices { values[i] = nil }
        let data = Data(line)
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
            object is [String: Any]
        else { return false }
        for (slot, path) in paths.paths.enumerated() {
            var current: Any? = object
            for key in path.split(separator: ".") {
                current = (current as? [String: Any])?[String(key)]
            }
            if let current { values[slot] = Self.scalar(current) }
        }
        return true
    }

    private static func scalar(_ value: Any) -> JSONScalar {
        switch value {
        case is NSNull: return .null
        case let s as String: return .string(s)
        case is [String: Any]: return .object
        case is [Any]: return .array
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
            let d = n.doubleValue
            if d.rounded() == d, abs(d) < 9e15 { return .int(n.int64Value) }
            return .double(d)
        default: return .null
        }
    }
}

private struct Cursor {
    var p: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>
    let paths: JSONPathSet

    var peek: UInt8? { p < end ? p.pointee : nil }

    @inline(__always) mutating func skipWhitespace() {
        while p < end {
            switch p.pointee {
            case 0x20, 0x09, 0x0A, 0x0D: p += 1
            default: return
            }
        }
    }

    /// Parses the value at `p`. `node` is the path-trie node this value sits at, or nil when no
    /// wanted path goes through it.
    mutating func parseValue(node: Int?, values: inout [JSONScalar?]) -> Bool {
        guard p < end else { return false }
        let slot = node.flatMap { paths.nodes[$0].slot }
        switch p.pointee {
        case UInt8(ascii: "{"):
            if let node, !paths.nodes[node].children.isEmpty {
                guard parseObject(node: node, values: &values) else { return false }
            } else {
                guard skipContainer() else { return false }
            }
            if let slot { values[slot] = .object }
        case UInt8(ascii: "["):
            guard skipContainer() else { return false }
            if let slot { values[slot] = .array }
        case UInt8(ascii: "\""):
            if let slot {
                guard let s = parseString() else { return false }
                values[slot] = .string(s)
            } else {
                guard skipString() else { return false }
            }
        case UInt8(ascii: "t"):
            guard literal("true") else { return false }
            if let slot { values[slot] = .bool(true) }
        case UInt8(ascii: "f"):
            guard literal("false") else { return false }
            if let slot { values[slot] = .bool(false) }
        case UInt8(ascii: "n"):
            guard literal("null") else { return false }
            if let slot { values[slot] = .null }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let number = parseNumber() else { return false }
            if let slot { values[slot] = number }
        default:
            return false
        }
        return true
    }

    private mutating func parseObject(node: Int, values: inout [JSONScalar?]) -> Bool {
        p += 1  // {
        skipWhitespace()
        if p < end, p.pointee == UInt8(ascii: "}") { p += 1; return true }
        while true {
            guard p < end, p.pointee == UInt8(ascii: "\"") else { return false }
            let keyStart = p + 1
            guard skipString() else { return false }
            let keyEnd = p - 1
            let child = match(node: node, key: keyStart, count: keyEnd - keyStart)
            skipWhitespace()
            guard p < end, p.pointee == UInt8(ascii: ":") else { return false }
            p += 1
            skipWhitespace()
            guard parseValue(node: child, values: &values) else { return false }
            skipWhitespace()
            guard p < end else { return false }
            if p.pointee == UInt8(ascii: ",") {
                p += 1
                skipWhitespace()
            } else if p.pointee == UInt8(ascii: "}") {
                p += 1
                return true
            } else {
                return false
            }
        }
    }

    private func match(node: Int, key: UnsafePointer<UInt8>, count: Int) -> Int? {
        for child in paths.nodes[node].children where child.key.count == count {
            let equal = child.key.withUnsafeBufferPointer { memcmp($0.baseAddress!, key, count) == 0 }
            if equal { return child.node }
        }
        return nil
    }

    /// Skips a string starting at the opening quote; leaves `p` after the closing quote.
    @inline(__always) private mutating func skipString() -> Bool {
        var q = p + 1
        while q < end {
            guard let hit = memchr(q, Int32(UInt8(ascii: "\"")), end - q) else { return false }
            let quote = hit.assumingMemoryBound(to: UInt8.self)
            var backslashes = 0
            var b = quote - 1
            while b > p, b.pointee == UInt8(ascii: "\\") { backslashes += 1; b -= 1 }
            if backslashes % 2 == 0 {
                p = UnsafePointer(quote) + 1
                return true
            }
            q = UnsafePointer(quote) + 1
        }
        return false
    }

    /// Skips an object or array, counting brackets outside strings.
    private mutating func skipContainer() -> Bool {
        var depth = 0
        while p < end {
            switch p.pointee {
            case UInt8(ascii: "\""):
                guard skipString() else { return false }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { p += 1; return true }
            default:
                break
            }
            p += 1
        }
        return false
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard end - p >= n, memcmp(p, word.utf8Start, n) == 0 else { return false }
        p += n
        return true
    }

    private mutating func parseNumber() -> JSONScalar? {
        let start = p
        var negative = false
        if p.pointee == UInt8(ascii: "-") { negative = true; p += 1 }
        var value: Int64 = 0
        var digits = 0
        var overflow = false
        while p < end, p.pointee >= UInt8(ascii: "0"), p.pointee <= UInt8(ascii: "9") {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(p.pointee - UInt8(ascii: "0")))
            overflow = overflow || o1 || o2
            value = a
            digits += 1
            p += 1
        }
        guard digits > 0 else { return nil }
        var isInteger = !overflow
        while p < end, Self.isNumberByte(p.pointee) {
            isInteger = false
            p += 1
        }
        if isInteger { return .int(negative ? -value : value) }
        let text = String(decoding: UnsafeBufferPointer(start: start, count: p - start), as: UTF8.self)
        guard let d = Double(text) else { return nil }
        return .double(d)
    }

    private static func isNumberByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: false
        }
    }

    /// Parses a string starting at the opening quote, decoding escapes.
    private mutating func parseString() -> String? {
        let start = p + 1
        guard skipString() else { return nil }
        let body = UnsafeBufferPointer(start: start, count: (p - 1) - start)
        if memchr(body.baseAddress!, Int32(UInt8(ascii: "\\")), body.count) == nil {
            return String(validating: body, as: UTF8.self)
        }
        return Self.unescape(body)
    }

    private static func unescape(_ body: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= body.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                guard let d = Character(UnicodeScalar(body[at + k])).hexDigitValue else { return nil }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        while i < body.count {
            let b = body[i]
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            guard i + 1 < body.count else { return nil }
            let e = body[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = hex4(i) else { return nil }
                i += 4
                if (0xD800..<0xDC00).contains(code) {
                    guard i + 6 <= body.count, body[i] == UInt8(ascii: "\\"), body[i + 1] == UInt8(ascii: "u"),
                        let low = hex4(i + 2), (0xDC00..<0xE000).contains(low)
                    else { return nil }
                    i += 6
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { return nil }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                return nil
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}
