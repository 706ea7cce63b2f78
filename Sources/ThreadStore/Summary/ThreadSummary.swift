import Foundation
import GRDB
import Pricing

/// Stored threads summed per model and month, with their API-equivalent cost.
public struct ThreadSummary: Sendable, Equatable {
    public struct Row: Sendable, Equatable, Codable {
        public var model: String
        /// `YYYY-MM` (UTC), or `unknown` for rows without a time.
        public var month: String
        /// Threads whose dominant model is `model`, started this month.
        public var threads: Int
        /// Requests to `model` this month.
        public var turns: Int
        public var tokens: TokenCounts
        /// At catalog prices; nil when the catalog has no price for the model.
        public var costUSD: Double?

        /// cache_read / (cache_read + cache_write + input).
        public var cacheHitRate: Double? { tokens.cacheHitRate }
    }

    /// By model, then month.
    public var rows: [Row]
    /// The sum of all rows; its `costUSD` is the sum over priced rows only (nil when no row
    /// has a price): unpriced rows are excluded, never counted as $0, and counted below.
    public var total: Row
    /// Models without a catalog price (their cost is shown as `-`).
    public var unpricedModels: [String]
    /// Threads and requests of the unpriced rows, which the total cost leaves out.
    public var unpricedThreads = 0
    public var unpricedRequests = 0
    /// Where the prices come from, e.g. `built-in 2025-10-01`.
    public var priceSource: String
}

extension ThreadStore {
    /// Sums stored threads per model and month.
    ///
    /// Tokens and turns are counted per request, by the model that served it (a sub-agent on
    /// a smaller model is priced as that model); threads imported as totals (CSV thread rows)
    /// count under their own model. Prices are base prices: context tiers are not applied.
    ///
    /// - Parameters:
    ///   - model: keep only this model; dated names match their catalog name
    ///     (`claude-sonnet-4-5` matches `claude-sonnet-4-5-20250929`).
    ///   - since, until: keep requests (threads) timed in `since..<until`.
    public func summary(
        model: String? = nil, since: Date? = nil, until: Date? = nil, catalog: PriceCatalog = .builtIn
    ) throws -> ThreadSummary {
        struct Key: Hashable { var model: String, month: String }
        var rows: [Key: ThreadSummary.Row] = [:]
        func row(_ key: Key) -> ThreadSummary.Row {
            rows[key]
                ?? ThreadSummary.Row(
                    model: key.model, month: key.month, threads: 0, turns: 0, tokens: TokenCounts(), costUSD: nil)
        }
        let sums = """
            sum(input_tokens) AS input_tokens, sum(cache_read_tokens) AS cache_read_tokens,
            sum(cache_write_5m_tokens) AS cache_write_5m_tokens, sum(cache_write_1h_tokens) AS cache_write_1h_tokens,
            sum(output_tokens) AS output_tokens, sum(reasoning_tokens) AS reasoning_tokens
            """
        try writer.read { db in
            let window: StatementArguments = [since, until]
            let requestRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT model, coalesce(strftime('%Y-%m', timestamp), 'unknown') AS month, count(*) AS n, \(sums)
                    FROM requests
                    WHERE (?1 IS NULL OR timestamp >= ?1) AND (?2 IS NULL OR timestamp < ?2)
                    GROUP BY 1, 2
                    """,
                arguments: window)
            for r in requestRows {
                let key = Key(model: r["model"], month: r["month"])
                var current = row(key)
                current.turns += r["n"] as Int
                current.tokens += TokenCounts(row: r)
                rows[key] = current
            }
            let threadRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT coalesce(model, 'unknown') AS model,
                           coalesce(strftime('%Y-%m', started_at), 'unknown') AS month, count(*) AS threads,
                           sum(CASE WHEN has_requests THEN 0 ELSE turns END) AS turns,
                           \(sums.replacingOccurrences(of: "sum(", with: "sum(CASE WHEN has_requests THEN 0 ELSE ")
                               .replacingOccurrences(of: "_tokens)", with: "_tokens END)"))
                    FROM (SELECT *, EXISTS (SELECT 1 FROM requests WHERE thread_id = threads.id) AS has_requests
                          FROM threads)
                    WHERE (turns > 0 OR has_requests)
                      AND (?1 IS NULL OR started_at >= ?1) AND (?2 IS NULL OR started_at < ?2)
                    GROUP BY 1, 2
                    """,
                arguments: window)
            for r in threadRows {
                let key = Key(model: r["model"], month: r["month"])
                var current = row(key)
                current.threads += r["threads"] as Int
                current.turns += r["turns"] as Int
                current.tokens += TokenCounts(row: r)
                rows[key] = current
            }
        }
        var unpriced = Set<String>()
        var usedFallback = false
        let wanted = model.map { name in (name, try? catalog.price(of: name).model) }
        var result: [ThreadSummary.Row] = []
        for var r in rows.values {
            let price = try? catalog.price(of: r.model)
            if let (name, resolved) = wanted, r.model != name, resolved == nil || price?.model != resolved { continue }
            if let price {
                if !catalog.fallback.isEmpty && catalog.prices[price.model] == nil { usedFallback = true }
                let t = r.tokens
                r.costUSD =
                    Double(t.input) * price.input + Double(t.cacheRead) * price.cacheRead
                    + Double(t.cacheWrite5m) * price.cacheWrite5m + Double(t.cacheWrite1h) * price.cacheWrite1h
                    + Double(t.output) * price.output
            } else {
                unpriced.insert(r.model)
            }
            result.append(r)
        }
        result.sort { ($0.model, $0.month) < ($1.model, $1.month) }
        var total = ThreadSummary.Row(
            model: "all", month: "all", threads: 0, turns: 0, tokens: TokenCounts(),
            costUSD: result.contains { $0.costUSD != nil } || result.isEmpty ? 0 : nil)
        var unpricedThreads = 0, unpricedRequests = 0
        for r in result {
            total.threads += r.threads
            total.turns += r.turns
            total.tokens += r.tokens
            if let c = r.costUSD {
                total.costUSD? += c
            } else {
                unpricedThreads += r.threads
                unpricedRequests += r.turns
            }
        }
        var source = "\(catalog.source) \(catalog.date)"
        if usedFallback, let f = catalog.fallback.first { source += ", other models \(f.source) \(f.date)" }
        var summary = ThreadSummary(rows: result, total: total, unpricedModels: unpriced.sorted(), priceSource: source)
        summary.unpricedThreads = unpricedThreads
        summary.unpricedRequests = unpricedRequests
        return summary
    }
}
