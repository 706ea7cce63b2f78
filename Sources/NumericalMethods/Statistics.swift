/// Sums, means and quantiles of data, with compensated sums where many terms meet.
public enum Stats {
    /// The sum of `values`, compensated (``CompensatedSum``).
    @inlinable
    public static func sum(_ values: some Sequence<Double>) -> Double { CompensatedSum(values).value }

    /// The arithmetic mean; NaN for no values.
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : sum(values) / Double(values.count)
    }

    /// The variance dividing by n (the maximum-likelihood one).
    public static func variance(_ values: [Double]) -> Double {
        let m = mean(values)
        return sum(values.lazy.map { ($0 - m) * ($0 - m) }) / Double(values.count)
    }

    /// The type-7 (linear interpolation) quantile of sorted data, as R and NumPy default to.
    ///
    /// - Parameters:
    ///   - sorted: the data in ascending order.
    ///   - p: the probability, in [0, 1].
    /// - Returns: the quantile; NaN for no data.
    public static func quantile(sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// The type-7 quantile of unsorted data (sorts a copy).
    public static func quantile(_ values: [Double], _ p: Double) -> Double { quantile(sorted: values.sorted(), p) }

    /// The two-sample Kolmogorov–Smirnov distance sup |F_a - F_b|; NaN when either sample is empty.
    public static func ksDistance(_ a: [Double], _ b: [Double]) -> Double {
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
