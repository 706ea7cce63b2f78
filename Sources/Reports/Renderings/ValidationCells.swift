import Foundation

/// The cells of `validate`'s tables, shared by the text and the HTML page.
enum ValidationCells {
    typealias Cells = (header: [String], rows: [[String]])

    /// Metric, quantile, held out, then per setting the simulated value, the error and its interval.
    static func comparison(_ v: ValidationDocument) -> Cells {
        var header = ["metric", "", "held out", "simulated", "error", "95% interval"]
        if v.independent != nil { header += ["independent", "error", "95% interval"] }
        var rows: [[String]] = []
        for (i, r) in v.figures.rows.enumerated() {
            var row = cells(r)
            if let o = v.independent?.rows[i] {
                row += [SignificantDigits.four(o.simulated), percent(o.relativeError), interval(o)]
            }
            rows.append(row)
        }
        return (header, rows)
    }

    /// Metric, quantile, held out, simulated, the error and its interval.
    static func cells(_ r: ValidationDocument.Row) -> [String] {
        [
            r.metric, r.quantile, SignificantDigits.four(r.heldOut), SignificantDigits.four(r.simulated),
            percent(r.relativeError), interval(r),
        ]
    }

    static func tests(_ v: ValidationDocument) -> Cells {
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

    static func coverage(_ v: ValidationDocument) -> Cells {
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

    /// The held-out threads against what forecasts draw (nil without simulated replicates).
    static func mix(_ v: ValidationDocument) -> Cells? {
        guard let m = v.forecastMix else { return nil }
        var rows: [[String]] = []
        for r in m.rows {
            var row = cells(r)
            // Each metric's distance tests on its first row.
            if r.quantile == "P50", let t = m.tests.first(where: { $0.metric == r.metric }) {
                row += [String(format: "%.3f", t.ks), pValue(t.ksP)]
            } else {
                row += ["", ""]
            }
            rows.append(row)
        }
        return (["metric", "", "held out", "forecast mix", "error", "95% interval", "KS", "KS p"], rows)
    }

    /// What the forecast mix is, and how many held-out threads its bands hold.
    static func mixNote(_ v: ValidationDocument) -> String? {
        guard let m = v.forecastMix else { return nil }
        let bands = m.coverage.map { String(format: "%@ %.1f%%", $0.band, 100 * $0.observed) }.joined(separator: ", ")
        return
            "forecast mix: the \(v.replicatesSimulated) fit bootstrap replicates' simulated threads pooled (a forecast draws one replicate per trial); 95% intervals resample the held-out threads; held out inside its bands: \(bands)"
    }

    /// The two parts of a single split against each other (nil when cross-validated).
    static func split(_ v: ValidationDocument) -> Cells? {
        guard let tests = v.splitTests, !tests.isEmpty else { return nil }
        let header = ["logged metric", "training P50", "held-out P50", "difference", "KS", "KS p"]
        let rows = tests.map { t in
            [
                t.metric, SignificantDigits.four(t.trainingP50), SignificantDigits.four(t.heldOutP50),
                percent(t.heldOutP50 != 0 ? (t.trainingP50 - t.heldOutP50) / t.heldOutP50 : .nan),
                String(format: "%.3f", t.ks), pValue(t.ksP),
            ]
        }
        return (header, rows)
    }

    /// What the error intervals resample.
    static func intervalNote(_ v: ValidationDocument) -> String {
        v.replicatesSimulated > 0
            ? "95% intervals: held-out threads resampled, each resample against one of \(v.replicatesSimulated) fit bootstrap replicates' simulated threads"
            : "95% intervals: held-out threads resampled only (no fit bootstrap replicates to simulate; --bootstrap sets how many)"
    }

    /// A warning when the two parts of a single split differ by themselves.
    static func splitNote(_ v: ValidationDocument) -> String? {
        guard let tests = v.splitTests, let worst = tests.min(by: { $0.ksP < $1.ksP }), worst.ksP < 0.05 else { return nil }
        return String(
            format:
                "The training and held-out threads differ by themselves (%@: KS %.3f, p %@): no fit to one part reproduces the other closer than that; cross-validation (--folds 5) holds every thread out once.",
            worst.metric, worst.ks, pValue(worst.ksP))
    }

    /// One line on what was split and fitted.
    static func summary(_ v: ValidationDocument) -> String {
        let split =
            v.folds.map {
                "\($0)-fold cross-validation by thread id: every thread held out once, about \(v.trainingThreads) fitted per fold"
            }
            ?? "\(v.trainingThreads) fitted and \(v.heldOutThreads) held out (--holdout \(v.holdout), split by thread id)"
        return "\(v.model): \(v.threads) threads, \(split), "
            + "\(v.simulatedThreads) simulated single attempts at \(v.priceKey) base prices, seed \(v.seed)"
    }

    static func dependenceLabel(_ v: ValidationDocument) -> String {
        switch v.dependence {
        case "gaussian_copula": "Gaussian copula"
        case "t_copula": "t copula"
        case "kernel_copula": "kernel copula"
        case "mixed": "copulas differing between folds"
        default: "independent draws"
        }
    }

    static func percent(_ x: Double) -> String { x.isFinite ? String(format: "%+.1f%%", 100 * x) : "-" }

    static func interval(_ r: ValidationDocument.Row) -> String {
        guard r.lower.isFinite, r.upper.isFinite else { return "-" }
        return String(format: "%+.1f%% to %+.1f%%", 100 * r.lower, 100 * r.upper)
    }

    static func pValue(_ p: Double) -> String { p < 0.001 ? "<0.001" : String(format: "%.3f", p) }
}
