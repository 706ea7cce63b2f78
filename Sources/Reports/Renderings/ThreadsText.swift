import Foundation

/// The `threads` table: a line per model and month, the total, where the prices come from.
public enum ThreadsText {
    public static func render(_ d: ThreadsDocument) -> String {
        guard !d.rows.isEmpty else { return "no threads stored; import logs with `tokencast import`\n" }
        let columns = ThreadsDocument.columns
        let body = d.rows.map { ThreadsDocument.cells($0, human: true) } + [ThreadsDocument.cells(d.total, human: true)]
        let all = [columns] + body
        let widths = columns.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, text in
                let pad = String(repeating: " ", count: widths[c] - text.count)
                return c < 2 ? text + pad : pad + text
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var out = [line(columns)]
        out += body.dropLast().map(line)
        out.append(line(body.last!.enumerated().map { $0 == 0 ? "total" : ($0 == 1 ? "" : $1) }))
        out.append("prices: \(d.priceSource); cost is API-equivalent at base prices (context tiers not applied)")
        if let note = d.unpricedNote { out.append(note) }
        return out.joined(separator: "\n") + "\n"
    }
}
