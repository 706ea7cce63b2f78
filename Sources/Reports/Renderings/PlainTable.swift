import Foundation

/// The tables of `fit`, `validate` and `backtest`: the first row is the header, the first column
/// is left-aligned, numbers right-aligned, two spaces between columns, no trailing spaces.
enum PlainTable {
    /// A `parameters` second column (the candidate laws) is left-aligned too.
    static func render(_ rows: [[String]]) -> String {
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            r.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return i == 0 || i == 1 && r.count > 5 && rows[0][1] == "parameters" ? c + pad : pad + c
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }
}
