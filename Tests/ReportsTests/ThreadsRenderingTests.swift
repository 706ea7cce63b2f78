// Tests: ThreadsDocument.swift, ThreadsJSON.swift, ThreadsText.swift
import Foundation
import Testing

@testable import Reports

/// The `threads` table and JSON: aligned columns with a total line, grouped digits for people,
/// and `null` where a model has no price.
@Suite struct ThreadsRenderingTests {
    static let priced = ThreadsDocument.Row(
        model: "claude-opus-4-5", month: "2027-01", threads: 1234, turns: 56_789, input: 1_000_000, cacheRead: 2_500_000,
        cacheWrite5m: 30, cacheWrite1h: 0, output: 4_000, reasoning: 0, costUSD: 12.5, cacheHitRate: 0.7)
    static let unpriced = ThreadsDocument.Row(
        model: "my-model", month: "unknown", threads: 1, turns: 2, input: 3, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0,
        output: 4, reasoning: 0, costUSD: nil, cacheHitRate: nil)
    static let document = ThreadsDocument(
        rows: [priced, unpriced], total: priced, unpricedModels: ["my-model"], priceSource: "built-in 2025-10-01",
        unpricedThreads: 1, unpricedRequests: 2)

    @Test func theTableGroupsDigitsEndsWithTheTotalAndNamesUnpricedModels() {
        let lines = ThreadsText.render(Self.document).split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("model") && lines[0].hasSuffix("cache_hit_rate"))
        #expect(lines[1].hasPrefix("claude-opus-4-5  2027-01"))
        #expect(lines[1].contains("1,234") && lines[1].contains("56,789") && lines[1].contains("2,500,000"))
        #expect(lines[1].contains(" $12.50 ") && lines[1].hasSuffix(" 70.0%"))
        #expect(lines[2].hasPrefix("my-model ") && lines[2].contains(" unknown ") && lines[2].hasSuffix(" -"))
        #expect(lines[3].hasPrefix("total "))
        // Numbers are right-aligned: every line of the table has the same length.
        #expect(Set(lines[0...3].map(\.count)).count == 1, "\(lines)")
        #expect(lines[4].hasPrefix("prices: built-in 2025-10-01;"))
        #expect(
            lines[5]
                == "unpriced: my-model (cost shown as -); the total cost excludes their 1 thread and 2 requests; price them with --prices FILE or `tokencast prices --update FILE`"
        )
    }

    @Test func anEmptyStoreSaysHowToFillIt() {
        let d = ThreadsDocument(rows: [], total: Self.priced, unpricedModels: [], priceSource: "built-in")
        #expect(ThreadsText.render(d) == "no threads stored; import logs with `tokencast import`\n")
    }

    @Test func theJSONHasRowsATotalAndNullForAMissingPrice() throws {
        let text = ThreadsJSON.render(Self.document)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["prices"] as? String == "built-in 2025-10-01")
        #expect(object["unpricedModels"] as? [String] == ["my-model"])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["cache_read"] as? Int == 2_500_000)
        #expect(rows[0]["cost_usd"] as? Double == 12.5)
        #expect(rows[1]["cost_usd"] is NSNull && rows[1]["cache_hit_rate"] is NSNull)
        #expect((object["total"] as? [String: Any])?["threads"] as? Int == 1234)
    }
}
