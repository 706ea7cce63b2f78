import Foundation

/// What `tokencast backtest` reports: a forecast fitted on the logs before a date against the
/// spend after it, per developer and in total.
///
/// Encodes as the command's JSON (`train_until`, `horizon_days`, ...).
public struct BacktestDocument: Sendable, Encodable {
    /// One developer (or the total): the forecast's P10/P50/P90 against the actual spend.
    public struct Row: Sendable, Encodable {
        public var developer: String
        public var trainingDays: Int
        public var threadsPerDay: Double
        public var p10, p50, p90: Double
        public var actual: Double
        public var actualThreads: Int
        /// Whether the actual spend is within P10-P90.
        public var inside: Bool

        public init(
            developer: String, trainingDays: Int, threadsPerDay: Double, p10: Double, p50: Double, p90: Double, actual: Double,
            actualThreads: Int, inside: Bool
        ) {
            self.developer = developer
            self.trainingDays = trainingDays
            self.threadsPerDay = threadsPerDay
            self.p10 = p10
            self.p50 = p50
            self.p90 = p90
            self.actual = actual
            self.actualThreads = actualThreads
            self.inside = inside
        }

        enum CodingKeys: String, CodingKey {
            case developer, p10, p50, p90, actual, inside
            case trainingDays = "training_days", threadsPerDay = "threads_per_day", actualThreads = "actual_threads"
        }
    }

    public var trainUntil: Date
    public var horizonDays, horizonWorkingDays: Int
    /// The models fitted and their shares of the training threads.
    public var models: [String]
    public var mix: [Double]
    public var developers: [Row]
    public var total: Row
    /// Share of developers whose actual spend is within P10-P90.
    public var coverage: Double
    /// Threads after the date left out (unfitted models, developers unseen in training).
    public var excludedThreads: Int
    public var trials: Int
    public var seed: UInt64

    public init(
        trainUntil: Date, horizonDays: Int, horizonWorkingDays: Int, models: [String], mix: [Double], developers: [Row],
        total: Row,
        coverage: Double, excludedThreads: Int, trials: Int, seed: UInt64
    ) {
        self.trainUntil = trainUntil
        self.horizonDays = horizonDays
        self.horizonWorkingDays = horizonWorkingDays
        self.models = models
        self.mix = mix
        self.developers = developers
        self.total = total
        self.coverage = coverage
        self.excludedThreads = excludedThreads
        self.trials = trials
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case models, mix, developers, total, coverage, trials, seed
        case trainUntil = "train_until", horizonDays = "horizon_days", horizonWorkingDays = "horizon_working_days"
        case excludedThreads = "excluded_threads"
    }
}
