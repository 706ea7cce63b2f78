/// The HTML page of `tokencast report`: the totals, the cost of the latest periods as bars, and
/// the table of every period and model with its window shares.
public enum UsageReportPage {
    /// Bars drawn at most: a year of days would be a chart nobody can read; the table has all.
    static let maxBars = 40

    public static func html(_ d: UsageReportDocument) -> HTMLReport {
        var report = HTMLReport(
            title: "Usage by \(d.keyColumn)", subtitle: "tokencast report \(d.period) · times in \(d.timeZone)")
        var figures = [
            HeadlineFigure(label: "API-equivalent cost", value: d.total.costText, note: d.priceSource),
            HeadlineFigure(label: "Requests", value: Money.grouped(Double(d.total.requests))),
            HeadlineFigure(label: "Periods", value: String(d.groups.count), note: d.period),
        ]
        if let active = d.groups.last(where: { $0.active == true }) {
            figures.append(HeadlineFigure(label: "Active block", value: active.total.costText, note: "until \(active.end)"))
        }
        var blocks: [HTMLBlock] = [.figures(figures)]
        let shown = d.groups.suffix(maxBars)
        if shown.contains(where: { ($0.total.costUSD ?? 0) > 0 }) {
            let bars = shown.map { g in
                Bar(
                    label: g.key, value: g.total.costUSD ?? 0, valueLabel: g.total.costText,
                    style: g.active == true ? "highlight" : "")
            }
            let title =
                d.groups.count > maxBars
                ? "Cost of the latest \(maxBars) of \(d.groups.count) periods" : "Cost per \(d.keyColumn)"
            // Cents-sized periods need more than the axis's two decimals.
            blocks.append(
                .charts([
                    BarChart.render(
                        Array(bars), title: title, xTitle: "API-equivalent cost (USD)",
                        format: { abs($0) < 1 ? Money.full($0) : AxisFormat.money($0) })
                ]))
        }
        report.add(HTMLSection(id: "summary", title: "Summary", blocks: blocks))

        var header = [d.keyColumn]
        if d.period == "blocks" { header += ["end", "active"] }
        if d.period == "session" { header += ["project", "last use"] }
        let fixed = header.count
        header += [
            "model", "requests", "input", "output", "cache read", "cache write 5m", "cache write 1h", "cost", "window share",
        ]
        var table = HTMLTable(
            caption: "Tokens by class and API-equivalent cost", header: header, numeric: Set((fixed + 1)..<(header.count - 1)))
        // A day or time wraps at its hyphens and space in a narrow column: keep it on one line
        // (no-break space and non-breaking hyphens).
        func time(_ s: String) -> String {
            s.replacingOccurrences(of: " ", with: "\u{00A0}").replacingOccurrences(of: "-", with: "\u{2011}")
        }
        for g in d.groups {
            let rows = g.models.count == 1 ? g.models : g.models + [g.total]
            for (i, r) in rows.enumerated() {
                var cells = [i == 0 ? (d.period == "session" ? g.key : time(g.key)) : ""]
                if d.period == "blocks" { cells += i == 0 ? [time(g.end), g.active == true ? "active" : ""] : ["", ""] }
                if d.period == "session" { cells += i == 0 ? [g.detail ?? "-", time(g.lastUse)] : ["", ""] }
                cells.append(r.model)
                cells += [Int64(r.requests), r.input, r.output, r.cacheRead, r.cacheWrite5m, r.cacheWrite1h].map {
                    Money.grouped(Double($0))
                }
                cells += [r.costText, i == rows.count - 1 ? g.shares.map(\.text).joined(separator: ", ") : ""]
                table.add(cells)
            }
        }
        report.add(HTMLSection(id: "periods", title: "Periods", blocks: [.table(table)] + d.notes.map { .note($0) }))
        return report
    }
}
