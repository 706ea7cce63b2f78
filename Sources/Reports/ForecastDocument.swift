import Scenario
import Simulation

/// The JSON form of a developer forecast (`--format json`); docs/output.md documents every field.
public struct ForecastDocument: Codable, Sendable {
    public var tool = "tokencast"
    public var version: String
    public var kind = "developer-forecast"
    public var scenario: String
    public var file: String
    public var trials: Int
    public var seed: UInt64
    public var months: [String]
    public var workingDays: [Int]
    public var elapsedSeconds: Double
    public var currency = "USD"
    /// Spend per developer over the whole horizon.
    public var annual: SpendSummary
    public var monthly: [Month]
    public var threadsPerYear: Double
    public var costPerThread: Double
    public var costPerCompletedTask: Double
    public var wasteShare: Double
    public var attemptsPerThread: Double
    public var completionRate: Double
    public var models: [Model]

    public struct Month: Codable, Sendable {
        public var month: String
        public var spend: SpendSummary
    }

    public struct Model: Codable, Sendable {
        public var name: String
        public var priceKey: String
        public var preset: String?
        public var shareOfThreads: Double
        public var threadsPerYear: Double
        public var costPerThread: Double
        public var costPerCompletedTask: Double
        public var wasteShare: Double
        public var attemptsPerThread: Double
        public var turnsPerAttempt: Double
        public var completionRate: Double
        public var shareOfSpend: Double
        public var annual: SpendSummary
        public var threadCost: SpendSummary
        public var threadMinutesP50: Double?
        /// Mean tokens per thread by class (input, cache_read, cache_write, output and the same above the price tier).
        public var tokensPerThread: [String: Double]
        public var published: Published?
    }

    public struct Published: Codable, Sendable {
        public var source: String?
        public var averageThreadCost: Double?
        public var wasteShare: Double?
        public var threadMinutesP50: Double?
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, kind, scenario, file, trials, seed, months
        case workingDays = "working_days", elapsedSeconds = "elapsed_seconds", currency, annual, monthly
        case threadsPerYear = "threads_per_year", costPerThread = "cost_per_thread"
        case costPerCompletedTask = "cost_per_completed_task", wasteShare = "waste_share"
        case attemptsPerThread = "attempts_per_thread", completionRate = "completion_rate", models
    }

    public init(scenario: Scenario, forecast f: DeveloperForecast, version: String) {
        self.version = version
        self.scenario = scenario.name
        self.file = scenario.file
        trials = f.trials
        seed = f.seed
        months = f.months
        workingDays = scenario.calendar.workingDays
        elapsedSeconds = f.elapsedSeconds
        annual = f.annual
        monthly = zip(f.months, f.monthly).map { Month(month: $0, spend: $1) }
        let t = f.totals
        threadsPerYear = f.threadsPerTrial
        costPerThread = t.costPerThread
        costPerCompletedTask = t.costPerCompletedTask.isFinite ? t.costPerCompletedTask : 0
        wasteShare = t.wasteShare
        attemptsPerThread = t.threads > 0 ? Double(t.attempts) / Double(t.threads) : 0
        completionRate = t.threads > 0 ? Double(t.completed) / Double(t.threads) : 0
        let totalCost = t.cost.value
        models = zip(scenario.models, f.models).enumerated().map { i, pair in
            let (sm, m) = pair
            let threads = Double(max(m.totals.threads, 1))
            var tokens: [String: Double] = [:]
            for c in 0..<8 { tokens[TokenClassNames.all[c]] = m.totals.tokens[c] / threads }
            return Model(
                name: m.name, priceKey: m.priceKey, preset: sm.preset, shareOfThreads: scenario.mix[i],
                threadsPerYear: Double(m.totals.threads) / Double(max(f.trials, 1)),
                costPerThread: m.totals.costPerThread,
                costPerCompletedTask: m.totals.costPerCompletedTask.isFinite ? m.totals.costPerCompletedTask : 0,
                wasteShare: m.totals.wasteShare, attemptsPerThread: m.attemptsPerThread,
                turnsPerAttempt: m.turnsPerAttempt, completionRate: m.completionRate,
                shareOfSpend: totalCost > 0 ? m.totals.cost.value / totalCost : 0, annual: m.annual,
                threadCost: m.threadCost, threadMinutesP50: m.medianThreadMinutes, tokensPerThread: tokens,
                published: sm.published.map {
                    Published(
                        source: $0.source, averageThreadCost: $0.averageThreadCost, wasteShare: $0.wasteShare,
                        threadMinutesP50: $0.medianThreadMinutes)
                })
        }
    }
}

extension ForecastDocument.Model {
    enum CodingKeys: String, CodingKey {
        case name, priceKey = "price_key", preset, shareOfThreads = "share_of_threads"
        case threadsPerYear = "threads_per_year", costPerThread = "cost_per_thread"
        case costPerCompletedTask = "cost_per_completed_task", wasteShare = "waste_share"
        case attemptsPerThread = "attempts_per_thread", turnsPerAttempt = "turns_per_attempt"
        case completionRate = "completion_rate", shareOfSpend = "share_of_spend", annual
        case threadCost = "thread_cost", threadMinutesP50 = "thread_minutes_p50"
        case tokensPerThread = "tokens_per_thread", published
    }
}

extension ForecastDocument.Published {
    enum CodingKeys: String, CodingKey {
        case source, averageThreadCost = "average_thread_cost", wasteShare = "waste_share"
        case threadMinutesP50 = "thread_minutes_p50"
    }
}

/// Names of the token classes in ``Pricing/TokenClass`` order, as reports spell them.
public enum TokenClassNames {
    public static let all = [
        "input", "cache_read", "cache_write", "output",
        "input_above_tier", "cache_read_above_tier", "cache_write_above_tier", "output_above_tier",
    ]
}
