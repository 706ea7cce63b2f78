import Foundation

/// The `report` table: a line per model in each period, the period's total when it has more
/// than one model, and the share of plan windows used beside the total.
public enum UsageReportText {
    public static func render(_ d: UsageReportDocument) -> String {
        guard !d.groups.isEmpty else {
            return "no use stored in this window; import logs with `tokencast import claude-code` or `codex`\n"
        }
        let blocks = d.period == "blocks", sessions = d.period == "session"
        var header = [d.keyColumn]
        if blocks { header += ["end", "active"] }
        if sessions { header += ["project", "last use"] }
        header += ["model"] + UsageReportDocument.tokenColumns + ["cost", "window share"]
        let fixed = header.count - UsageReportDocument.tokenColumns.count - 3
        var rows: [[String]] = [header]
        func cells(_ g: UsageReportDocument.Group, _ r: UsageReportDocument.Row, first: Bool, shares: String) -> [String] {
            var c = [first ? g.key : ""]
            if blocks { c += first ? [g.end, g.active == true ? "active" : ""] : ["", ""] }
            if sessions { c += first ? [g.detail ?? "-", g.lastUse] : ["", ""] }
            c.append(r.model)
            c += [r.requests].map { Money.grouped(Double($0)) }
            c += [r.input, r.output, r.cacheRead, r.cacheWrite5m, r.cacheWrite1h].map { Money.grouped(Double($0)) }
            c += [r.costText, shares]
            return c
        }
        for g in d.groups {
            let shares = g.shares.map(\.text).joined(separator: ", ")
            let single = g.models.count == 1
            for (i, m) in g.models.enumerated() {
                rows.append(cells(g, m, first: i == 0, shares: single ? shares : ""))
            }
            if !single { rows.append(cells(g, g.total, first: false, shares: shares)) }
        }
        var totalRow = [String](repeating: "", count: fixed)
        totalRow[0] = "total"
        let t = d.total
        totalRow += ["all", Money.grouped(Double(t.requests))]
        totalRow += [t.input, t.output, t.cacheRead, t.cacheWrite5m, t.cacheWrite1h].map { Money.grouped(Double($0)) }
        totalRow += [t.costText, ""]
        rows.append(totalRow)
        let left = Set(0...fixed).union([header.count - 1])
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        let lines = rows.map { r in
            r.enumerated().map { c, text in
                let pad = String(repeating: " ", count: widths[c] - text.count)
                return left.contains(c) ? text + pad : pad + text
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return (lines + d.notes).joined(separator: "\n") + "\n"
    }
}
