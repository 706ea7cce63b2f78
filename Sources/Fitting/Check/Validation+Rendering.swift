import Foundation

/// Text, JSON and CSV of a ``Validation``; the HTML page is built by the CLI from these rows
/// and `Reports`' charts.
public enum ValidationRendering {
    /// The comparison rows as table cells: metric, quantile, held out, then per setting the
    /// simulated value, the error and its interval.
    public static func rowCells(_ v: Validation) -> (header: [String], rows: [[String]]) {
        var header = ["metric", "", "held out", "simulated", "error", "95% interval"]
        if v.independent != nil { header += ["independent", "error", "95% interval"] }
        var rows: [[String]] = []
        for (i, r) in v.figures.rows.enumerated() {
            var row = [r.metric, r.quantile, formatNumber(r.heldOut), formatNumber(r.simulated), percent(r.relativeError), interval(r)]
            if let o = v.independent?.rows[i] { row += [formatNumber(o.simulated), percent(o.relativeError), interval(o)] }
            rows.append(row)
        }
        return (header, rows)
    }

    public static func testCells(_ v: Validation) -> (header: [String], rows: [[String]]) {
        var header = ["metric", "KS", "KS p", "AD", "AD p"]
        if v.independent != nil { header += ["KS indep.", "AD indep."] }
        var rows: [[String]] = []
        for (i, t) in v.figures.tests.enumerated() {
            var row = [t.metric, String(format: "%.3f", t.ks), pValue(t.ksP), String(format: "%.2f", t.ad), pValue(t.adP)]
            if let o = v.independent?.tests[i] { row += [String(format: "%.3f", o.ks), String(format: "%.2f", o.ad)] }
            rows.append(row)
        }
        return (header, rows)
    }

    public static func coverageCells(_ v: Validation) -> (header: [String], rows: [[String]]) {
        var header = ["simulated band", "nominal", "held out inside"]
        if v.independent != nil { header.append("independent") }
        var rows: [[String]] = []
        for (i, c) in v.figures.coverage.enumerated() {
            var row = [c.band, String(format: "%.0f%%", 100 * c.nominal), String(format: "%.1f%%", 100 * c.observed)]
            if let o = v.independent?.coverage[i] { row.append(String(format: "%.1f%%", 100 * o.observed)) }
            rows.append(row)
        }
        return (header, rows)
    }

    /// One line on what was split and fitted.
    public static func summary(_ v: Validation) -> String {
        let split = v.folds.map { "\($0)-fold cross-validation by thread id: every thread held out once, about \(v.trainingThreads) fitted per fold" }
            ?? "\(v.trainingThreads) fitted and \(v.heldOutThreads) held out (--holdout \(v.holdout), split by thread id)"
        return "\(v.model): \(v.threads) threads, \(split), "
            + "\(v.simulatedThreads) simulated single attempts at \(v.priceKey) base prices, seed \(v.seed)"
    }

    public static func text(_ v: Validation) -> String {
        var out = "Out-of-sample check of \(summary(v))\n"
        out += "dependence: \(dependenceLabel(v)); \(v.dependenceReason)\n\n"
        let r = rowCells(v)
        out += table([r.header] + r.rows) + "\n"
        let t = testCells(v)
        out += table([t.header] + t.rows) + "\n"
        let c = coverageCells(v)
        out += table([c.header] + c.rows)
        return out
    }

    public static func json(_ v: Validation) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(v), as: UTF8.self) + "\n"
    }

    public static func csv(_ v: Validation) -> String {
        var lines = ["model,dependence,metric,quantile,held_out,simulated,relative_error,lower_95,upper_95"]
        for (label, figures) in [("as_fitted", Optional(v.figures)), ("independent", v.independent)] {
            guard let figures else { continue }
            for r in figures.rows {
                lines.append("\(v.model),\(label),\(r.metric),\(r.quantile),\(r.heldOut),\(r.simulated),\(r.relativeError),\(r.lower),\(r.upper)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func dependenceLabel(_ v: Validation) -> String {
        switch v.dependence {
        case "gaussian_copula": "Gaussian copula"
        case "mixed": "Gaussian copula in some folds"
        default: "independent draws"
        }
    }

    static func percent(_ x: Double) -> String { x.isFinite ? String(format: "%+.1f%%", 100 * x) : "-" }
    static func interval(_ r: Validation.Row) -> String {
        guard r.lower.isFinite, r.upper.isFinite else { return "-" }
        return String(format: "%+.1f%% to %+.1f%%", 100 * r.lower, 100 * r.upper)
    }
    static func pValue(_ p: Double) -> String { p < 0.001 ? "<0.001" : String(format: "%.3f", p) }
}

/// Left-aligned first column, right-aligned numbers, two spaces between columns.
func table(_ rows: [[String]]) -> String {
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
