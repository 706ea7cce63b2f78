import Reports
import ThreadStore

extension ThreadsDocument {
    /// The `threads` document of a store summary.
    init(_ summary: ThreadSummary) {
        func row(_ r: ThreadSummary.Row) -> Row {
            let t = r.tokens
            return Row(
                model: r.model, month: r.month, threads: r.threads, turns: r.turns, input: t.input, cacheRead: t.cacheRead,
                cacheWrite5m: t.cacheWrite5m, cacheWrite1h: t.cacheWrite1h, output: t.output, reasoning: t.reasoning,
                costUSD: r.costUSD, cacheHitRate: r.cacheHitRate)
        }
        self.init(
            rows: summary.rows.map(row), total: row(summary.total), unpricedModels: summary.unpricedModels,
            priceSource: summary.priceSource, unpricedThreads: summary.unpricedThreads,
            unpricedRequests: summary.unpricedRequests)
    }
}
