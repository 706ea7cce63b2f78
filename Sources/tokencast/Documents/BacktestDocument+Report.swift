import Fitting
import Reports

extension BacktestDocument {
    /// The `backtest` document of a backtest's report.
    init(_ r: Backtest.Report) {
        func row(_ x: Backtest.Row) -> Row {
            Row(
                developer: x.developer, trainingDays: x.trainingDays, threadsPerDay: x.threadsPerDay, p10: x.p10, p50: x.p50,
                p90: x.p90,
                actual: x.actual, actualThreads: x.actualThreads, inside: x.inside)
        }
        self.init(
            trainUntil: r.trainUntil, horizonDays: r.horizonDays, horizonWorkingDays: r.horizonWorkingDays, models: r.models,
            mix: r.mix,
            developers: r.developers.map(row), total: row(r.total), coverage: r.coverage, excludedThreads: r.excludedThreads,
            trials: r.trials, seed: r.seed)
    }
}
