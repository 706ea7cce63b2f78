import Foundation
import Pricing
import ThreadStore

/// `tokencast outlook`: where the current 5-hour window, week and month stand, and where they
/// are heading, from the user's own logs and the plan's official readings.
public struct Outlook: Sendable {
    /// One plan window now.
    public struct Window: Sendable {
        public var window: LimitWindow
        /// nil when no window is open (it opens at the next message).
        public var start: Date?
        public var end: Date?
        /// Percent used so far; nil without a scale (no reading, no calibration).
        public var used: Double?
        /// `official` (a reading of this window, plus logged use since) or `estimated` (logged use
        /// through the scale).
        public var basis: String?
        public var readingAt: Date?
        public var readingPercent: Double?
        /// How logged use became percent (``GaugeScale/label``).
        public var scale: String?
        /// API-equivalent dollars logged in the window so far.
        public var dollars: Double
        public var forecast: PeriodForecast.Outcome?
        public var note: String?
    }

    /// The calendar month's API-equivalent spend.
    public struct Month: Sendable {
        public var start: Date
        public var end: Date
        public var spent: Double
        public var budget: Double?
        public var forecast: PeriodForecast.Outcome?
        public var unpriced: [String]
    }

    public var now: Date
    public var vendor: String
    public var windows: [Window]
    public var month: Month
    /// Logged uses read (all vendors, the history the outlook learned from).
    public var uses: Int

    public struct Options: Sendable {
        public var now = Date()
        /// `Anthropic` or `OpenAI`; nil: the vendor of the newest reading, else of the newest use.
        public var vendor: String?
        public var timeZone = TimeZone.current
        public var trials = 4000
        public var seed: UInt64 = 42
        /// A monthly budget in dollars: the month's P(over budget).
        public var budget: Double?
        public var price: @Sendable (String) -> ModelPrice? = { _ in nil }
        public init() {}
    }

    /// How far back the outlook reads: the profile's eight weeks before the month began.
    static let history: TimeInterval = ActivityProfile.lookback + 31 * 86_400

    public static func make(store: ThreadStore, options: Options) throws -> Outlook {
        let now = options.now
        let uses = try readUses(store: store, since: now.addingTimeInterval(-history), until: now, price: options.price)
        let readings = try store.windowSnapshots(since: now.addingTimeInterval(-8 * 86_400), until: now.addingTimeInterval(1))
            .filter(\.isPlanWide)
        let vendor =
            options.vendor
            ?? readings.last?.vendor
            ?? uses.last(where: { $0.vendor == "Anthropic" || $0.vendor == "OpenAI" })?.vendor
            ?? "Anthropic"
        let mine = uses.filter { $0.vendor == vendor }
        var windows: [Window] = []
        for kind in LimitWindow.allCases {
            let calibration = Calibration.latest(windowMinutes: kind == .fiveHour ? 300 : 10080, vendor: vendor, in: store)
            let own = readings.filter { $0.vendor == vendor && $0.window == kind }
            windows.append(
                window(kind, now: now, uses: mine, readings: own, calibration: calibration, options: options))
        }
        return Outlook(
            now: now, vendor: vendor, windows: windows, month: month(now: now, uses: uses, options: options),
            uses: uses.count)
    }

    /// A calibration is of this vendor's gauge when its snapshots came from its tool.
    static func matches(_ c: PlanCalibration, vendor: String) -> Bool {
        vendor == "OpenAI" ? c.source.contains("codex") : !c.source.contains("codex")
    }

    static func readUses(store: ThreadStore, since: Date, until: Date, price: (String) -> ModelPrice?) throws -> [OutlookUse] {
        var prices: [String: ModelPrice?] = [:]
        return try store.usageEvents(since: since, until: until).events.map { e in
            if prices[e.model] == nil { prices[e.model] = .some(price(e.model)) }
            let p = prices[e.model] ?? nil
            return OutlookUse(
                time: e.timestamp.timeIntervalSince1970, model: e.model, vendor: UsageReport.vendor(of: e.model, price: p),
                tokens: e.tokens, dollars: p.map { UsageReport.cost(e.tokens, $0) } ?? 0)
        }
    }

    static func window(
        _ kind: LimitWindow, now: Date, uses: [OutlookUse], readings: [WindowSnapshot], calibration: PlanCalibration?,
        options: Options
    ) -> Window {
        let t = now.timeIntervalSince1970
        let length = kind.seconds
        let times = uses.map(\.time)
        // The open window: the newest reading's reset when it says one; else the window the
        // logged use opened (first use after the previous one closed).
        var start: Double?, end: Double?
        let latest = readings.last
        if let r = latest, let resets = r.resetsAt?.timeIntervalSince1970, resets > t, resets - length <= t {
            start = resets - length
            end = resets
        } else if let open = PastPeriods.openedWindows(times: times, until: t, length: length).last, open.end > t {
            start = open.start
            end = open.end
        }
        let scale = GaugeScale.make(
            window: kind, calibration: calibration, readings: readings, uses: uses, windowStart: start)
        var w = Window(
            window: kind, start: start.map(Date.init(timeIntervalSince1970:)), end: end.map(Date.init(timeIntervalSince1970:)),
            used: nil, basis: nil, readingAt: nil, readingPercent: nil, scale: scale?.label, dollars: 0, forecast: nil,
            note: nil)
        guard let start, let end else {
            w.note = "no window open: the next message opens one"
            return w
        }
        let lo = PastPeriods.lowerBound(times, start)
        w.dollars = uses[lo...].reduce(0) { $0 + $1.dollars }
        let reading = latest.flatMap { r -> WindowSnapshot? in
            let at = r.timestamp.timeIntervalSince1970
            return at >= start && at <= t ? r : nil
        }
        guard let scale else {
            if let reading {
                // A reading without a scale: the official figure stands, with no forecast.
                w.used = reading.usedPercent
                w.basis = "official"
                w.readingAt = reading.timestamp
                w.readingPercent = reading.usedPercent
            }
            w.note =
                readings.isEmpty
                ? "no official reading of this window in the last 8 days: Claude Code gives one to `tokencast statusline`, Codex logs one per turn (import them)"
                : "\(readings.count) official reading\(readings.count == 1 ? "" : "s"), too few to scale logged use (\(GaugeScale.minimumPairs) pairs of readings with use between them needed); or run `tokencast calibrate`"
            return w
        }
        let percent = uses.map { scale.percent(model: $0.model, tokens: $0.tokens, dollars: $0.dollars) }
        let trace = UseTrace(times: times, amounts: percent)
        let logged = trace.total(from: start, to: t + 1)
        if let reading {
            let at = reading.timestamp.timeIntervalSince1970
            w.used = reading.usedPercent + trace.total(from: at + 0.001, to: t + 1)
            w.basis = "official"
            w.readingAt = reading.timestamp
            w.readingPercent = reading.usedPercent
        } else {
            w.used = logged + scale.hiddenPerHour * (t - start) / 3600
            w.basis = "estimated"
        }
        guard let profile = ActivityProfile.fit(trace: trace, until: t + 1, timeZone: options.timeZone) else { return w }
        let past = PastPeriods.history(trace: trace, profile: profile, until: start, length: length, limit: 100)
        var request = PeriodForecast.Request(
            start: start, end: end, now: t, used: w.used ?? logged, observed: logged, limit: 100)
        request.hiddenPerHour = scale.hiddenPerHour
        request.historyStart = times.first ?? start
        request.pastUse = past.use
        request.pastExpected = past.expected
        request.trials = options.trials
        request.seed = options.seed
        w.forecast = PeriodForecast.run(request, profile: profile)
        return w
    }

    static func month(now: Date, uses: [OutlookUse], options: Options) -> Month {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = options.timeZone
        let start = calendar.dateInterval(of: .month, for: now)?.start ?? now
        let end = calendar.date(byAdding: .month, value: 1, to: start) ?? now
        let t = now.timeIntervalSince1970
        let trace = UseTrace(times: uses.map(\.time), amounts: uses.map(\.dollars))
        let spent = trace.total(from: start.timeIntervalSince1970, to: t + 1)
        let unpriced = Set(uses.filter { $0.dollars == 0 && options.price($0.model) == nil }.map(\.model)).sorted()
        var m = Month(start: start, end: end, spent: spent, budget: options.budget, forecast: nil, unpriced: unpriced)
        guard let profile = ActivityProfile.fit(trace: trace, until: t + 1, timeZone: options.timeZone) else { return m }
        let past = PastPeriods.history(
            trace: trace, profile: profile, until: start.timeIntervalSince1970,
            length: end.timeIntervalSince(start))
        var request = PeriodForecast.Request(
            start: start.timeIntervalSince1970, end: end.timeIntervalSince1970, now: t, used: spent, observed: spent,
            limit: options.budget)
        request.pastUse = past.use
        request.pastExpected = past.expected
        request.trials = options.trials
        request.seed = options.seed &+ 1
        request.historyStart = trace.times.first ?? start.timeIntervalSince1970
        m.forecast = PeriodForecast.run(request, profile: profile)
        return m
    }
}
