import Foundation
import Pricing
import ThreadStore

extension Outlook {
    /// One window type's replay (`outlook --backtest`).
    public struct BacktestOutcome: Sendable {
        public var window: LimitWindow
        public var vendor: String
        public var readings: Int
        /// nil when there was no scale or no reading to replay.
        public var result: OutlookBacktest.Result?
        public var scale: String?
        public var note: String?
    }

    /// Replays every official reading of the vendor's windows in the store (the last `days`
    /// before `options.now`). Each prediction sees only the use logged before its reading; the
    /// gauge's scale is the one the whole history gives (a calibration, or the readings' ratio),
    /// which is the one assumption fitted on the future as well as the past.
    public static func backtest(store: ThreadStore, options: Options, days: Double = 90, maxPredictions: Int = 2000)
        throws -> [BacktestOutcome]
    {
        let now = options.now
        let since = now.addingTimeInterval(-days * 86_400)
        let uses = try readUses(
            store: store, since: since.addingTimeInterval(-ActivityProfile.lookback), until: now, price: options.price)
        let all = try store.windowSnapshots(since: since, until: now.addingTimeInterval(1)).filter(\.isPlanWide)
        let vendor = options.vendor ?? all.last?.vendor ?? "Anthropic"
        let mine = uses.filter { $0.vendor == vendor }
        let times = mine.map(\.time)
        var out: [BacktestOutcome] = []
        for kind in LimitWindow.allCases {
            let readings = all.filter { $0.vendor == vendor && $0.window == kind }
            var outcome = BacktestOutcome(
                window: kind, vendor: vendor, readings: readings.count, result: nil, scale: nil, note: nil)
            guard !readings.isEmpty else {
                outcome.note = "no official readings of this window"
                out.append(outcome)
                continue
            }
            let calibration = Calibration.latest(windowMinutes: kind == .fiveHour ? 300 : 10080, vendor: vendor, in: store)
            guard
                let scale = GaugeScale.make(
                    window: kind, calibration: calibration, readings: readings, uses: mine, windowStart: nil)
            else {
                outcome.note = "too few pairs of readings to scale logged use"
                out.append(outcome)
                continue
            }
            outcome.scale = scale.label
            let trace = UseTrace(
                times: times, amounts: mine.map { scale.percent(model: $0.model, tokens: $0.tokens, dollars: $0.dollars) })
            let opened = PastPeriods.openedWindows(times: times, until: now.timeIntervalSince1970, length: kind.seconds)
            let resolved: [OutlookBacktest.Reading] = readings.compactMap { r in
                let at = r.timestamp.timeIntervalSince1970
                if let resets = r.resetsAt?.timeIntervalSince1970 {
                    return OutlookBacktest.Reading(
                        time: at, windowStart: resets - kind.seconds, windowEnd: resets, used: r.usedPercent)
                }
                // Without a reset time, the window the logged use opened around the reading.
                let i = PastPeriods.lowerBound(opened.map(\.start), at + 0.001) - 1
                guard i >= 0, opened[i].end > at else { return nil }
                return OutlookBacktest.Reading(
                    time: at, windowStart: opened[i].start, windowEnd: opened[i].end, used: r.usedPercent)
            }
            outcome.result = OutlookBacktest.run(
                trace: trace, readings: resolved, timeZone: options.timeZone, trials: options.trials, seed: options.seed,
                maxPredictions: maxPredictions)
            out.append(outcome)
        }
        return out
    }
}
