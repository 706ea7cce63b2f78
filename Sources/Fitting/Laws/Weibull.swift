import Distributions
import Foundation

/// The [Weibull distribution](https://en.wikipedia.org/wiki/Weibull_distribution) with shape k
/// and scale λ: F(x) = 1 - exp(-(x/λ)^k) for x >= 0, density (k/λ)(x/λ)^(k-1) exp(-(x/λ)^k).
///
/// A candidate for tokens per turn beside the lognormal and gamma laws. Sampled by inversion,
/// λ(-ln U)^(1/k), one uniform per draw.
public struct Weibull: UnivariateDistribution, Hashable {
    public let shape: Double
    public let scale: Double

    /// - Throws: ``FittingError/invalidParameter(_:)`` unless both are positive and finite.
    public init(shape: Double, scale: Double) throws(FittingError) {
        guard shape.isFinite, shape > 0, scale.isFinite, scale > 0 else {
            throw .invalidParameter("a Weibull law needs a positive finite shape and scale, got shape \(shape), scale \(scale)")
        }
        self.shape = shape
        self.scale = scale
    }

    public var isDiscrete: Bool { false }
    public var mean: Double { scale * exp(lgamma(1 + 1 / shape)) }
    public var variance: Double {
        scale * scale * (exp(lgamma(1 + 2 / shape)) - exp(2 * lgamma(1 + 1 / shape)))
    }
    public var support: (lower: Double, upper: Double) { (0, .infinity) }
    public var description: String { "Weibull(shape: \(shape), scale: \(scale))" }

    public func sample(using rng: inout RandomStream) -> Double {
        scale * pow(rng.standardExponential(), 1 / shape)
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        return -expm1(-pow(x / scale, shape))
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        return scale * pow(-log1p(-p), 1 / shape)
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x == .infinity { return -.infinity }
        let z = x / scale
        return log(shape / scale) + (shape - 1) * log(z) - pow(z, shape)
    }
}
