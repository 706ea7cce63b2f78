// Tests: UsageBlocks.swift, UsageEvent.swift, WindowSnapshot.swift
import Foundation
import Pricing
import Testing

@testable import ThreadStore

/// `report`'s grouping over the real-shaped Claude Code session in fixtures/logs/report: block
/// boundaries (a message exactly at a block's end, a gap longer than five hours), ISO weeks in
/// two time zones, unpriced models, official and estimated window shares.
@Suite struct UsageReportTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let paris = TimeZone(identifier: "Europe/Paris")!

    func store() throws -> ThreadStore {
        let store = try ThreadStore(inMemory: "usage")
        _ = try ClaudeCodeImporter(store: store).importLogs(at: [Fixtures.path("report/projects")])
        return store
    }

    func date(_ text: String) throws -> Date { try #require(Timestamp.parse(text)) }

    func report(_ period: UsagePeriod, zone: TimeZone = utc, plans: [Plan] = [], now: String = "2025-12-01T15:00:00Z")
        throws -> UsageReport
    {
        let store = try store()
        let (events, untimed) = try store.usageEvents()
        return UsageReport.build(
            events: events, period: period, timeZone: zone, catalog: .builtIn, snapshots: try store.windowSnapshots(),
            plans: plans, now: try date(now), untimedRequests: untimed)
    }

    @Test func blocksOpenAtTheFirstMessageAfterThePreviousClosed() throws {
        let r = try report(.blocks)
        #expect(r.groups.map(\.key) == ["2025-12-01 08:30", "2025-12-01 13:30", "2025-12-02 06:00", "2025-12-07 23:30"])
        #expect(r.groups.map(\.total.requests) == [3, 2, 1, 2])
        #expect(r.groups.map(\.active) == [false, true, false, false])
        // Five hours from the opening message, not from a floored clock hour.
        #expect(r.groups[0].end.timeIntervalSince(r.groups[0].start) == 5 * 3600)
        #expect(r.groups[2].start == (try date("2025-12-02T06:00:00Z")))
    }

    @Test func blocksOfBareTimes() throws {
        let t0 = try date("2025-12-01T08:30:00Z")
        let offsets: [TimeInterval] = [0, 3600, 5 * 3600 - 1, 5 * 3600, 9 * 3600, 30 * 3600]
        let times: [Date] = offsets.map { t0.addingTimeInterval($0) }
        let blocks = UsageBlocks.blocks(of: times)
        let ranges: [Range<Int>] = blocks.map { $0.indices }
        #expect(ranges == [0..<3, 3..<5, 5..<6])
        #expect(blocks[1].start == times[3])
        #expect(blocks[1].isActive(at: times[4]))
        #expect(!blocks[1].isActive(at: blocks[1].end))
        #expect(UsageBlocks.blocks(of: []).isEmpty)
    }

    @Test func weeksAreISOWeeksInTheGivenTimeZone() throws {
        // 2025-12-07T23:30Z is Sunday in UTC and Monday 00:30 in Paris.
        let utc = try report(.weekly)
        #expect(utc.groups.map(\.key) == ["2025-W49", "2025-W50"])
        #expect(utc.groups.map(\.total.requests) == [7, 1])
        let paris = try report(.weekly, zone: Self.paris)
        #expect(paris.groups.map(\.key) == ["2025-W49", "2025-W50"])
        #expect(paris.groups.map(\.total.requests) == [6, 2])
        #expect(try report(.daily).groups.map(\.key) == ["2025-12-01", "2025-12-02", "2025-12-07", "2025-12-08"])
        #expect(try report(.daily, zone: Self.paris).groups.map(\.key) == ["2025-12-01", "2025-12-02", "2025-12-08"])
        #expect(try report(.monthly).groups.map(\.key) == ["2025-12"])
    }

    @Test func costsPerModelAndUnpricedModelsAreNotZero() throws {
        let r = try report(.blocks)
        let first = r.groups[0]
        #expect(first.models.map(\.model) == ["claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929"])
        let sonnet = try PriceCatalog.builtIn.price(of: "claude-sonnet-4-5")
        let haiku = try PriceCatalog.builtIn.price(of: "claude-haiku-4-5")
        let expectedSonnet =
            13 * sonnet.input + 3000 * sonnet.cacheRead + 100 * sonnet.cacheWrite5m + 700 * sonnet.output
        #expect(first.models[1].tokens == TokenCounts(input: 13, cacheRead: 3000, cacheWrite5m: 100, output: 700))
        #expect(abs(try #require(first.models[1].costUSD) - expectedSonnet) < 1e-12)
        let expectedHaiku = 4 * haiku.input + 100 * haiku.cacheWrite5m + 50 * haiku.output
        #expect(abs(try #require(first.total.costUSD) - expectedSonnet - expectedHaiku) < 1e-12)
        let second = r.groups[1]
        let unknown = try #require(second.models.first { $0.model == "claude-experimental-x" })
        #expect(unknown.costUSD == nil)
        #expect(unknown.unpriced == ["claude-experimental-x"])
        #expect(second.total.unpriced == ["claude-experimental-x"])
        #expect(second.total.costUSD != nil)
        #expect(r.unpricedModels == ["claude-experimental-x"])
    }

    @Test func sessionsCarryTheirProject() throws {
        let r = try report(.session)
        #expect(r.groups.map(\.key) == ["sess-report"])
        #expect(r.groups[0].detail == "/home/dev/report")
        #expect(r.groups[0].total.requests == 8)
        #expect(r.groups[0].lastUse == (try date("2025-12-08T00:30:00Z")))
    }

    @Test func officialSharesWhereReadingsExistEstimatedElsewhere() throws {
        let store = try store()
        let input = try StatuslineInput(
            json: Data(
                #"{"session_id":"s1","cost":{"total_cost_usd":0.5},"rate_limits":{"five_hour":{"used_percentage":35,"resets_at":1764673200},"seven_day_opus":{"used_percentage":90,"resets_at":1765101600}}}"#
                    .utf8))
        try store.recordStatusline(
            input, day: "2025-12-02", at: try date("2025-12-02T07:00:00Z"), source: "claude-code-statusline")
        let pro = try PlanCatalog.builtIn.plan(named: "Claude Pro")
        let (events, _) = try store.usageEvents()
        let r = UsageReport.build(
            events: events, period: .blocks, timeZone: Self.utc, catalog: .builtIn, snapshots: try store.windowSnapshots(),
            plans: [pro], now: try date("2025-12-09T00:00:00Z"))
        let official = r.groups[2].shares
        // The per-model weekly gauge (seven_day_opus) is not the plan's share.
        #expect(official.count == 1)
        #expect(official[0].basis == .official && official[0].percent == 35 && official[0].window == .fiveHour)
        let estimated = try #require(r.groups[0].shares.first)
        #expect(estimated.basis == .estimated && estimated.plan == "Claude Pro")
        let allowance = try #require(pro.allowance5h?.amount)
        #expect(abs(estimated.percent - 100 * (try #require(r.groups[0].total.costUSD)) / allowance) < 1e-9)
    }

    @Test func windowsAreToldApartByLength() {
        #expect(LimitWindow(minutes: 300) == .fiveHour)
        #expect(LimitWindow(minutes: 10_080) == .weekly)
        #expect(LimitWindow(minutes: 60) == nil)
    }
}
