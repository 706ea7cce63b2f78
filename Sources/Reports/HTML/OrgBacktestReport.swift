/// The HTML page of `tokencast backtest org`: a fan chart per series with the actual months
/// over it, and the coverage table.
public enum OrgBacktestReport {
    public static func html(_ d: OrgBacktestDocument) -> HTMLReport {
        var report = HTMLReport(
            title: "Backtest: \(d.source)",
            subtitle:
                "Trained on \(d.trainMonths.first ?? "")..\(d.trainMonths.last ?? ""), compared on \(d.testMonths.first ?? "")..\(d.testMonths.last ?? "")"
        )
        var summary = HTMLTable(
            caption: "Months inside the forecast's P10-P90 band (nominal 80 %) and the P50's error",
            header: ["team", "inside", "coverage", "P50 error (mean abs)"],
            numeric: [1, 2, 3])
        for s in d.series {
            summary.add([
                s.team, "\(s.months.filter(\.inside).count)/\(s.months.count)", Money.percent(s.coverage, digits: 0),
                Money.percent(s.meanAbsoluteP50Error, digits: 1),
            ])
        }
        report.add(HTMLSection(id: "coverage", title: "Coverage", blocks: [.table(summary)]))
        let charts = d.series.map { s in
            FanChart.render(
                s.months.map { FanPoint(label: $0.month, p10: $0.p10, p50: $0.p50, p90: $0.p90) },
                title: s.team == "total" ? "Total" : "Team \(s.team)", yTitle: "Spend per month (USD)",
                actual: s.months.map(\.actual))
        }
        report.add(
            HTMLSection(
                id: "fans", title: "Forecast bands and what happened",
                blocks: [.charts(charts), .note("Dark points are the actual months; the band is the forecast's P10-P90.")]))
        var detail = HTMLTable(
            caption: "Each month", header: ["team", "month", "P10", "P50", "P90", "actual", "inside"], numeric: [2, 3, 4, 5])
        for s in d.series {
            for m in s.months {
                detail.add([
                    s.team, m.month, Money.full(m.p10), Money.full(m.p50), Money.full(m.p90), Money.full(m.actual),
                    m.inside ? "yes" : (m.actual > m.p90 ? "above" : "below"),
                ])
            }
        }
        report.add(HTMLSection(id: "months", title: "Months", blocks: [.table(detail)] + d.notes.map { .note($0) }))
        return report
    }
}
