import Foundation
import NumericalMethods

/// Timed uses in one unit (percentage points of a plan's gauge, or API-equivalent dollars),
/// oldest first: what the outlook learns a user's pace from.
public struct UseTrace: Sendable {
    /// Seconds since 1970, sorted.
    public private(set) var times: [Double]
    public private(set) var amounts: [Double]
    /// Running totals (compensated: a year of requests is hundreds of thousands of terms),
    /// `prefix[i]` the sum of the first `i` amounts.
    private var prefix: [Double]

    public init(times: [Double], amounts: [Double]) {
        let order = times.indices.sorted { times[$0] < times[$1] }
        self.times = order.map { times[$0] }
        self.amounts = order.map { amounts[$0] }
        var sum = CompensatedSum()
        var prefix = [0.0]
        prefix.reserveCapacity(order.count + 1)
        for a in self.amounts {
            sum.add(a)
            prefix.append(sum.value)
        }
        self.prefix = prefix
    }

    public var isEmpty: Bool { times.isEmpty }

    /// The first index whose time is at or after `t`.
    public func index(atOrAfter t: Double) -> Int {
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Use in `from..<to`.
    public func total(from: Double, to: Double) -> Double {
        guard to > from else { return 0 }
        return prefix[index(atOrAfter: to)] - prefix[index(atOrAfter: from)]
    }

    /// The trace up to (not including) `t`: what was known at `t`, for backtests.
    public func before(_ t: Double) -> UseTrace {
        let n = index(atOrAfter: t)
        var cut = self
        cut.times.removeSubrange(n...)
        cut.amounts.removeSubrange(n...)
        cut.prefix.removeSubrange((n + 1)...)
        return cut
    }

    /// The use of each non-empty bin of `binSeconds` in `from..<to` (bins on the epoch grid):
    /// the "bursts" the outlook counts and resamples.
    public func bursts(from: Double, to: Double, binSeconds: Double) -> [(start: Double, amount: Double)] {
        var out: [(start: Double, amount: Double)] = []
        var i = index(atOrAfter: from)
        while i < times.count, times[i] < to {
            let bin = (times[i] / binSeconds).rounded(.down) * binSeconds
            var amount = 0.0
            while i < times.count, times[i] < min(bin + binSeconds, to) {
                amount += amounts[i]
                i += 1
            }
            if amount > 0 { out.append((bin, amount)) }
        }
        return out
    }
}
