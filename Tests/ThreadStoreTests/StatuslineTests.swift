// Tests: PlanCalibration.swift, StatuslineInput.swift, CalibratedUse.swift, StatuslineStore.swift, WindowOutlook.swift
import Foundation
import GRDB
import Pricing
import Testing

@testable import ThreadStore

/// The statusline's input, what it records, its busy store behaviour and its P(hit).
@Suite struct StatuslineTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/statusline").path

    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: (Self.root as NSString).appendingPathComponent(name)))
    }

    @Test func readsTheSubscriberInput() throws {
        let input = try StatuslineInput(json: fixture("subscriber.json"))
        #expect(input.sessionID == "0f4c2e9a-5b1d-4e7f-9a3c-2d8e6b1f7a40")
        #expect(input.modelID == "claude-opus-4-6" && input.modelName == "Opus 4.6")
        #expect(input.project == "/home/dev/app")
        #expect(input.sessionCostUSD == 1.37)
        #expect(input.inputTokens == 152_340 && input.outputTokens == 45_210)
        #expect(input.windows.map(\.name) == ["five_hour", "seven_day", "seven_day_opus"])
        #expect(input.windows.map(\.minutes) == [300, 10_080, 10_080])
        #expect(input.windows[0].usedPercent == 35)
        #expect(input.windows[0].resetsAt == Date(timeIntervalSince1970: 1_764_675_000))
    }

    @Test func apiUsersHaveNoWindows() throws {
        let input = try StatuslineInput(json: fixture("api-user.json"))
        #expect(input.windows.isEmpty)
        #expect(input.sessionCostUSD == 1.37)
    }

    @Test func malformedInputIsRefusedWithAReason() throws {
        #expect(throws: StatuslineInput.Malformed.self) { try StatuslineInput(json: fixture("malformed.json")) }
        #expect(throws: StatuslineInput.Malformed.self) { try StatuslineInput(json: fixture("wrong-type.json")) }
        #expect(throws: StatuslineInput.Malformed.self) { try StatuslineInput(json: Data("[1,2]".utf8)) }
        #expect(throws: StatuslineInput.Malformed.self) { try StatuslineInput(json: Data(#"{"model":{}}"#.utf8)) }
        #expect(throws: StatuslineInput.Malformed.self) {
            try StatuslineInput(json: Data(#"{"session_id":"s","cost":{"total_cost_usd":true}}"#.utf8))
        }
        #expect(throws: StatuslineInput.Malformed.self) {
            try StatuslineInput(
                json: Data(#"{"session_id":"s","rate_limits":{"five_hour":{"used_percentage":-3}}}"#.utf8))
        }
    }

    func input(_ session: String, cost: Double, used: Double = 10) throws -> StatuslineInput {
        try StatuslineInput(
            json: Data(
                #"{"session_id":"\#(session)","cost":{"total_cost_usd":\#(cost)},"rate_limits":{"five_hour":{"used_percentage":\#(used),"resets_at":1764675000}}}"#
                    .utf8))
    }

    /// The statusline's single connection makes the same file as a pool: WAL, migrated, and
    /// readable by the other commands' pool afterwards.
    @Test func aSingleConnectionStoreIsAnOrdinaryStore() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("threads.db")
        let single = try ThreadStore(path: path, waitWhenBusy: 0, singleConnection: true)
        try single.recordStatusline(try input("s1", cost: 2), day: "2025-12-01", at: Date(), source: "test")
        let mode = try single.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        #expect(try ThreadStore(path: path).statuslineCost(day: "2025-12-01") == 2)
    }

    @Test func todaysCostCountsOnlyWhatEachSessionSpentThatDay() throws {
        let store = try ThreadStore(inMemory: "statusline")
        let t = Date(timeIntervalSince1970: 1_764_600_000)
        try store.recordStatusline(try input("a", cost: 1.0), day: "2025-12-01", at: t, source: "test")
        try store.recordStatusline(try input("a", cost: 1.5), day: "2025-12-01", at: t + 60, source: "test")
        try store.recordStatusline(try input("a", cost: 2.25), day: "2025-12-02", at: t + 86_400, source: "test")
        try store.recordStatusline(try input("b", cost: 0.5), day: "2025-12-02", at: t + 86_460, source: "test")
        #expect(try store.statuslineCost(day: "2025-12-01") == 1.5)
        #expect(try store.statuslineCost(day: "2025-12-02") == 1.25)
        #expect(try store.statuslineCost(day: "2025-12-03") == 0)
        let snapshots = try store.windowSnapshots()
        #expect(snapshots.count == 4)
        #expect(snapshots.allSatisfy { $0.vendor == "Anthropic" && $0.window == .fiveHour && $0.source == "test" })
    }

    @Test func aBusyStoreFailsAtOnceInsteadOfWaiting() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("threads.db")
        _ = try ThreadStore(path: path)
        let statusline = try ThreadStore(path: path, waitWhenBusy: 0)
        let other = try DatabaseQueue(path: path)
        try other.inTransaction(.immediate) { db in
            try db.execute(sql: "INSERT INTO fits (created_at, model, payload) VALUES (?, 'm', '{}')", arguments: [Date()])
            #expect(throws: DatabaseError.self) {
                try statusline.recordStatusline(try input("a", cost: 1), day: "2025-12-01", at: Date(), source: "test")
            }
            // Reading still works while another process writes (WAL).
            #expect(try statusline.statuslineCost(day: "2025-12-01") == 0)
            return .commit
        }
        try statusline.recordStatusline(try input("a", cost: 1), day: "2025-12-01", at: Date(), source: "test")
        #expect(try statusline.statuslineCost(day: "2025-12-01") == 1)
    }

    /// Past windows that each spend `head` in their first hour and `tail` in the rest.
    func history(_ windows: [(head: Double, tail: Double)]) -> [Double] {
        var bins: [Double] = []
        for w in windows {
            var window = [Double](repeating: 0, count: 60)  // 5 h of 5-minute bins
            window[0] = w.head
            window[30] = w.tail
            bins += window + [Double](repeating: 0, count: 12)  // an hour's gap
        }
        return bins
    }

    @Test func pHitComparesThePaceWithPastWindows() {
        let even = history(Array(repeating: (1, 1), count: 10))
        let below = WindowOutlook.estimate(usedPercent: 40, elapsed: 3600, length: 5 * 3600, binCost: even, binSeconds: 300)
        #expect(below.probability == 0 && below.cases == 10 && below.projectedPercent == 80)
        let above = WindowOutlook.estimate(usedPercent: 60, elapsed: 3600, length: 5 * 3600, binCost: even, binSeconds: 300)
        #expect(above.probability == 1)
        let mixed = history(Array(repeating: (1, 0.5), count: 5) + Array(repeating: (1, 2), count: 5))
        let half = WindowOutlook.estimate(usedPercent: 50, elapsed: 3600, length: 5 * 3600, binCost: mixed, binSeconds: 300)
        #expect(half.probability == 0.5)
        #expect(half.method == "past windows")
    }

    @Test func historyIsRebinnedAndReadFromTheStore() throws {
        let origin = Date(timeIntervalSince1970: 1_764_547_200)  // 2025-12-01T00:00:00Z
        var cost = [Double](repeating: 0, count: 36)
        cost[0] = 1; cost[11] = 2; cost[12] = 4
        let history = UseHistory(origin: origin, cost: cost)
        #expect(history.bins(from: origin, to: origin + 3 * 3600, binSeconds: 3600) == [3, 4, 0])
        #expect(history.bins(from: origin + 3300, to: origin + 3900, binSeconds: 300) == [2, 4])
        #expect(history.bins(from: origin - 600, to: origin, binSeconds: 300) == [0, 0])

        let store = try ThreadStore(inMemory: "history")
        _ = try ClaudeCodeImporter(store: store).importLogs(at: [Fixtures.path("report/projects")])
        let stored = try store.useHistory(
            modelPrefix: "claude", since: origin, until: origin + 86_400, catalog: .builtIn)
        let sonnet = try PriceCatalog.builtIn.price(of: "claude-sonnet-4-5")
        // 08:30 is bin 102 of the day: the first request, 10 input, 2,000 cache read, 500 output.
        let expected = 10 * sonnet.input + 2000 * sonnet.cacheRead + 500 * sonnet.output
        #expect(abs(stored.cost[102] - expected) < 1e-12)
        // The unpriced model at 14:00 weighs nothing; the 13:30 request does.
        #expect(stored.cost[168] == 0 && stored.cost[162] > 0)
    }

    /// The history (one scan of the bins, each row weighed in Swift) equals pricing every bin
    /// of `binnedUse`, whatever the range cuts, and an unpriced model weighs nothing.
    @Test func historyEqualsPricingEachBin() throws {
        let dir = try TemporaryDirectory()
        let store = try ThreadStore(path: dir.file("threads.db"))
        var rows: [String] = []
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        let models = ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-imaginary-9", "gpt-5"]
        let start = 1_764_547_200  // 2025-12-01T00:00:00Z
        for i in 0..<400 {
            let t = Date(timeIntervalSince1970: Double(start + next(3 * 86_400)))
            let stamp = ISO8601DateFormatter().string(from: t)
            rows.append(
                "t\(i % 9),\(i),\(stamp),\(models[next(4)]),\(next(500)),\(next(50_000)),\(next(3000)),\(next(900))")
        }
        let file = dir.file("rows.csv")
        try
            ("thread_id,turn_index,timestamp,model,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens\n"
            + rows.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        _ = try CSVImporter(store: store).importFile(at: file)
        let catalog = PriceCatalog.builtIn
        #expect((try? catalog.price(of: "claude-imaginary-9")) == nil)
        for (from, to) in [(0, 3 * 86_400), (1_234, 2 * 86_400 + 4_321), (7_000, 7_100), (86_400, 86_400 + 299)] {
            let since = Date(timeIntervalSince1970: Double(start + from))
            let until = Date(timeIntervalSince1970: Double(start + to))
            let history = try store.useHistory(modelPrefix: "claude", since: since, until: until, catalog: catalog)
            var expected = [Double](repeating: 0, count: history.cost.count)
            for row in try store.binnedUse(modelPrefix: "claude", since: history.origin, until: until) {
                let bin = (row.start - Int(history.origin.timeIntervalSince1970)) / UseHistory.binSeconds
                guard expected.indices.contains(bin), let p = try? catalog.price(of: row.model) else { continue }
                expected[bin] += UsageReport.cost(row.tokens, p)
            }
            #expect(history.cost.count == (to - from + from % 300) / 300)
            #expect(zip(history.cost, expected).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
            #expect(expected.contains { $0 > 0 } || to - from < 300)
        }
    }

    /// The models of a range come from index seeks: only those with a bin in the range, in
    /// name order, and the index is there on a migrated store.
    @Test func binModelsAreTheRangesModels() throws {
        let dir = try TemporaryDirectory()
        let store = try ThreadStore(path: dir.file("threads.db"))
        let file = dir.file("rows.csv")
        try """
        thread_id,turn_index,timestamp,model,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens
        a,1,2025-12-01T10:00:00Z,claude-sonnet-4-5,1,0,0,1
        a,2,2025-12-01T10:07:00Z,claude-haiku-4-5,1,0,0,1
        a,3,2025-12-01T12:00:00Z,gpt-5,1,0,0,1
        b,1,2025-11-01T09:00:00Z,claude-opus-4-1,1,0,0,1
        """.write(toFile: file, atomically: true, encoding: .utf8)
        _ = try CSVImporter(store: store).importFile(at: file)
        let day = Date(timeIntervalSince1970: 1_764_547_200)  // 2025-12-01T00:00:00Z
        #expect(try store.binModels(since: day, until: day + 86_400) == ["claude-haiku-4-5", "claude-sonnet-4-5", "gpt-5"])
        #expect(try store.binModels(since: day + 36_300, until: day + 43_200) == ["claude-haiku-4-5"])
        // The 10:07 request is in the bin that starts at 10:05 (36,300 s).
        #expect(try store.binModels(since: day + 36_299.5, until: day + 36_300.5) == ["claude-haiku-4-5"])
        #expect(try store.binModels(since: day + 36_300.5, until: day + 43_200) == [])
        #expect(try store.binModels(since: .distantPast, until: .distantFuture).count == 4)
        let indexes = try store.writer.read { try String.fetchAll($0, sql: "SELECT name FROM pragma_index_list('request_bins')") }
        #expect(indexes.contains("request_bins_by_model"))
    }

    /// Each class by its weight; a class with tokens and no identified weight sends the whole
    /// use to its dollars at the allowance; an unpriced model then weighs nothing.
    @Test func percentOfWindowWeighsClassesAndFallsBackToDollars() throws {
        func weight(_ kind: PlanCalibration.Kind, _ p: Double?) -> PlanCalibration.Weight {
            PlanCalibration.Weight(
                model: "claude-sonnet-4-5", kind: kind, tokensSeen: p == nil ? 0 : 1e6, identified: p != nil,
                percentPerMillion: p, percentPerMillionInterval: nil, allowanceTokens: nil, allowanceInterval: nil)
        }
        let c = PlanCalibration(
            windowMinutes: 300, source: "claude-code", plan: nil, snapshots: 30, pairs: 29, since: Date(), until: Date(),
            weights: [weight(.input, 4), weight(.cacheRead, 0.25), weight(.output, 10), weight(.cacheWrite5m, nil)],
            hiddenPercentPerHour: 0, hiddenInterval: .init(lower: 0, upper: 0), residualRMS: 0, dollarAllowance: 50,
            dollarInterval: nil, resamples: 0, createdAt: Date())
        let sonnet = try PriceCatalog.builtIn.price(of: "claude-sonnet-4-5-20250929")
        let weigh = c.percentOfWindow(model: "claude-sonnet-4-5-20250929", price: sonnet)
        let plain = TokenCounts(input: 1000, cacheRead: 200_000, output: 3000)
        #expect(abs(weigh(plain) - (0.004 + 0.05 + 0.03)) < 1e-12)
        let written = TokenCounts(input: 1000, cacheRead: 0, cacheWrite5m: 500, output: 0)
        #expect(abs(weigh(written) - UsageReport.cost(written, sonnet) * 2) < 1e-12)
        #expect(c.percentOfWindow(model: "claude-sonnet-4-5", price: nil)(written) == 0)
    }

    /// Claude Code's plan windows from the statusline are snapshots for `calibrate`, of source
    /// `claude-code`; a per-model gauge is not.
    @Test func statuslineReadingsAreQuotaSamples() throws {
        let store = try ThreadStore(inMemory: "quota")
        let input = try StatuslineInput(json: fixture("subscriber.json"))
        let at = Date(timeIntervalSince1970: 1_764_666_000)
        try store.recordStatusline(input, day: "2025-12-02", at: at, source: "claude-code-statusline")
        let samples = try store.quotaSamples()
        #expect(samples.map(\.windowMinutes) == [300, 10_080])
        #expect(samples.allSatisfy { $0.source == "claude-code" && $0.timestamp == at })
        #expect(samples[0].usedPercent == 35 && samples[0].resetsAt == Date(timeIntervalSince1970: 1_764_675_000))
    }

    /// Hidden use is a steady rate added to each past window's parts, not to the bins: idle
    /// nights open no windows. Ten days with one unit at 09:00 and one at 12:00.
    @Test func hiddenUseAddsToEachWindowWithoutOpeningWindows() {
        var bins = [Double](repeating: 0, count: 10 * 288)
        for d in 0..<10 {
            bins[d * 288 + 108] = 1
            bins[d * 288 + 144] = 1
        }
        let plain = WindowOutlook.estimate(usedPercent: 40, elapsed: 3600, length: 5 * 3600, binCost: bins, binSeconds: 300)
        let hidden = WindowOutlook.estimate(
            usedPercent: 40, elapsed: 3600, length: 5 * 3600, binCost: bins, binSeconds: 300, hiddenPerHour: 0.1)
        #expect(plain.cases == 10 && hidden.cases == 10)
        // Each window: 1 + 0.1 in its first hour, 1 + 0.4 in the four after.
        #expect(plain.projectedPercent == 80)
        #expect(abs((hidden.projectedPercent ?? 0) - 40 * (1 + 1.4 / 1.1)) < 1e-9)
        // Through the history, as the statusline passes a calibration's rate.
        let history = UseHistory(origin: Date(timeIntervalSince1970: 0), cost: bins, hiddenPerHour: 0.1)
        let o = history.outlook(
            usedPercent: 40, resetsAt: Date(timeIntervalSince1970: Double(bins.count * 300 + 5 * 3600)),
            length: 5 * 3600, now: Date(timeIntervalSince1970: Double(bins.count * 300 + 3600)),
            lookback: Double(bins.count * 300))
        #expect(o.cases == 10, "\(o)")
        #expect(abs((o.projectedPercent ?? 0) - (hidden.projectedPercent ?? 0)) < 1e-9, "\(o) \(hidden)")
    }

    @Test func weeksOverlapByTheDay() {
        // 20 days, one unit of use at 09:00 each day, hourly bins.
        var bins = [Double](repeating: 0, count: 20 * 24)
        for d in 0..<20 { bins[d * 24 + 9] = 1 }
        let o = WindowOutlook.estimate(
            usedPercent: 10, elapsed: 86_400, length: 7 * 86_400, binCost: bins, binSeconds: 3600, stride: 86_400)
        // Weeks starting on days 0...12 end before the history does; each has 1 before, 6 after.
        #expect(o.cases == 13)
        #expect(o.projectedPercent == 70 && o.probability == 0)
    }

    @Test func tooLittleHistoryGivesOnlyThePace() {
        let short = history(Array(repeating: (1, 1), count: 3))
        let o = WindowOutlook.estimate(usedPercent: 20, elapsed: 3600, length: 5 * 3600, binCost: short, binSeconds: 300)
        #expect(o.probability == nil && o.cases == 3 && o.method == "pace")
        #expect(o.projectedPercent == 100)
        let full = WindowOutlook.estimate(usedPercent: 100, elapsed: 60, length: 5 * 3600, binCost: [], binSeconds: 300)
        #expect(full.probability == 1)
    }
}
