import Foundation

/// `tokencast backtest` as text: what was trained and forecast, a line per developer and the
/// total, and the coverage of P10-P90.
public enum BacktestText {
    public static func render(_ d: BacktestDocument) -> String {
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        var out =
            "Backtest: trained on threads before \(day.string(from: d.trainUntil)), forecast the next \(d.horizonDays) days (\(d.horizonWorkingDays) working days)\n"
        out +=
            "models: " + zip(d.models, d.mix).map { "\($0) (\(String(format: "%.0f", 100 * $1)) %)" }.joined(separator: ", ")
            + "\n"
        out +=
            "threads per working day fitted per developer, day-to-day dispersion pooled; \(d.trials) trials, seed \(d.seed)\n\n"
        var rows = [["developer", "train days", "threads/day", "P10", "P50", "P90", "actual", "threads", "in P10-P90"]]
        for r in d.developers + [d.total] {
            rows.append([
                r.developer, String(r.trainingDays), String(format: "%.2f", r.threadsPerDay), String(format: "$%.2f", r.p10),
                String(format: "$%.2f", r.p50), String(format: "$%.2f", r.p90), String(format: "$%.2f", r.actual),
                String(r.actualThreads),
                r.inside ? "yes" : "no",
            ])
        }
        out += PlainTable.render(rows)
        out += String(
            format: "coverage: %d of %d developers (%.0f %%) inside their P10-P90 (nominal 80 %%)\n",
            d.developers.filter(\.inside).count, d.developers.count, 100 * d.coverage)
        if d.excludedThreads > 0 {
            out +=
                "\(d.excludedThreads) threads after the date were left out (unfitted models or developers unseen in training)\n"
        }
        return out
    }
}
