/// A point mass: every draw is `value`. Discrete, with cdf a step at `value`.
public struct Constant: UnivariateDistribution, Hashable {
    public let value: Double

    /// - Throws: ``DistributionError/notFinite(parameter:value:)`` if `value` is NaN or infinite.
    public init(value: Double) throws(DistributionError) {
        try Check.finite("value", value)
        self.value = value
    }

    public var isDiscrete: Bool { true }
    public var mean: Double { value }
    public var variance: Double { 0 }
    public var support: (lower: Double, upper: Double) { (value, value) }
    public var description: String { "Constant(value: \(value))" }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double { value }

    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        out.initialize(repeating: value)
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return x < value ? 0 : 1
    }

    public func quantile(_ p: Double) -> Double {
        p >= 0 && p <= 1 ? value : .nan
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return x == value ? 0 : -.infinity
    }
}
