import Foundation
import Pricing
import Testing

@testable import ThreadStore

@Suite struct ThreadSummaryTests {
    func store() throws -> ThreadStore {
        let store = try ThreadStore(inMemory: "summary")
        _ = try ClaudeCodeImporter(store: store).importLogs(at: [Fixtures.claudeProjects])
        _ = try CSVImporter(store: store).importFile(at: Fixtures.path("csv/requests.csv"))
        return store
    }

    @Test func sumsPerModelAndMonthWithCatalogCost() throws {
        let summary = try store().summary()
        #expect(
            summary.rows.map { "\($0.model) \($0.month) \($0.threads) \($0.turns)" } == [
                "claude-haiku-4-5-20251001 2025-10 0 2",
                "claude-opus-4-1 2025-09 1 3",
                "claude-sonnet-4-5-20250929 2025-10 1 2",
                "claude-sonnet-4-5-20250929 2025-11 1 2",
                "mystery-model-9 2025-09 1 1",
            ])
        let haiku = summary.rows[0]
        #expect(haiku.tokens == TokenCounts(input: 11, cacheRead: 200, cacheWrite5m: 50, output: 32))
        let p = try PriceCatalog.builtIn.price(of: "claude-haiku-4-5")
        let expected = 11 * p.input + 200 * p.cacheRead + 50 * p.cacheWrite5m + 32 * p.output
        #expect(abs(try #require(haiku.costUSD) - expected) < 1e-12)
        #expect(haiku.cacheHitRate == 200.0 / 261.0)
        #expect(summary.unpricedModels == ["claude-opus-4-1", "mystery-model-9"])
        // Issue 13: unpriced rows are excluded from the total, counted, never priced at $0.
        let priced = summary.rows.compactMap(\.costUSD).reduce(0, +)
        #expect(summary.rows.filter { $0.costUSD == nil }.count == 2)
        #expect(abs(try #require(summary.total.costUSD) - priced) < 1e-12)
        #expect(summary.unpricedThreads == 2)
        #expect(summary.unpricedRequests == 4)
        #expect(summary.total.turns == 10)
        #expect(summary.total.threads == 4)
    }

    @Test func modelsTheBuiltInNamesLackArePricedByTheFallback() throws {
        let opus41 = ModelPrice(
            model: "claude-opus-4-1", provider: "anthropic", input: 15e-6, output: 75e-6, cacheRead: 1.5e-6,
            cacheWrite5m: 18.75e-6, cacheWrite1h: 30e-6, caching: .explicit)
        let snapshot = PriceCatalog(source: "snapshot", date: "2026-01-02", prices: [opus41])
        let summary = try store().summary(catalog: PriceCatalog.builtIn.backed(by: snapshot))
        #expect(summary.unpricedModels == ["mystery-model-9"])
        #expect(summary.unpricedThreads == 1 && summary.unpricedRequests == 1)
        let opus = try #require(summary.rows.first { $0.model == "claude-opus-4-1" })
        #expect(opus.costUSD != nil)
        #expect(summary.priceSource == "built-in 2026-11-20, other models snapshot 2026-01-02")
        // The built-in names keep their own prices.
        let haiku = try #require(summary.rows.first { $0.model.hasPrefix("claude-haiku") })
        let plain = try store().summary()
        #expect(haiku.costUSD == plain.rows.first { $0.model.hasPrefix("claude-haiku") }?.costUSD)
    }

    @Test func filtersByCatalogNameAndWindow() throws {
        let store = try store()
        let sonnet = try store.summary(model: "claude-sonnet-4-5")
        #expect(sonnet.rows.map(\.month) == ["2025-10", "2025-11"])
        let october = try store.summary(
            since: Timestamp.parse("2025-10-01"), until: Timestamp.parse("2025-11-01"))
        #expect(october.rows.map(\.model) == ["claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929"])
    }
}
