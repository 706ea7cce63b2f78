import Distributions
import Foundation
import NumericalMethods

/// The rest of one period (a plan's 5-hour window, its week, a calendar month) simulated from
/// the user's own activity, conditioned on the pace so far.
///
/// The model, in the trace's unit (percentage points of a gauge, or dollars):
/// - Use comes in active 5-minute bins. In each slot of the rest of the period the number of
///   active bins is Poisson with mean `M × rate(hour of week)` (``ActivityProfile``), and each
///   active bin's use is resampled from the bins seen in the last eight weeks.
/// - `M` is this period's level against the profile. Its prior is a gamma fitted to past
///   periods of the same kind (their use over the profile's expectation, less the part of
///   their spread that within-period noise explains). The pace so far updates it as a
///   gamma–Poisson pair: the use so far, divided by the bins' dispersion E[X²]/E[X], is an
///   equivalent count against the expected use so far divided the same way. Early in a period
///   the prior dominates; late in a busy one, the pace does.
/// - Use the gauge shows with no logged request (hidden use) adds at a constant rate.
/// A period's end use is what the user would use with no limit; P(hit) is the share of trials
/// whose use reaches the limit before the period ends, and the hit time is when it does.
public enum PeriodForecast {
    public struct Request: Sendable {
        public var start: Double
        public var end: Double
        public var now: Double
        /// Use so far in the period (an official reading plus logged use since, or logged use).
        public var used: Double
        /// The part of `used` that logged use explains, which conditions the level (an official
        /// reading includes hidden use, which is not the user's pace).
        public var observed: Double
        /// The limit (100 for a gauge), nil for a period with none (a month's spend).
        public var limit: Double?
        public var hiddenPerHour: Double = 0
        /// When the history begins (the first logged use): before it there is no pace to
        /// compare, so a month that began before the user's first import is judged from then.
        public var historyStart: Double = -.infinity
        /// Past periods of the same kind: their use and the profile's expected use.
        public var pastUse: [Double] = []
        public var pastExpected: [Double] = []
        public var trials = 4000
        public var seed: UInt64 = 42

        public init(start: Double, end: Double, now: Double, used: Double, observed: Double, limit: Double?) {
            self.start = start
            self.end = end
            self.now = now
            self.used = used
            self.observed = observed
            self.limit = limit
        }
    }

    public struct Outcome: Sendable, Hashable, Codable {
        /// nil for a period without a limit.
        public var probabilityOfHit: Double?
        /// Median, 10th and 90th percentile of the time the limit is reached, among the trials
        /// that reach it (seconds since 1970).
        public var hitTimeP10: Double?
        public var hitTimeMedian: Double?
        public var hitTimeP90: Double?
        /// The period's end use: percentiles and mean.
        public var endP10: Double
        public var endP50: Double
        public var endP90: Double
        public var endMean: Double
        /// The level's prior and posterior means (1: as the profile expects).
        public var priorLevel: Double
        public var posteriorLevel: Double
        /// Past periods behind the prior (fewer than ``minimumPastPeriods``: a vague prior).
        public var pastPeriods: Int
        public var trials: Int
    }

    /// Past periods needed to fit the level's prior; with fewer the prior is gamma(1, 1).
    public static let minimumPastPeriods = 4

    /// The level's prior (shape, rate) from past periods.
    static func prior(use: [Double], expected: [Double], dispersion: Double) -> (shape: Double, rate: Double) {
        let pairs = zip(use, expected).filter { $0.1 > 0 }
        guard pairs.count >= minimumPastPeriods else { return (1, 1) }
        let ratios = pairs.map { $0.0 / $0.1 }
        let mean = Stats.mean(ratios)
        guard mean > 0 else { return (1, 1) }
        // Within-period noise alone gives Var(U/E | M) = M·c/E.
        let noise = pairs.reduce(0) { $0 + mean * dispersion / $1.1 } / Double(pairs.count)
        let variance = max(Stats.variance(ratios) - noise, 0.01 * mean * mean)
        return (mean * mean / variance, mean / variance)
    }

    public static func run(_ r: Request, profile: ActivityProfile) -> Outcome {
        let c = profile.dispersion
        let prior = prior(use: r.pastUse, expected: r.pastExpected, dispersion: c)
        let expectedSoFar = profile.expectedUse(from: max(r.start, r.historyStart), to: r.now)
        let shape = prior.shape + max(r.observed, 0) / c
        let rate = prior.rate + expectedSoFar / c
        // Slots: 5 minutes for a rest of hours, an hour for days and weeks.
        let rest = max(r.end - r.now, 0)
        let slotSeconds: Double = rest <= 6 * 3600 ? 300 : 3600
        var slots: [(start: Double, length: Double, bursts: Double)] = []
        var t = r.now
        while t < r.end {
            let e = min(t + slotSeconds, r.end)
            slots.append((t, e - t, profile.expectedBursts(from: t, to: e)))
            t = e
        }
        let trials = max(r.trials, 1)
        var ends = [Double](repeating: 0, count: trials)
        var hits: [Double] = []
        let sizes = profile.burstSizes
        let level = (try? Gamma(shape: shape, rate: rate))
        let root = RandomStream(seed: r.seed)
        for trial in 0..<trials {
            var rng = root.substream(UInt64(trial))
            let m = level?.sample(using: &rng) ?? 0
            var total = r.used
            var hitAt: Double?
            if let limit = r.limit, total >= limit { hitAt = r.now }
            for slot in slots {
                var added = r.hiddenPerHour * slot.length / 3600
                let mean = m * slot.bursts
                if mean > 0, let law = try? Poisson(mean: mean) {
                    let n = Int(law.sample(using: &rng))
                    for _ in 0..<n { added += sizes[min(Int(rng.uniform() * Double(sizes.count)), sizes.count - 1)] }
                }
                if hitAt == nil, let limit = r.limit, total + added >= limit {
                    // Within the slot, at the share of its use that reaches the limit.
                    let share = added > 0 ? (limit - total) / added : 1
                    hitAt = slot.start + slot.length * min(max(share, 0), 1)
                }
                total += added
            }
            ends[trial] = total
            if let hitAt { hits.append(hitAt) }
        }
        ends.sort()
        hits.sort()
        return Outcome(
            probabilityOfHit: r.limit.map { _ in Double(hits.count) / Double(trials) },
            hitTimeP10: hits.isEmpty ? nil : Stats.quantile(sorted: hits, 0.1),
            hitTimeMedian: hits.isEmpty ? nil : Stats.quantile(sorted: hits, 0.5),
            hitTimeP90: hits.isEmpty ? nil : Stats.quantile(sorted: hits, 0.9),
            endP10: Stats.quantile(sorted: ends, 0.1), endP50: Stats.quantile(sorted: ends, 0.5),
            endP90: Stats.quantile(sorted: ends, 0.9), endMean: Stats.mean(ends),
            priorLevel: prior.shape / prior.rate, posteriorLevel: shape / rate,
            pastPeriods: zip(r.pastUse, r.pastExpected).filter { $0.1 > 0 }.count, trials: trials)
    }
}
