/// `tokencast backtest` as CSV: a row per developer, then the total.
public enum BacktestCSV {
    public static func render(_ d: BacktestDocument) -> String {
        var lines = ["developer,training_days,threads_per_day,p10,p50,p90,actual,actual_threads,inside"]
        for r in d.developers + [d.total] {
            lines.append(
                "\(r.developer),\(r.trainingDays),\(r.threadsPerDay),\(r.p10),\(r.p50),\(r.p90),\(r.actual),\(r.actualThreads),\(r.inside)"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
