import Foundation

/// The `threads` summary as JSON: `prices`, `unpricedModels` (with the threads and requests the
/// total cost excludes), `rows` and `total`; a missing cost or hit rate is `null`.
public enum ThreadsJSON {
    public static func render(_ d: ThreadsDocument) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let output = Output(
            prices: d.priceSource, unpricedModels: d.unpricedModels, unpricedThreads: d.unpricedThreads,
            unpricedRequests: d.unpricedRequests, rows: d.rows.map(Item.init), total: Item(d.total))
        return String(decoding: (try? encoder.encode(output)) ?? Data(), as: UTF8.self) + "\n"
    }

    struct Output: Encodable {
        var prices: String
        var unpricedModels: [String]
        /// What `total.cost_usd` leaves out: the threads and requests of `unpricedModels`.
        var unpricedThreads: Int
        var unpricedRequests: Int
        var rows: [Item]
        var total: Item
    }

    struct Item: Encodable {
        var model: String, month: String, threads: Int, turns: Int
        var input: Int64, cacheRead: Int64, cacheWrite5m: Int64, cacheWrite1h: Int64, output: Int64
        var reasoning: Int64
        var costUSD: Double?
        var cacheHitRate: Double?

        init(_ r: ThreadsDocument.Row) {
            model = r.model; month = r.month; threads = r.threads; turns = r.turns
            input = r.input; cacheRead = r.cacheRead; cacheWrite5m = r.cacheWrite5m
            cacheWrite1h = r.cacheWrite1h; output = r.output; reasoning = r.reasoning
            costUSD = r.costUSD; cacheHitRate = r.cacheHitRate
        }

        enum CodingKeys: String, CodingKey {
            case model, month, threads, turns, input, reasoning, output
            case cacheRead = "cache_read", cacheWrite5m = "cache_write_5m", cacheWrite1h = "cache_write_1h"
            case costUSD = "cost_usd", cacheHitRate = "cache_hit_rate"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(model, forKey: .model); try c.encode(month, forKey: .month)
            try c.encode(threads, forKey: .threads); try c.encode(turns, forKey: .turns)
            try c.encode(input, forKey: .input); try c.encode(cacheRead, forKey: .cacheRead)
            try c.encode(cacheWrite5m, forKey: .cacheWrite5m); try c.encode(cacheWrite1h, forKey: .cacheWrite1h)
            try c.encode(output, forKey: .output); try c.encode(reasoning, forKey: .reasoning)
            try c.encode(costUSD, forKey: .costUSD); try c.encode(cacheHitRate, forKey: .cacheHitRate)
        }
    }
}
