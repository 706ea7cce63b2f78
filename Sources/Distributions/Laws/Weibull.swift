import RealModule

/// The [Weibull distribution](https://en.wikipedia.org/wiki/Weibull_distribution) with shape k
/// and scale λ: F(x) = 1 - exp(-(x/λ)^k) for x >= 0, density (k/λ)(x/λ)^(k-1) exp(-(x/λ)^k).
///
/// A candidate for tokens per turn beside the lognormal and gamma laws. Sampled by inversion,
/// λ(-ln U)^(1/k), one uniform per draw.
public struct Weibull: UnivariateDistribution, Hashable {
    public let shape: Double
    public let scale: Double

    /// A Weibull law with shape k and scale λ (mean λΓ(1 + 1/k)).
    /// - Throws: ``DistributionError`` unless both are positive and finite.
    public init(shape: Double, scale: Double) throws(DistributionError) {
        try Check.positive("shape", shape)
        try Check.positive("scale", scale)
        self.shape = shape
        self.scale = scale
    }

    public var isDiscrete: Bool { false }
    public var mean: Double { scale * Double.exp(Double.logGamma(1 + 1 / shape)) }
    public var variance: Double {
        scale * scale * (Double.exp(Double.logGamma(1 + 2 / shape)) - Double.exp(2 * Double.logGamma(1 + 1 / shape)))
    }
    public var support: (lower: Double, upper: Double) { (0, .infinity) }
    public var description: String { "Weibull(shape: \(shape), scale: \(scale))" }

    public func sample(using rng: inout RandomStream) -> Double {
        scale * Double.pow(rng.standardExponential(), 1 / shape)
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        return -Double.expMinusOne(-Double.pow(x / scale, shape))
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        return scale * Double.pow(-Double.log(onePlus: -p), 1 / shape)
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x == .infinity { return -.infinity }
        let z = x / scale
        return Double.log(shape / scale) + (shape - 1) * Double.log(z) - Double.pow(z, shape)
    }
}
