/// The distribution of one developer's spend over the forecast horizon.
public struct DeveloperForecast: Sendable {
    public var trials: Int
    public var seed: UInt64
    public var months: [String]
    /// Spend over the whole horizon (a year by default), one value per trial.
    public var annualByTrial: [Double]
    public var annual: SpendSummary
    /// Per month, the spend over trials.
    public var monthly: [SpendSummary]
    /// Sums over every simulated thread of every trial.
    public var totals: ThreadTotals
    public var models: [ModelForecast]
    public var elapsedSeconds: Double

    /// Threads a developer runs over the horizon, averaged over trials.
    public var threadsPerTrial: Double { Double(totals.threads) / Double(max(trials, 1)) }
}

/// One model's part of a forecast.
public struct ModelForecast: Sendable {
    public var name: String
    /// The price catalog key the model is billed under.
    public var priceKey: String
    public var totals: ThreadTotals
    /// This model's spend over the horizon, over trials.
    public var annual: SpendSummary
    /// Cost of single threads (from a sample of simulated threads).
    public var threadCost: SpendSummary
    public var medianThreadMinutes: Double?
    /// Mean turns per attempt.
    public var turnsPerAttempt: Double { totals.attempts > 0 ? totals.turns / Double(totals.attempts) : 0 }
    public var attemptsPerThread: Double { totals.threads > 0 ? Double(totals.attempts) / Double(totals.threads) : 0 }
    public var completionRate: Double { totals.threads > 0 ? Double(totals.completed) / Double(totals.threads) : 0 }
}
