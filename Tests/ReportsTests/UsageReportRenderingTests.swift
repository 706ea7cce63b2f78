import Foundation
import Testing

@testable import Reports

// Tests: UsageReportText.swift, UsageReportCSV.swift, UsageReportJSON.swift, UsageReportDocument.swift
/// The three renderings of `report`: a day with two models (one unpriced) and its total, a day
/// with one model and an official share, and the notes under them.
@Suite struct UsageReportRenderingTests {
    static func row(_ model: String, requests: Int, input: Int64, cost: Double?, unpriced: [String] = [])
        -> UsageReportDocument.Row
    {
        UsageReportDocument.Row(
            model: model, requests: requests, input: input, cacheRead: input * 10, cacheWrite5m: 500, cacheWrite1h: 0,
            output: 2_000, reasoning: 100, costUSD: cost, unpriced: unpriced)
    }

    static var document: UsageReportDocument {
        let sonnet = row("claude-sonnet-4-5", requests: 12, input: 1_500, cost: 1.25)
        let mystery = row("claude-imaginary-9", requests: 3, input: 400, cost: nil, unpriced: ["claude-imaginary-9"])
        let both = UsageReportDocument.Row(
            model: "all", requests: 15, input: 1_900, cacheRead: 19_000, cacheWrite5m: 1_000, cacheWrite1h: 0, output: 4_000,
            reasoning: 200, costUSD: 1.25, unpriced: ["claude-imaginary-9"])
        let first = UsageReportDocument.Group(
            key: "2025-12-01", detail: nil, start: "2025-12-01 00:00", end: "2025-12-02 00:00", lastUse: "2025-12-01 18:02",
            active: nil, models: [sonnet, mystery], total: both, shares: [])
        let opus = row("claude-opus-4-6", requests: 4, input: 300, cost: 3.5)
        let second = UsageReportDocument.Group(
            key: "2025-12-02", detail: nil, start: "2025-12-02 00:00", end: "2025-12-03 00:00", lastUse: "2025-12-02 09:10",
            active: nil, models: [opus], total: opus,
            shares: [.init(vendor: "Anthropic", window: "5h", percent: 0.42, basis: "official", snapshots: 3, plan: nil)])
        let total = UsageReportDocument.Row(
            model: "all", requests: 19, input: 2_200, cacheRead: 22_000, cacheWrite5m: 1_500, cacheWrite1h: 0, output: 6_000,
            reasoning: 300, costUSD: 4.75, unpriced: ["claude-imaginary-9"])
        return UsageReportDocument(
            period: "daily", timeZone: "UTC", groups: [first, second], total: total, unpricedModels: ["claude-imaginary-9"],
            priceSource: "built-in catalog", untimedRequests: 2)
    }

    @Test func theTableHasTotalsSharesAndNotes() {
        let text = UsageReportText.render(Self.document)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("day         model"))
        #expect(lines[0].hasSuffix("cost  window share"))
        // The first day: two models, then its total; a model without a price is never $0.
        #expect(lines[1].hasPrefix("2025-12-01  claude-sonnet-4-5 ") && lines[1].hasSuffix("$1.25"))
        #expect(lines[2].hasPrefix("            claude-imaginary-9 ") && lines[2].hasSuffix("unpriced"))
        #expect(lines[3].hasPrefix("            all ") && lines[3].hasSuffix("$1.25 + unpriced"))
        // One model: no total row, and the share beside it, small shares with two digits.
        #expect(lines[4].hasPrefix("2025-12-02  claude-opus-4-6 ") && lines[4].hasSuffix("$3.50  Anthropic 5h 0.42% official"))
        #expect(lines[5].hasPrefix("total       all ") && lines[5].contains("22,000"))
        #expect(lines.contains("prices: built-in catalog; cost is API-equivalent at base prices (context tiers not applied)"))
        #expect(lines.contains("unpriced (tokens counted, cost unknown): claude-imaginary-9"))
        #expect(lines.contains("official shares: the highest reading the vendor gave inside the period"))
        #expect(lines.contains("2 requests without a time are not in any period"))
        #expect(!text.contains("estimated shares"))
        // The columns line up: the model column starts at 12 on every line, and the requests
        // column (right-aligned) ends at the same place.
        for line in lines[0...5] {
            let chars = Array(line)
            #expect(chars[10] == " " && chars[11] == " " && chars[12] != " ", "\(line)")
        }
        let requestsEnd = lines[0].range(of: "requests")?.upperBound.utf16Offset(in: lines[0])
        #expect(lines[1...5].allSatisfy { Array($0)[(requestsEnd ?? 1) - 1] != " " && Array($0)[requestsEnd ?? 0] == " " })
    }

    @Test func anEmptyReportSaysWhatToImport() {
        var d = Self.document
        d.groups = []
        #expect(UsageReportText.render(d).contains("import logs with `tokencast import claude-code`"))
    }

    @Test func theCSVHasARowPerDayAndModelWithoutTotals() {
        let rows = UsageReportCSV.render(Self.document).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows[0].first == "period" && rows[0].last == "window_shares" && rows[0].count == 17)
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0.count == 17 })
        #expect(rows[1][6] == "claude-sonnet-4-5" && rows[1][14] == "1.250000" && rows[1][15] == "true")
        #expect(rows[2][6] == "claude-imaginary-9" && rows[2][14] == "" && rows[2][15] == "false")
        #expect(rows[3][16] == "Anthropic 5h 0.42% official")
        #expect(rows[1][8] == "1500" && rows[1][10] == "15000" && rows[1][13] == "100")
    }

    @Test func theJSONKeepsUnpricedCostsNull() throws {
        let json = try UsageReportJSON.render(Self.document)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["period"] as? String == "daily" && object["time_zone"] as? String == "UTC")
        #expect(object["unpriced_models"] as? [String] == ["claude-imaginary-9"])
        #expect(object["untimed_requests"] as? Int == 2)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.count == 2)
        let models = try #require(groups[0]["models"] as? [[String: Any]])
        #expect(models.count == 2)
        #expect(models[1]["cost_usd"] is NSNull)
        #expect(json.contains("\"last_use\""))
        let shares = try #require(groups[1]["window_shares"] as? [[String: Any]])
        #expect(shares.first?["basis"] as? String == "official")
    }
}
