import RealModule

/// A law with an atom at zero: X = 0 with probability `zeroShare`, else a draw from `base`.
///
/// Fitted fresh input per turn needs it: in thread totals, about a third of real threads add no
/// fresh input beyond their base context and output (docs/fitting.md, "Zero fresh input"), and a
/// law on (0, inf) fitted to the others alone would overstate every thread's growth.
///
/// cdf(x) = zeroShare + (1 - zeroShare) F_base(x) for x >= 0; the quantile is 0 up to
/// `zeroShare`, then F_base⁻¹((p - zeroShare) / (1 - zeroShare)). Sampled with one uniform for
/// the atom and then the base law, so the stream advances by one more number per draw.
public struct ZeroInflated: UnivariateDistribution {
    /// P(X = 0), in [0, 1).
    public let zeroShare: Double
    /// The law of X given X > 0; its support must lie in [0, inf).
    public let base: any UnivariateDistribution

    /// - Throws: ``DistributionError`` if `zeroShare` is not in [0, 1) or `base` can be negative.
    public init(zeroShare: Double, base: any UnivariateDistribution) throws(DistributionError) {
        try Check.probability("zero_share", zeroShare)
        guard zeroShare < 1 else { throw .outsideOpenUnitInterval(parameter: "zero_share", value: zeroShare) }
        guard base.support.lower >= 0 else { throw .negative(parameter: "base law's lower bound", value: base.support.lower) }
        self.zeroShare = zeroShare
        self.base = base
    }

    public var isDiscrete: Bool { zeroShare == 0 && base.isDiscrete }
    public var mean: Double { (1 - zeroShare) * base.mean }
    public var variance: Double {
        let m = base.mean
        return (1 - zeroShare) * (base.variance + m * m) - mean * mean
    }
    public var support: (lower: Double, upper: Double) { (0, base.support.upper) }
    public var description: String { "ZeroInflated(zeroShare: \(zeroShare), base: \(base))" }

    public func sample(using rng: inout RandomStream) -> Double {
        let u = rng.uniform()
        let x = base.sample(using: &rng)
        return u < zeroShare ? 0 : x
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 { return 0 }
        return zeroShare + (1 - zeroShare) * base.cdf(x)
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p <= zeroShare { return 0 }
        return base.quantile(min(1, (p - zeroShare) / (1 - zeroShare)))
    }

    /// At 0 the log of the atom's mass; elsewhere the base density scaled by 1 - zeroShare.
    public func logDensity(_ x: Double) -> Double {
        if x == 0 && zeroShare > 0 { return Double.log(zeroShare) }
        if x < 0 { return -.infinity }
        return Double.log(onePlus: -zeroShare) + base.logDensity(x)
    }
}
