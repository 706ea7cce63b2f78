/// Equal-width bins of a sample, for a histogram.
///
/// The range runs from the sample's minimum to its `upperQuantile` quantile (99.5 % by
/// default): a long right tail would otherwise squeeze the body of the distribution into a few
/// bins. Values above the range are counted in ``clipped``, not drawn.
public struct Histogram: Sendable, Hashable {
    public var lower: Double
    public var binWidth: Double
    public var counts: [Int]
    /// Values above the last bin.
    public var clipped: Int
    public var total: Int

    public init(_ values: [Double], bins: Int = 40, upperQuantile: Double = 0.995) {
        let sorted = values.filter(\.isFinite).sorted()
        total = sorted.count
        let n = max(bins, 1)
        guard let lo = sorted.first else {
            lower = 0; binWidth = 1; counts = Array(repeating: 0, count: n); clipped = 0
            return
        }
        var hi = upperQuantile >= 1 ? sorted[sorted.count - 1] : Self.quantile(sorted, upperQuantile)
        if hi <= lo { hi = lo + max(abs(lo) * 0.01, 1e-9) }
        lower = lo
        binWidth = (hi - lo) / Double(n)
        var c = Array(repeating: 0, count: n)
        var above = 0
        for v in sorted {
            if v > hi { above += 1; continue }
            c[min(Int((v - lo) / binWidth), n - 1)] += 1
        }
        counts = c
        clipped = above
    }

    public var upper: Double { lower + binWidth * Double(counts.count) }

    /// Lower edge of bin `i`.
    public func edge(_ i: Int) -> Double { lower + binWidth * Double(i) }

    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
