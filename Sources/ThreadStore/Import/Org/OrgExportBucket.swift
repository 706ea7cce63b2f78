/// One bucket of an admin export or telemetry file, mapped to the panel's classes: what one
/// source says one user (or key, or workspace) used of one model in one time bucket.
///
/// `key` identifies the bucket across files (its start and every dimension the source grouped
/// it by); the store keeps one bucket per key, so the same bucket read twice counts once.
public struct OrgExportBucket: Sendable, Equatable {
    public var key: String
    /// `YYYY-MM-DD`, UTC.
    public var day: String
    public var user: String
    public var model: String
    public var team: String
    public var requests: Int64 = 0
    /// Uncached input tokens.
    public var inputTokens: Int64 = 0
    public var outputTokens: Int64 = 0
    public var cacheReadTokens: Int64 = 0
    /// Cache writes, both lifetimes.
    public var cacheWriteTokens: Int64 = 0
    /// The part of `cacheWriteTokens` written with the 1-hour lifetime (priced apart; not stored).
    public var cacheWrite1hTokens: Int64 = 0
    /// The source's own spend in USD; nil when the source has tokens only and the bucket is to
    /// be priced with the price catalog.
    public var spendUSD: Double?
    /// OTLP cumulative sums: the series this reading belongs to (its values are running totals).
    public var cumulativeSeries: String?

    public init(key: String, day: String, user: String, model: String, team: String) {
        self.key = key
        self.day = day
        self.user = user
        self.model = model
        self.team = team
    }

    var tokens: Int64 { inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens }

    /// The first count that is negative or above ``TokenCounts/maxLogged`` (a trillion), or a
    /// spend that is not a finite number, named as the panel names it; nil when all are sound.
    /// Such a bucket would make every sum over the panel meaningless, so its page or row is
    /// skipped and reported.
    var outOfRange: String? {
        let counts: [(String, Int64)] = [
            ("requests", requests), ("input tokens", inputTokens), ("output tokens", outputTokens),
            ("cache read tokens", cacheReadTokens), ("cache write tokens", cacheWriteTokens),
            ("1-hour cache write tokens", cacheWrite1hTokens),
        ]
        if let (name, _) = counts.first(where: { $0.1 < 0 || $0.1 > TokenCounts.maxLogged }) {
            return "\(name) out of range (negative, or over a trillion)"
        }
        if let spendUSD, !spendUSD.isFinite { return "spend is not a number" }
        return nil
    }

    /// Adds another bucket's counts (CSV rows of one key in one file).
    mutating func add(_ other: OrgExportBucket) {
        requests += other.requests
        inputTokens += other.inputTokens
        outputTokens += other.outputTokens
        cacheReadTokens += other.cacheReadTokens
        cacheWriteTokens += other.cacheWriteTokens
        cacheWrite1hTokens += other.cacheWrite1hTokens
        if spendUSD != nil || other.spendUSD != nil { spendUSD = (spendUSD ?? 0) + (other.spendUSD ?? 0) }
    }
}
