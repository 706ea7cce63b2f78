import Foundation

/// When and how much a user works: the expected number of active 5-minute bins in each hour
/// of the week, and the use of an active bin, learned from the weeks before a moment.
///
/// Hours of the week are read in the user's time zone, so a developer who works 9 to 6 gets
/// quiet nights in the forecast. Sparse history is shrunk: an hour of the week towards the same
/// hour of the day, and that towards the overall rate, each with a few periods' weight, so one
/// busy Tuesday does not make every Tuesday busy and an hour never seen is not impossible.
public struct ActivityProfile: Sendable {
    public static let binSeconds: Double = 300
    /// The history a profile reads: eight weeks, enough for every hour of the week to be seen
    /// several times, recent enough to follow a change of habits.
    public static let lookback: Double = 56 * 86_400

    /// Expected active bins per hour, by hour of the week (168 entries).
    public private(set) var ratePerHour: [Double]
    /// The use of each active bin seen, resampled by the forecast.
    public private(set) var burstSizes: [Double]
    /// Mean use of an active bin.
    public private(set) var meanBurst: Double
    /// E[X²]/E[X] of the bursts: the variance of use per unit of expected use, which turns use
    /// into an equivalent count when the pace so far updates the level.
    public private(set) var dispersion: Double
    let timeZone: TimeZone

    /// The profile of `trace` over the `lookback` before `until`; nil when that span has no use.
    public static func fit(trace: UseTrace, until: Double, timeZone: TimeZone, lookback: Double = lookback)
        -> ActivityProfile?
    {
        let from = until - lookback
        let bursts = trace.bursts(from: from, to: until, binSeconds: binSeconds)
        guard !bursts.isEmpty else { return nil }
        // Exposure: how many times each hour of the week occurred in the span, counted from the
        // first use (a store imported last week has no idle weeks before it).
        let start = max(from, (bursts[0].start / 3600).rounded(.down) * 3600)
        var count = [Double](repeating: 0, count: 168), exposure = [Double](repeating: 0, count: 168)
        var hour = (start / 3600).rounded(.down) * 3600
        while hour < until {
            exposure[hourOfWeek(hour, timeZone)] += min(1, (until - hour) / 3600)
            hour += 3600
        }
        for b in bursts { count[hourOfWeek(b.start, timeZone)] += 1 }
        var dayCount = [Double](repeating: 0, count: 24), dayExposure = [Double](repeating: 0, count: 24)
        for k in 0..<168 {
            dayCount[k % 24] += count[k]
            dayExposure[k % 24] += exposure[k]
        }
        let overall = count.reduce(0, +) / max(exposure.reduce(0, +), 1)
        // Pseudo-observations: 3 days of the overall rate per hour of the day, 2 weeks of the
        // hour of the day per hour of the week.
        var dayRate = [Double](repeating: 0, count: 24)
        for h in 0..<24 { dayRate[h] = (dayCount[h] + 3 * overall) / (dayExposure[h] + 3) }
        var rate = [Double](repeating: 0, count: 168)
        for k in 0..<168 { rate[k] = (count[k] + 2 * dayRate[k % 24]) / (exposure[k] + 2) }
        let sizes = bursts.map(\.amount)
        let mean = sizes.reduce(0, +) / Double(sizes.count)
        let square = sizes.reduce(0) { $0 + $1 * $1 } / Double(sizes.count)
        return ActivityProfile(
            ratePerHour: rate, burstSizes: sizes, meanBurst: mean, dispersion: max(square / mean, .ulpOfOne),
            timeZone: timeZone)
    }

    /// Expected active bins in `from..<to`.
    public func expectedBursts(from: Double, to: Double) -> Double {
        guard to > from else { return 0 }
        var total = 0.0
        var t = from
        while t < to {
            let hourEnd = min(((t / 3600).rounded(.down) + 1) * 3600, to)
            total += ratePerHour[Self.hourOfWeek(t, timeZone)] * (hourEnd - t) / 3600
            t = hourEnd
        }
        return total
    }

    /// Expected use in `from..<to` at the profile's own level.
    public func expectedUse(from: Double, to: Double) -> Double { expectedBursts(from: from, to: to) * meanBurst }

    /// The hour of the week, 0..<168, of `t` in `zone` (any fixed origin: only the cycle matters).
    static func hourOfWeek(_ t: Double, _ zone: TimeZone) -> Int {
        let local = t + Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: t)))
        let h = Int((local / 3600).rounded(.down)) % 168
        return h < 0 ? h + 168 : h
    }
}
