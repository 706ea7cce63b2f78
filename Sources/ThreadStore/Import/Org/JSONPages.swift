import Foundation

/// The JSON pages of a saved API response file: one page (`curl -o`), several pages one per
/// line or simply one after another (`curl` in a loop appending to one file, an OpenTelemetry
/// collector's file exporter), or a JSON array of pages (a script that collected them).
///
/// Values are found by scanning for balanced braces outside strings, so a page may span lines
/// (pretty-printed) and a line may hold a page. A value that does not parse, or does not close,
/// is reported with the line it starts on and scanning resumes on the next line: one broken
/// line of a JSON-lines file loses that line only.
struct JSONPages {
    struct Page {
        /// 1-based, in file order (elements of a top-level array count one each).
        var index: Int
        /// The line the page starts on.
        var line: Int
        var object: [String: Any]
    }

    struct Broken {
        var index: Int
        var line: Int
        var reason: String
    }

    var pages: [Page] = []
    var broken: [Broken] = []

    init(data: Data) {
        let bytes = [UInt8](data)
        var i = 0
        var line = 1
        var index = 0
        // Line starts, so that a failed value can resume at the line after the one it began on.
        func skipToNextLine(from start: Int) -> Int {
            var j = start
            while j < bytes.count, bytes[j] != UInt8(ascii: "\n") { j += 1 }
            return j
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                line += 1
                i += 1
                continue
            }
            if b == 0x20 || b == 0x09 || b == 0x0D || b == UInt8(ascii: ",") {
                i += 1
                continue
            }
            // A UTF-8 byte-order mark at the start.
            if i == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                i = 3
                continue
            }
            index += 1
            guard b == UInt8(ascii: "{") || b == UInt8(ascii: "[") else {
                let end = skipToNextLine(from: i)
                broken.append(Broken(index: index, line: line, reason: "not JSON (\(Self.preview(bytes[i..<end])))"))
                i = end
                continue
            }
            guard let end = Self.valueEnd(bytes, from: i) else {
                broken.append(Broken(index: index, line: line, reason: "a JSON value that does not close (cut short?)"))
                i = skipToNextLine(from: i)
                continue
            }
            let startLine = line
            let slice = Data(bytes[i..<end])
            do {
                let value = try JSONSerialization.jsonObject(with: slice, options: [.fragmentsAllowed])
                if let object = value as? [String: Any] {
                    pages.append(Page(index: index, line: startLine, object: object))
                } else if let array = value as? [Any] {
                    // A JSON array of pages: each element is a page of its own.
                    for (k, element) in array.enumerated() {
                        if k > 0 { index += 1 }
                        if let object = element as? [String: Any] {
                            pages.append(Page(index: index, line: startLine, object: object))
                        } else {
                            broken.append(
                                Broken(index: index, line: startLine, reason: "array element \(k + 1) is not a JSON object"))
                        }
                    }
                } else {
                    broken.append(Broken(index: index, line: startLine, reason: "not a JSON object"))
                }
                for byte in bytes[i..<end] where byte == UInt8(ascii: "\n") { line += 1 }
                i = end
            } catch {
                broken.append(Broken(index: index, line: startLine, reason: "malformed JSON"))
                i = skipToNextLine(from: i)
            }
        }
    }

    /// The index just past the value that starts at `start` ({ or [), or nil if it never closes.
    static func valueEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        var j = start
        while j < bytes.count {
            let c = bytes[j]
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch c {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return j + 1 }
                default: break
                }
            }
            j += 1
        }
        return nil
    }

    static func preview(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(40), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return bytes.count > 40 ? "\"\(text)...\"" : "\"\(text)\""
    }
}
