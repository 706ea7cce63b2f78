import Foundation

/// `tokencast fit` as text: per model the data, candidate laws per quantity, parameters with
/// bootstrap intervals, the fit check, and where the fit was stored.
public enum FitText {
    public static func render(_ d: FitDocument) -> String {
        d.fits.map { fit in
            table(fit)
                + (fit.id.map { "stored as fit #\($0); use it in a scenario with fit: latest or fit: \($0)\n" }
                    ?? "not stored (--dry-run)\n")
        }.joined(separator: "\n")
    }

    /// Which families the bootstrap replicates chose, when not all chose the fitted one: the
    /// forecast draws one replicate per trial, so that is its mix of families.
    static func replicateFamilies(_ report: FitDocument.Selection) -> String {
        let total = report.replicateFamilies.reduce(0) { $0 + $1.count }
        guard total > 0, report.replicateFamilies.contains(where: { $0.family != report.chosen.family }) else { return "" }
        let mix = report.replicateFamilies.map { "\($0.family) \($0.count)" }.joined(separator: ", ")
        return
            "bootstrap replicates, each choosing its family by AIC on its resample: \(mix) of \(total) (forecasts draw this mix)\n"
    }

    static func table(_ f: FitDocument.Fit) -> String {
        let number = SignificantDigits.four
        var out = ""
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        let window = "\(f.since.map(day.string(from:)) ?? "start") to \(f.until.map(day.string(from:)) ?? "end")"
        out +=
            "Fit\(f.id.map { " #\($0)" } ?? "") of \(f.model): \(f.threads) threads (\(f.threadsWithRequests) with request rows), \(window)\n"
        out += "seed \(f.seed), \(f.bootstrapReplicates) bootstrap replicates (threads resampled)\n\n"
        for report in f.laws {
            let zeros = report.chosen.parameters["zero_share"].map { String(format: ", %.1f %% of threads at 0", 100 * $0) } ?? ""
            out += "\(report.title) (\(report.observations) threads\(zeros)), chosen by AIC: \(report.chosen.family)\n"
            out += replicateFamilies(report)
            var rows = [["law", "parameters", "logL", "AIC", "BIC", "KS", "KS p", "AD", "AD p"]]
            for c in report.candidates {
                rows.append([
                    c.law.family,
                    c.law.parameters.keys.sorted().map { "\($0) \(number(c.law.parameters[$0] ?? .nan))" }.joined(
                        separator: ", "),
                    String(format: "%.1f", c.logLikelihood), String(format: "%.1f", c.aic), String(format: "%.1f", c.bic),
                    String(format: "%.4f", c.ks), c.ksP.map { String(format: "%.3f", $0) } ?? "-",
                    String(format: "%.3f", c.ad), c.adP.map { String(format: "%.3f", $0) } ?? "-",
                ])
            }
            out += PlainTable.render(rows) + "\n"
        }
        out +=
            "base context: least squares on \(f.baseContextFromRequests ? "request rows (\(f.baseContextRows) threads)" : "thread totals (\(f.baseContextRows) threads)")"
        out += f.baseContextPerThread ? ", then split per thread (docs/fitting.md)\n" : ", one constant\n"
        out += "cache hit rate: \(f.cacheHitRate.summary) from \(f.cacheHitRateThreads) threads (cache_read / re-sent input)\n"
        if let v = f.cacheHitSpread { out += "cache hit spread by thread length: \(v)\n" }
        if let o = f.outcomes {
            out += "outcomes: \(o.threads) threads (\(o.success) success, \(o.failure) failure, \(o.abandoned) abandoned)\n"
        } else {
            out += "outcomes: not logged; one-shot and off-the-rails rates are left to the scenario\n"
        }
        if let d = f.threadsPerDay {
            out +=
                "threads per working day: \(d.developerDays) developer-days, \(d.developers) developers, developer CV \(number(d.developerCV))\n"
        }
        if let r = f.requestRows {
            out += "request rows (\(r.threads) threads, \(r.increments) turn-to-turn steps) against MODEL.md's per-turn form:\n"
            for v in r.verdicts { out += "  - \(v)\n" }
        }
        if let d = f.dependence {
            out += "dependence: \(d.family); \(d.reason)\n"
        }
        out += "\n"
        var rows = [["parameter", "estimate", "95% lower", "95% upper"]]
        if let o = f.outcomes {
            rows.append([
                "one_shot_rate (posterior)", number(o.oneShot.estimate), number(o.oneShot.lower), number(o.oneShot.upper),
            ])
            rows.append([
                "off_the_rails_rate (posterior)", number(o.offTheRails.estimate), number(o.offTheRails.lower),
                number(o.offTheRails.upper),
            ])
        }
        // A bound that could not be computed is a dash; an interval from some of the replicates
        // (those that chose the estimate's family) says from how many.
        func bound(_ x: Double) -> String { x.isFinite ? number(x) : "-" }
        for i in f.intervals {
            let from = i.replicates.map { " (\($0) of \(f.bootstrapReplicates) replicates)" } ?? ""
            rows.append([i.name + from, number(i.estimate), bound(i.lower), bound(i.upper)])
        }
        if let i = f.dependence?.degreesOfFreedom {
            rows.append(["t copula degrees_of_freedom", number(i.estimate), number(i.lower), number(i.upper)])
        }
        for i in f.dependence?.correlations ?? [] {
            rows.append(["correlation \(i.name)", number(i.estimate), number(i.lower), number(i.upper)])
        }
        out += PlainTable.render(rows) + "\n"
        if let check = f.check {
            out +=
                "fit check: \(check.simulatedThreads) simulated threads vs \(check.loggedThreads) logged, at \(check.priceKey) base prices\n"
            if let off = check.independentRows, off.count == check.rows.count {
                var rows = [["metric", "", "logged", "dependent", "error", "independent", "error"]]
                for (r, o) in zip(check.rows, off) {
                    rows.append([
                        r.metric, r.quantile, number(r.logged), number(r.simulated),
                        String(format: "%+.1f%%", 100 * r.relativeError),
                        number(o.simulated), String(format: "%+.1f%%", 100 * o.relativeError),
                    ])
                }
                out += PlainTable.render(rows)
            } else {
                var rows = [["metric", "", "logged", "simulated", "error"]]
                for r in check.rows {
                    rows.append([
                        r.metric, r.quantile, number(r.logged), number(r.simulated),
                        String(format: "%+.1f%%", 100 * r.relativeError),
                    ])
                }
                out += PlainTable.render(rows)
            }
            out +=
                "KS distance: "
                + check.ks.keys.sorted().map { "\($0) \(String(format: "%.3f", check.ks[$0] ?? .nan))" }.joined(separator: ", ")
            if let off = check.independentKS {
                out +=
                    "; independent: "
                    + off.keys.sorted().map { "\($0) \(String(format: "%.3f", off[$0] ?? .nan))" }.joined(separator: ", ")
            }
            out += "\n"
        } else {
            out += "fit check: skipped (the price catalog has no price for \(f.model))\n"
        }
        return out
    }
}
