import Foundation

/// What `tokencast threads` shows: stored threads summed per model and month, with their
/// API-equivalent cost.
public struct ThreadsDocument: Sendable {
    /// One model in one month (or the total).
    public struct Row: Sendable {
        public var model: String
        /// `YYYY-MM`, `unknown` for rows without a time, `all` for the total.
        public var month: String
        public var threads: Int
        public var turns: Int
        public var input, cacheRead, cacheWrite5m, cacheWrite1h, output, reasoning: Int64
        /// nil when the catalog has no price for the model.
        public var costUSD: Double?
        /// cache_read / (cache_read + cache_write + input); nil without input.
        public var cacheHitRate: Double?

        public init(
            model: String, month: String, threads: Int, turns: Int, input: Int64, cacheRead: Int64, cacheWrite5m: Int64,
            cacheWrite1h: Int64, output: Int64, reasoning: Int64, costUSD: Double?, cacheHitRate: Double?
        ) {
            self.model = model
            self.month = month
            self.threads = threads
            self.turns = turns
            self.input = input
            self.cacheRead = cacheRead
            self.cacheWrite5m = cacheWrite5m
            self.cacheWrite1h = cacheWrite1h
            self.output = output
            self.reasoning = reasoning
            self.costUSD = costUSD
            self.cacheHitRate = cacheHitRate
        }
    }

    /// By model, then month.
    public var rows: [Row]
    public var total: Row
    /// Models without a catalog price (their cost is shown as `-`).
    public var unpricedModels: [String]
    /// Where the prices come from, e.g. `built-in 2025-10-01`.
    public var priceSource: String
    /// Threads and requests of unpriced models: the total cost leaves them out.
    public var unpricedThreads: Int
    public var unpricedRequests: Int

    public init(
        rows: [Row], total: Row, unpricedModels: [String], priceSource: String, unpricedThreads: Int = 0,
        unpricedRequests: Int = 0
    ) {
        self.rows = rows
        self.total = total
        self.unpricedModels = unpricedModels
        self.priceSource = priceSource
        self.unpricedThreads = unpricedThreads
        self.unpricedRequests = unpricedRequests
    }

    /// The note under the table when some models are unpriced: which, and what the total
    /// cost leaves out (a `-` is never a zero).
    public var unpricedNote: String? {
        guard !unpricedModels.isEmpty else { return nil }
        func count(_ n: Int, _ word: String) -> String { "\(Self.grouped(Int64(n))) \(word)\(n == 1 ? "" : "s")" }
        return "unpriced: \(unpricedModels.joined(separator: ", ")) (cost shown as -); the total cost excludes their "
            + "\(count(unpricedThreads, "thread")) and \(count(unpricedRequests, "request")); price them with --prices FILE "
            + "or `tokencast prices --update FILE`"
    }

    static let columns = [
        "model", "month", "threads", "turns", "input", "cache_read", "cache_write_5m", "cache_write_1h", "output",
        "reasoning", "cost_usd", "cache_hit_rate",
    ]

    /// A row's cells: grouped digits, dollars and percentages for people, plain numbers for CSV.
    static func cells(_ r: Row, human: Bool) -> [String] {
        func n(_ v: Int64) -> String { human ? grouped(v) : String(v) }
        let cost = r.costUSD.map { human ? String(format: $0 < 1 ? "$%.4f" : "$%.2f", $0) : String(format: "%.6f", $0) } ?? "-"
        let hit = r.cacheHitRate.map { human ? String(format: "%.1f%%", $0 * 100) : String(format: "%.4f", $0) } ?? "-"
        return [
            r.model, r.month, n(Int64(r.threads)), n(Int64(r.turns)), n(r.input), n(r.cacheRead), n(r.cacheWrite5m),
            n(r.cacheWrite1h), n(r.output), n(r.reasoning), cost, hit,
        ]
    }

    static func grouped(_ v: Int64) -> String {
        let digits = String(v.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (v < 0 ? "-" : "") + out
    }
}
