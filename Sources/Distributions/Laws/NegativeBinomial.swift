import RealModule

/// The [negative binomial distribution](https://en.wikipedia.org/wiki/Negative_binomial_distribution):
/// the number of failures before the r-th success in trials with success probability p, for
/// real r > 0. P(k) = Γ(k + r) / (Γ(r) k!) · p^r (1 - p)^k; mean r(1 - p)/p.
///
/// An over-dispersed count: variance = mean + mean²/r. Sampled as the gamma–Poisson mixture
/// Poisson(Λ) with Λ ~ Gamma(r, scale (1 - p)/p).
public struct NegativeBinomial: UnivariateDistribution, Hashable {
    public let r: Double
    public let p: Double
    @usableFromInline let mixing: Gamma?

    /// - Throws: ``DistributionError`` unless r is positive and finite and 0 < p <= 1.
    public init(r: Double, p: Double) throws(DistributionError) {
        try Check.positive("r", r)
        try Check.finite("p", p)
        guard p <= 1 else { throw .probabilityOutsideUnitInterval(parameter: "p", value: p) }
        guard p > 0 else { throw .nonPositive(parameter: "p", value: p) }
        self.r = r
        self.p = p
        // With p = 1 every draw is 0; (1 - p)/p would be a zero scale.
        mixing = p < 1 ? try Gamma(shape: r, scale: (1 - p) / p) : nil
    }

    /// The negative binomial with this mean and dispersion r (variance = mean + mean²/r).
    /// - Throws: ``DistributionError`` unless both are positive and finite.
    public init(mean: Double, dispersion: Double) throws(DistributionError) {
        try Check.positive("mean", mean)
        try Check.positive("dispersion", dispersion)
        try self.init(r: dispersion, p: dispersion / (dispersion + mean))
    }

    /// The negative binomial with this mean and standard deviation: r = mean²/(sd² - mean).
    /// - Throws: ``DistributionError/varianceTooSmall(mean:sd:minimumSD:)`` unless sd² > mean
    ///   (a variance equal to the mean is a Poisson law).
    public init(mean: Double, sd: Double) throws(DistributionError) {
        try Check.positive("mean", mean)
        try Check.positive("sd", sd)
        guard sd * sd > mean else {
            throw .varianceTooSmall(mean: mean, sd: sd, minimumSD: mean.squareRoot())
        }
        let r = mean * mean / (sd * sd - mean)
        try self.init(r: r, p: r / (r + mean))
    }

    public var isDiscrete: Bool { true }
    public var mean: Double { r * (1 - p) / p }
    public var variance: Double { r * (1 - p) / (p * p) }
    public var support: (lower: Double, upper: Double) { (0, p == 1 ? 0 : .infinity) }
    public var description: String { "NegativeBinomial(r: \(r), p: \(p))" }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        guard let mixing else { return 0 }
        return PoissonSampler(mean: mixing.sample(using: &rng)).draw(using: &rng)
    }

    /// P(X <= k) = I_p(r, k + 1).
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 { return 0 }
        if x == .infinity || p == 1 { return 1 }
        return regularizedIncompleteBeta(r, x.rounded(.down) + 1, p)
    }

    /// The smallest k with cdf(k) >= q, searched from the normal approximation.
    ///
    /// - Complexity: O(log d) ``cdf(_:)`` evaluations, d the distance of the answer from the normal
    ///   approximation: doubling steps to a bracket, then bisection.
    public func quantile(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        if p == 1 { return 0 }
        let z = normalQuantile(Swift.min(Swift.max(q, 1e-300), 1 - 1e-16))
        return invertDiscreteCDF(q, start: mean + variance.squareRoot() * z, lower: 0, cdf: cdf)
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        guard x >= 0, x == x.rounded(), x.isFinite else { return -.infinity }
        if p == 1 { return x == 0 ? 0 : -.infinity }
        return Double.logGamma(x + r) - Double.logGamma(r) - Double.logGamma(x + 1)
            + r * Double.log(p) + x * Double.log(onePlus: -p)
    }
}
