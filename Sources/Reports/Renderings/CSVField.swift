import Foundation

/// A CSV field, quoted (with doubled quotes) when it holds a comma, a quote or a line break
/// (RFC 4180), so that a spreadsheet reads it back as one cell.
enum CSVField {
    static func quoted(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
