import Foundation
import NumericalMethods

/// Replays a logged history: at each past official reading of a window, the outlook predicts
/// from what was known then whether the window would fill before it reset, and the window's
/// own later readings say whether it did. Scored by the Brier score and a calibration table of
/// P(hit) (predicted against observed, in ten bins).
public enum OutlookBacktest {
    /// An official reading, with the window it belongs to.
    public struct Reading: Sendable, Hashable {
        public var time: Double
        public var windowStart: Double
        public var windowEnd: Double
        public var used: Double
        public init(time: Double, windowStart: Double, windowEnd: Double, used: Double) {
            self.time = time
            self.windowStart = windowStart
            self.windowEnd = windowEnd
            self.used = used
        }
    }

    /// A window counts as hit when a reading shows it at least this full (gauges round).
    public static let hitThreshold = 99.5

    public struct Bin: Sendable, Hashable, Codable {
        public var lower: Double
        public var upper: Double
        public var count: Int
        public var meanPredicted: Double
        public var observed: Double
    }

    public struct Result: Sendable, Hashable, Codable {
        public var predictions: Int
        public var windows: Int
        public var windowsHit: Int
        /// Mean squared error of P(hit) against what happened.
        public var brier: Double
        /// The Brier score of always predicting the overall hit rate: the score to beat.
        public var climatologyBrier: Double
        /// Mean |predicted − observed| over the bins, weighted by their predictions,
        /// in percentage points.
        public var calibrationError: Double
        public var bins: [Bin]
        /// Readings skipped: in a window still open at the end of the history, or too late in
        /// their window (the last minute) to predict anything.
        public var skipped: Int
    }

    public static func run(
        trace: UseTrace, readings: [Reading], timeZone: TimeZone, trials: Int = 1000, seed: UInt64 = 42,
        maxPredictions: Int = 2000
    ) -> Result {
        let lastTime = max(trace.times.last ?? 0, readings.map(\.time).max() ?? 0)
        // A window is known by its end (readings of one window agree on it within seconds).
        var peak: [Int: Double] = [:]
        func key(_ r: Reading) -> Int { Int((r.windowEnd / 120).rounded()) }
        for r in readings { peak[key(r), default: 0] = max(peak[key(r), default: 0], r.used) }
        var usable = readings.filter { $0.windowEnd <= lastTime && $0.time < $0.windowEnd - 60 && $0.time >= $0.windowStart }
        let skipped = readings.count - usable.count
        if usable.count > maxPredictions {
            // Evenly spaced, so a long history is scored across its whole span.
            let step = Double(usable.count) / Double(maxPredictions)
            usable = (0..<maxPredictions).map { usable[Int(Double($0) * step)] }
        }
        var predicted: [Double] = [], outcome: [Double] = []
        var windows: Set<Int> = [], hitWindows: Set<Int> = []
        for (n, r) in usable.enumerated() {
            let known = trace.before(r.time)
            guard let profile = ActivityProfile.fit(trace: known, until: r.time, timeZone: timeZone) else { continue }
            let past = PastPeriods.history(
                trace: known, profile: profile, until: r.windowStart, length: r.windowEnd - r.windowStart, limit: 100)
            var request = PeriodForecast.Request(
                start: r.windowStart, end: r.windowEnd, now: r.time, used: r.used,
                observed: known.total(from: r.windowStart, to: r.time), limit: 100)
            request.pastUse = past.use
            request.pastExpected = past.expected
            request.trials = trials
            request.historyStart = known.times.first ?? r.windowStart
            request.seed = seed &+ UInt64(n)
            let p = PeriodForecast.run(request, profile: profile).probabilityOfHit ?? 0
            let hit = (peak[key(r)] ?? 0) >= hitThreshold
            predicted.append(p)
            outcome.append(hit ? 1 : 0)
            windows.insert(key(r))
            if hit { hitWindows.insert(key(r)) }
        }
        return score(
            predicted: predicted, outcome: outcome, windows: windows.count, windowsHit: hitWindows.count, skipped: skipped)
    }

    static func score(predicted: [Double], outcome: [Double], windows: Int, windowsHit: Int, skipped: Int) -> Result {
        let n = predicted.count
        guard n > 0 else {
            return Result(
                predictions: 0, windows: windows, windowsHit: windowsHit, brier: .nan, climatologyBrier: .nan,
                calibrationError: .nan, bins: [], skipped: skipped)
        }
        let brier = Stats.mean(zip(predicted, outcome).map { ($0 - $1) * ($0 - $1) })
        let base = Stats.mean(outcome)
        var bins: [Bin] = []
        var error = 0.0
        for b in 0..<10 {
            let lower = Double(b) / 10, upper = Double(b + 1) / 10
            let members = predicted.indices.filter {
                predicted[$0] >= lower && (predicted[$0] < upper || (b == 9 && predicted[$0] <= 1))
            }
            guard !members.isEmpty else { continue }
            let meanP = Stats.mean(members.map { predicted[$0] }), observed = Stats.mean(members.map { outcome[$0] })
            bins.append(Bin(lower: lower, upper: upper, count: members.count, meanPredicted: meanP, observed: observed))
            error += Double(members.count) * abs(meanP - observed)
        }
        return Result(
            predictions: n, windows: windows, windowsHit: windowsHit, brier: brier, climatologyBrier: base * (1 - base),
            calibrationError: 100 * error / Double(n), bins: bins, skipped: skipped)
    }
}
