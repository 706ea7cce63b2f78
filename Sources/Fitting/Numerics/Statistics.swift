import Foundation
import Simulation

/// Sums, means and quantiles of data, with compensated sums where many terms meet.
enum Stats {
    static func sum(_ values: some Sequence<Double>) -> Double { CompensatedSum(values).value }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : sum(values) / Double(values.count)
    }

    /// The variance dividing by n (the maximum-likelihood one).
    static func variance(_ values: [Double]) -> Double {
        let m = mean(values)
        return sum(values.lazy.map { ($0 - m) * ($0 - m) }) / Double(values.count)
    }

    /// The type-7 (linear interpolation) quantile of sorted data, as R and NumPy default to.
    static func quantile(sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    static func quantile(_ values: [Double], _ p: Double) -> Double { quantile(sorted: values.sorted(), p) }

    /// The two-sample Kolmogorov–Smirnov distance sup |F_a - F_b|.
    static func ksDistance(_ a: [Double], _ b: [Double]) -> Double {
        let x = a.sorted(), y = b.sorted()
        guard !x.isEmpty, !y.isEmpty else { return .nan }
        var i = 0, j = 0, d = 0.0
        while i < x.count && j < y.count {
            let v = min(x[i], y[j])
            while i < x.count && x[i] <= v { i += 1 }
            while j < y.count && y[j] <= v { j += 1 }
            d = max(d, abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)))
        }
        return d
    }
}
