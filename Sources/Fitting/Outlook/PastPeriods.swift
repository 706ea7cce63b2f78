import Foundation

/// Past periods of one length, opened the way plans open windows: at the first use after the
/// previous one closed (Anthropic's 5-hour window, ``UsageBlocks``). For periods longer than a
/// day a new one may open at the first use of each later day, so that eight weeks of history
/// give dozens of (overlapping) weeks to learn a week's spread from, not eight.
enum PastPeriods {
    static func opened(times: [Double], from: Double, until: Double, length: Double) -> [(start: Double, end: Double)] {
        let stride = length > 86_400 ? 86_400 : length
        var out: [(start: Double, end: Double)] = []
        var i = lowerBound(times, from)
        while i < times.count, times[i] + length <= until {
            let start = times[i]
            out.append((start, start + length))
            i = lowerBound(times, start + stride, from: i + 1)
        }
        return out
    }

    static func lowerBound(_ times: [Double], _ t: Double, from: Int = 0) -> Int {
        var lo = from, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The use and the profile's expected use of each past period of `length` in the lookback
    /// before `until`: what ``PeriodForecast`` fits the level's prior to.
    ///
    /// A period whose logged use came within 10 % of `limit` was probably blocked: its use is
    /// a floor, not the demand, and taking it as the demand would teach the prior that windows
    /// never fill. Its demand is extrapolated from its pace until its last use (at most
    /// threefold).
    static func history(trace: UseTrace, profile: ActivityProfile, until: Double, length: Double, limit: Double? = nil)
        -> (use: [Double], expected: [Double])
    {
        let periods = opened(
            times: trace.times, from: until - ActivityProfile.lookback, until: until, length: length)
        var use: [Double] = [], expected: [Double] = []
        for p in periods {
            var u = trace.total(from: p.start, to: p.end)
            let e = profile.expectedUse(from: p.start, to: p.end)
            if let limit, u >= 0.9 * limit {
                let last = trace.index(atOrAfter: p.end) - 1
                if last >= 0, trace.times[last] > p.start {
                    let before = profile.expectedUse(from: p.start, to: trace.times[last])
                    if before > 0 { u *= min(e / before, 3) }
                }
            }
            use.append(u)
            expected.append(e)
        }
        return (use, expected)
    }
}

extension PastPeriods {
    /// Windows as a plan opens them, without overlap: each at the first use at or after the
    /// previous one's end, up to `until` (the last may still be open).
    static func openedWindows(times: [Double], until: Double, length: Double) -> [(start: Double, end: Double)] {
        var out: [(start: Double, end: Double)] = []
        var i = 0
        while i < times.count, times[i] <= until {
            let start = times[i]
            out.append((start, start + length))
            i = lowerBound(times, start + length, from: i + 1)
        }
        return out
    }
}
