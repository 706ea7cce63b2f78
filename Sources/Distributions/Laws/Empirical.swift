import RealModule

/// The empirical law of a data set: each observed value with probability 1/n.
///
/// Sampled by resampling the data with replacement (the bootstrap). ``cdf(_:)`` is the empirical
/// CDF and ``quantile(_:)`` the type-1 inverse ECDF (the order statistic x₍⌈np⌉₎), so it is
/// discrete: ``logDensity(_:)`` is the log of the fraction of the data equal to x.
public struct Empirical: UnivariateDistribution, Hashable {
    /// The data in ascending order.
    public let sortedValues: [Double]

    /// - Throws: ``DistributionError/emptyData`` for no values, or
    ///   ``DistributionError/notFinite(parameter:value:)`` naming the first bad value.
    /// - Complexity: O(n log n) for n values (they are sorted once); then ``cdf(_:)`` is a
    ///   binary search, O(log n), and ``quantile(_:)`` and a draw are O(1).
    public init(values: [Double]) throws(DistributionError) {
        guard !values.isEmpty else { throw .emptyData }
        for (i, v) in values.enumerated() { try Check.finite("values[\(i)]", v) }
        sortedValues = values.sorted()
    }

    public var isDiscrete: Bool { true }
    public var mean: Double { sortedValues.reduce(0, +) / Double(sortedValues.count) }
    /// The variance of the empirical law (dividing by n, not n - 1).
    public var variance: Double {
        let m = mean
        return sortedValues.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(sortedValues.count)
    }
    public var support: (lower: Double, upper: Double) { (sortedValues.first!, sortedValues.last!) }
    public var description: String { "Empirical(\(sortedValues.count) values)" }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        sortedValues[Int(truncatingIfNeeded: rng.next(upperBound: UInt64(sortedValues.count)))]
    }

    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        var local = rng
        let n = UInt64(sortedValues.count)
        sortedValues.withUnsafeBufferPointer { values in
            for i in out.indices {
                out[i] = values[Int(truncatingIfNeeded: local.next(upperBound: n))]
            }
        }
        rng = local
    }

    /// The number of values <= x.
    private func countAtMost(_ x: Double) -> Int {
        var lo = 0, hi = sortedValues.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sortedValues[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return Double(countAtMost(x)) / Double(sortedValues.count)
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        let n = sortedValues.count
        let rank = (Double(n) * p).rounded(.up)
        return sortedValues[Swift.min(Swift.max(Int(rank) - 1, 0), n - 1)]
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        let atMost = countAtMost(x)
        var equal = 0
        while atMost - equal > 0, sortedValues[atMost - equal - 1] == x { equal += 1 }
        return equal == 0 ? -.infinity : Double.log(Double(equal) / Double(sortedValues.count))
    }
}
