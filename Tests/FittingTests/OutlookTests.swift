// Tests: ActivityProfile.swift, OutlookBacktest.swift, Outlook+Backtest.swift, PastPeriods.swift, PeriodForecast.swift, UseTrace.swift
import Foundation
import SyntheticData
import Testing

@testable import Fitting

/// The outlook's now-cast of a plan window, and its backtest on snapshot streams drawn from a
/// known allowance (issue: P(hit) calibration error under 5 points).
@Suite struct OutlookTests {
    static let weights: [Double] = [6, 0.6, 7.5, 12, 30]

    /// A stream whose windows differ in level, so that some fill and some do not, logging a full
    /// gauge when they do.
    static func stream(seed: UInt64, windows: Int, heaviness: Double) -> SnapshotStream {
        var s = SnapshotStream(seed: seed, weights: ["claude-sonnet-4-5": weights.map { $0 * heaviness }])
        s.windows = windows
        s.levelSpread = 0.5
        s.reportsFullWhenBlocked = true
        return s
    }

    /// The trace in gauge units (each request's exact share of the window) and the readings.
    static func inputs(_ stream: SnapshotStream) -> (UseTrace, [OutlookBacktest.Reading]) {
        let (requests, snapshots) = stream.generate()
        let w = stream.weights.values.first ?? []
        let trace = UseTrace(
            times: requests.map { $0.timestamp.timeIntervalSince1970 },
            amounts: requests.map { r in zip(r.tokens, w).reduce(0) { $0 + Double($1.0) * $1.1 / 1_000_000 } })
        let length = Double(stream.windowMinutes * 60)
        let readings = snapshots.map {
            OutlookBacktest.Reading(
                time: $0.timestamp.timeIntervalSince1970, windowStart: $0.resetsAt.timeIntervalSince1970 - length,
                windowEnd: $0.resetsAt.timeIntervalSince1970, used: $0.usedPercent)
        }
        return (trace, readings)
    }

    /// Two users: one who fills about a quarter of their windows, a lighter one who fills fewer.
    @Test(arguments: [(UInt64(7), 2.6), (UInt64(11), 2.0)])
    func backtestIsCalibratedOnAKnownAllowance(seed: UInt64, heaviness: Double) throws {
        let (trace, readings) = Self.inputs(Self.stream(seed: seed, windows: 160, heaviness: heaviness))
        let result = OutlookBacktest.run(
            trace: trace, readings: readings, timeZone: TimeZone(identifier: "UTC")!, trials: 400, seed: 1,
            maxPredictions: 1200)
        print(
            "outlook backtest: \(result.predictions) predictions, \(result.windowsHit)/\(result.windows) windows hit, brier \(result.brier) vs climatology \(result.climatologyBrier), calibration error \(result.calibrationError) points"
        )
        for b in result.bins {
            print("  \(b.lower)-\(b.upper): n \(b.count) predicted \(b.meanPredicted) observed \(b.observed)")
        }
        #expect(result.windowsHit > result.windows / 10 && result.windowsHit < result.windows * 4 / 5)
        #expect(result.brier < result.climatologyBrier * 0.8)
        #expect(result.calibrationError < 5)
    }
}

/// The pieces of the outlook on hand-made traces, where the answer is known.
@Suite struct OutlookPartsTests {
    static let utc = TimeZone(identifier: "UTC")!
    /// Monday 2026-09-21 00:00 UTC.
    static let monday = 1_790_294_400.0

    /// Four weeks of one 1-point bin every working hour 09:00-17:00, Monday to Friday.
    static func officeHours(weeks: Int = 4) -> UseTrace {
        var times: [Double] = []
        for w in 0..<weeks {
            for d in 0..<5 {
                for h in 9..<17 { times.append(monday + Double(w * 7 + d) * 86_400 + Double(h) * 3600 + 60) }
            }
        }
        return UseTrace(times: times, amounts: times.map { _ in 1 })
    }

    @Test func traceTotalsAndCuts() {
        let t = UseTrace(times: [30, 10, 20], amounts: [3, 1, 2])
        #expect(t.times == [10, 20, 30])
        #expect(t.total(from: 10, to: 30) == 3)
        #expect(t.total(from: 0, to: 100) == 6)
        #expect(t.before(25).times == [10, 20])
        #expect(t.before(25).total(from: 0, to: 100) == 3)
        #expect(t.bursts(from: 0, to: 400, binSeconds: 300).map(\.amount) == [6])
    }

    @Test func profileLearnsOfficeHours() throws {
        let trace = Self.officeHours()
        let until = Self.monday + 28 * 86_400
        let p = try #require(ActivityProfile.fit(trace: trace, until: until, timeZone: Self.utc))
        // A working hour has one active bin, shrunk a little towards the same hour on every day
        // of the week (weekends idle); a night hour far fewer (shrunk towards the overall rate,
        // not zero).
        let tuesdayTen = p.expectedBursts(from: Self.monday + 86_400 + 10 * 3600, to: Self.monday + 86_400 + 11 * 3600)
        let tuesdayThree = p.expectedBursts(from: Self.monday + 86_400 + 3 * 3600, to: Self.monday + 86_400 + 4 * 3600)
        #expect(tuesdayTen > 0.85 && tuesdayTen < 1)
        #expect(tuesdayThree < 0.1)
        #expect(p.meanBurst == 1 && p.dispersion == 1)
        // More weeks, less shrinkage.
        let longer = try #require(
            ActivityProfile.fit(trace: Self.officeHours(weeks: 8), until: Self.monday + 56 * 86_400, timeZone: Self.utc))
        #expect(longer.expectedBursts(from: Self.monday + 86_400 + 10 * 3600, to: Self.monday + 86_400 + 11 * 3600) > tuesdayTen)
    }

    @Test func restOfAPeriodFollowsTheProfileAndThePace() throws {
        let trace = Self.officeHours()
        let now = Self.monday + 28 * 86_400 + 12 * 3600  // Monday of week 5, noon
        let p = try #require(ActivityProfile.fit(trace: trace, until: now, timeZone: Self.utc))
        // The rest of the day: 5 working hours, 1 point each at the usual pace.
        var r = PeriodForecast.Request(
            start: now - 3 * 3600, end: now + 12 * 3600, now: now, used: 3, observed: 3, limit: nil)
        r.trials = 4000
        let o = PeriodForecast.run(r, profile: p)
        #expect(o.probabilityOfHit == nil)
        #expect(abs(o.endMean - 8) < 0.6, "\(o.endMean)")
        #expect(o.endP10 >= 3)
        // Twice the pace so far: the level's posterior moves up, and so does the end.
        r.used = 6
        r.observed = 6
        let busy = PeriodForecast.run(r, profile: p)
        #expect(busy.posteriorLevel > o.posteriorLevel * 1.3)
        #expect(busy.endMean > o.endMean + 3)
        // A limit just above the use so far is very likely hit, and after now.
        r.limit = 7
        let hit = PeriodForecast.run(r, profile: p)
        #expect(try #require(hit.probabilityOfHit) > 0.9)
        #expect(try #require(hit.hitTimeMedian) > now)
        // Already over the limit: hit now, with certainty.
        r.used = 8
        #expect(PeriodForecast.run(r, profile: p).probabilityOfHit == 1)
    }

    @Test func priorFromPastPeriodsRemovesWithinPeriodNoise() {
        // Identical past periods: the level does not vary, so the prior is tight around 1.
        let tight = PeriodForecast.prior(use: [10, 10, 10, 10, 10], expected: [10, 10, 10, 10, 10], dispersion: 1)
        #expect(abs(tight.shape / tight.rate - 1) < 1e-9)
        #expect(tight.shape > 50)
        // Too few periods: gamma(1, 1).
        let vague = PeriodForecast.prior(use: [10, 20], expected: [10, 10], dispersion: 1)
        #expect(vague.shape == 1 && vague.rate == 1)
        // Spread far beyond noise: a wide prior with the right mean.
        let wide = PeriodForecast.prior(use: [2, 5, 10, 20, 40, 80], expected: [25, 25, 25, 25, 25, 25], dispersion: 1)
        #expect(abs(wide.shape / wide.rate - 157.0 / 150) < 1e-9)
        #expect(wide.shape < 2)
    }

    @Test func blockedPastWindowsAreExtrapolated() throws {
        // Four past windows that stopped at 95 points halfway through, for a user whose activity
        // is the same at every hour: their demand is about twice what they used.
        var times: [Double] = [], amounts: [Double] = []
        for w in 0..<4 {
            let start = Self.monday + Double(w) * 6 * 3600
            for k in 0..<30 {
                times.append(start + Double(k) * 300)
                amounts.append(95.0 / 30)
            }
        }
        let trace = UseTrace(times: times, amounts: amounts)
        let until = Self.monday + 24 * 3600
        let hourly = (0..<(28 * 24)).map { until - Double($0) * 3600 - 1800 }
        let p = try #require(
            ActivityProfile.fit(trace: UseTrace(times: hourly, amounts: hourly.map { _ in 1 }), until: until, timeZone: Self.utc))
        let censored = PastPeriods.history(trace: trace, profile: p, until: until, length: 5 * 3600, limit: 100)
        let plain = PastPeriods.history(trace: trace, profile: p, until: until, length: 5 * 3600)
        #expect(plain.use.count == 4)
        #expect(plain.use.allSatisfy { abs($0 - 95) < 1e-6 })
        #expect(censored.use.allSatisfy { $0 > 180 && $0 < 210 }, "\(censored.use)")
    }
}
