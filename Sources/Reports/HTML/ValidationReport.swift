/// The HTML page of `tokencast validate`: the comparison tables, a QQ plot of cost and the
/// held-out and simulated CDFs overlaid.
public enum ValidationReport {
    public static func html(_ v: ValidationDocument) -> HTMLReport {
        let dependence = "Dependence: " + ValidationCells.dependenceLabel(v) + "; " + v.dependenceReason
        let comparison = ValidationCells.comparison(v), tests = ValidationCells.tests(v), coverage = ValidationCells.coverage(v)
        let costQuantiles = v.costQuantiles.map { ($0[0], $0[1], $0[2]) }
        var report = HTMLReport(title: "Out-of-sample check: \(v.model)", subtitle: ValidationCells.summary(v))
        // Columns from `firstNumeric` on are numeric (the first two hold the metric and quantile).
        func table(_ cells: ValidationCells.Cells, caption: String, firstNumeric: Int = 2) -> HTMLTable {
            var t = HTMLTable(
                caption: caption, header: cells.header, numeric: Set(firstNumeric..<max(cells.header.count, firstNumeric)))
            for r in cells.rows { t.add(r) }
            return t
        }
        // A document without quantiles (built by hand, not by `validate`) gets no empty charts.
        if !costQuantiles.isEmpty {
            report.add(
                HTMLSection(
                    id: "charts", title: "Cost per thread: held out against simulated",
                    blocks: [
                        .charts([
                            QuantileCharts.qq(
                                costQuantiles.map { ($0.1, $0.2) }, title: "QQ plot, 1st to 99th percentile", unit: "USD"),
                            QuantileCharts.cdfs(
                                costQuantiles, title: "Cumulative distributions", xTitle: "Cost per thread (USD)"),
                        ]),
                        .note(
                            "Points on the dashed diagonal are quantiles the forecast gets right; above it the forecast is high."
                        ),
                    ]))
        }
        report.add(
            HTMLSection(
                id: "errors", title: "Relative errors",
                blocks: [
                    .paragraph(dependence),
                    .table(
                        table(comparison, caption: "Simulated against held-out threads")),
                    .note(ValidationCells.intervalNote(v)),
                ]))
        report.add(
            HTMLSection(
                id: "tests", title: "Distribution tests and calibration",
                blocks: [
                    .table(table(tests, caption: "Kolmogorov-Smirnov and Anderson-Darling, held out against simulated")),
                    .table(table(coverage, caption: "Share of held-out threads inside the simulated bands")),
                ]))
        if let mix = ValidationCells.mix(v), let note = ValidationCells.mixNote(v) {
            report.add(
                HTMLSection(
                    id: "mix", title: "What forecasts draw",
                    blocks: [
                        .table(table(mix, caption: "Held-out threads against the fit's bootstrap replicates pooled")),
                        .note(note),
                    ]))
        }
        if let split = ValidationCells.split(v) {
            var blocks: [HTMLBlock] = [
                .table(table(split, caption: "Logged training threads against logged held-out threads", firstNumeric: 1))
            ]
            if let note = ValidationCells.splitNote(v) { blocks.append(.paragraph(note)) }
            report.add(HTMLSection(id: "split", title: "The split itself", blocks: blocks))
        }
        return report
    }
}
