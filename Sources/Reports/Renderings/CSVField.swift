import Foundation

/// A CSV field, quoted (with doubled quotes) when it holds a comma, a quote or a newline.
enum CSVField {
    static func quoted(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
