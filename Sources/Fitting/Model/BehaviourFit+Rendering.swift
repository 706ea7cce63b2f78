import Foundation

extension BehaviourFit {
    /// The fit as text tables: data, candidate laws per quantity, parameters with bootstrap
    /// intervals, and the fit check.
    public func renderedTable(id: Int64?) -> String {
        var out = ""
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        let window = "\(since.map(day.string(from:)) ?? "start") to \(until.map(day.string(from:)) ?? "end")"
        out += "Fit\(id.map { " #\($0)" } ?? "") of \(model): \(threads) threads (\(threadsWithRequests) with request rows), \(window)\n"
        out += "seed \(seed), \(bootstrapReplicates) bootstrap replicates (threads resampled)\n\n"
        var laws = [("turns per attempt", turns), ("fresh input tokens per turn", freshInputPerTurn), ("output tokens per turn", outputPerTurn)]
        if let baseContext { laws.append(("base context per thread", baseContext)) }
        for (title, report) in laws {
            let zeros = report.chosen.parameters["zero_share"].map { String(format: ", %.1f %% of threads at 0", 100 * $0) } ?? ""
            out += "\(title) (\(report.observations) threads\(zeros)), chosen by AIC: \(report.chosen.family)\n"
            var rows = [["law", "parameters", "logL", "AIC", "BIC", "KS", "KS p", "AD", "AD p"]]
            for c in report.candidates {
                rows.append([
                    c.law.family, c.law.parameters.keys.sorted().map { "\($0) \(formatNumber(c.law.parameters[$0] ?? .nan))" }.joined(separator: ", "),
                    String(format: "%.1f", c.logLikelihood), String(format: "%.1f", c.aic), String(format: "%.1f", c.bic),
                    String(format: "%.4f", c.ks), c.ksP.map { String(format: "%.3f", $0) } ?? "-",
                    String(format: "%.3f", c.ad), c.adP.map { String(format: "%.3f", $0) } ?? "-",
                ])
            }
            out += table(rows) + "\n"
        }
        out += "base context: least squares on \(baseContextMethod == "requests" ? "request rows (\(baseContextRows) threads)" : "thread totals (\(baseContextRows) threads)")"
        out += baseContext == nil ? ", one constant\n" : ", then split per thread (docs/fitting.md)\n"
        out += "cache hit rate: \(estimate.cacheHitRate.summary) from \(cacheHitRateThreads) threads (cache_read / re-sent input)\n"
        if let o = outcomes {
            out += "outcomes: \(o.threads) threads (\(o.success) success, \(o.failure) failure, \(o.abandoned) abandoned)\n"
        } else {
            out += "outcomes: not logged; one-shot and off-the-rails rates are left to the scenario\n"
        }
        if let d = threadsPerDay {
            out += "threads per working day: \(d.developerDays) developer-days, \(d.perDeveloper.count) developers, developer CV \(formatNumber(d.developerCV))\n"
        }
        if let r = structure {
            out += "request rows (\(r.threads) threads, \(r.increments) turn-to-turn steps) against MODEL.md's per-turn form:\n"
            for v in r.verdicts { out += "  - \(v)\n" }
        }
        if let d = dependence {
            out += "dependence: \(d.chosen == "gaussian_copula" ? "Gaussian copula" : "independent draws"); \(d.reason)\n"
        }
        out += "\n"
        var rows = [["parameter", "estimate", "95% lower", "95% upper"]]
        if let o = outcomes {
            rows.append(["one_shot_rate (posterior)", formatNumber(o.oneShot.mean), formatNumber(o.oneShot.lower), formatNumber(o.oneShot.upper)])
            rows.append(["off_the_rails_rate (posterior)", formatNumber(o.offTheRails.mean), formatNumber(o.offTheRails.lower), formatNumber(o.offTheRails.upper)])
        }
        for i in intervals {
            rows.append([i.name, formatNumber(i.estimate), formatNumber(i.lower), formatNumber(i.upper)])
        }
        for i in dependence?.correlations ?? [] {
            rows.append(["correlation \(i.name)", formatNumber(i.estimate), formatNumber(i.lower), formatNumber(i.upper)])
        }
        out += table(rows) + "\n"
        if let check {
            out += "fit check: \(check.simulatedThreads) simulated threads vs \(check.loggedThreads) logged, at \(check.priceKey) base prices\n"
            if let off = check.independentRows, off.count == check.rows.count {
                var rows = [["metric", "", "logged", "dependent", "error", "independent", "error"]]
                for (r, o) in zip(check.rows, off) {
                    rows.append([
                        r.metric, r.quantile, formatNumber(r.logged), formatNumber(r.simulated), String(format: "%+.1f%%", 100 * r.relativeError),
                        formatNumber(o.simulated), String(format: "%+.1f%%", 100 * o.relativeError),
                    ])
                }
                out += table(rows)
            } else {
                var rows = [["metric", "", "logged", "simulated", "error"]]
                for r in check.rows {
                    rows.append([r.metric, r.quantile, formatNumber(r.logged), formatNumber(r.simulated), String(format: "%+.1f%%", 100 * r.relativeError)])
                }
                out += table(rows)
            }
            out += "KS distance: " + check.ks.keys.sorted().map { "\($0) \(String(format: "%.3f", check.ks[$0] ?? .nan))" }.joined(separator: ", ")
            if let off = check.independentKS {
                out += "; independent: " + off.keys.sorted().map { "\($0) \(String(format: "%.3f", off[$0] ?? .nan))" }.joined(separator: ", ")
            }
            out += "\n"
        } else {
            out += "fit check: skipped (the price catalog has no price for \(model))\n"
        }
        return out
    }

    /// Parameters with intervals as CSV rows (no header).
    public func csvRows() -> [String] {
        var rows: [String] = []
        if let o = outcomes {
            rows.append("\(model),one_shot_rate,\(o.oneShot.mean),\(o.oneShot.lower),\(o.oneShot.upper)")
            rows.append("\(model),off_the_rails_rate,\(o.offTheRails.mean),\(o.offTheRails.lower),\(o.offTheRails.upper)")
        }
        for i in intervals where !["one_shot_rate", "off_the_rails_rate"].contains(i.name) {
            rows.append("\(model),\(i.name),\(i.estimate),\(i.lower),\(i.upper)")
        }
        return rows
    }
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
