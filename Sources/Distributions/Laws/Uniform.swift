import RealModule

/// The [continuous uniform distribution](https://en.wikipedia.org/wiki/Continuous_uniform_distribution)
/// on [min, max]: density 1/(max - min). Sampled as min + (max - min)·U.
public struct Uniform: UnivariateDistribution, Hashable {
    public let min: Double
    public let max: Double

    /// - Throws: ``DistributionError`` unless both are finite and max > min.
    public init(min: Double, max: Double) throws(DistributionError) {
        try Check.finite("min", min)
        try Check.finite("max", max)
        guard max > min else { throw .emptyRange(min: min, max: max) }
        self.min = min
        self.max = max
    }

    public var isDiscrete: Bool { false }
    public var mean: Double { min + (max - min) / 2 }
    public var variance: Double { (max - min) * (max - min) / 12 }
    public var support: (lower: Double, upper: Double) { (min, max) }
    public var description: String { "Uniform(min: \(min), max: \(max))" }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        min + (max - min) * rng.uniform()
    }

    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        var local = rng
        let lower = min, width = max - min
        for i in out.indices { out[i] = lower + width * local.uniform() }
        rng = local
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= min { return 0 }
        if x >= max { return 1 }
        return (x - min) / (max - min)
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        return p == 1 ? max : min + (max - min) * p
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return x >= min && x <= max ? -Double.log(max - min) : -.infinity
    }
}
