import RealModule

/// The [Poisson distribution](https://en.wikipedia.org/wiki/Poisson_distribution) with mean λ:
/// P(k) = λ^k e^(-λ) / k!.
///
/// Sampled by sequential inversion for λ < 10 and by Hörmann's transformed rejection with
/// squeeze, PTRS (1993, "The transformed rejection method for generating Poisson random
/// variables"), for λ >= 10 — the method of NumPy's generator.
public struct Poisson: UnivariateDistribution, Hashable {
    public let mean: Double
    @usableFromInline let sampler: PoissonSampler

    /// - Throws: ``DistributionError`` unless the mean is finite and not negative (a mean of 0
    ///   gives the point mass at 0).
    public init(mean: Double) throws(DistributionError) {
        try Check.nonNegative("mean", mean)
        self.mean = mean
        sampler = PoissonSampler(mean: mean)
    }

    public var isDiscrete: Bool { true }
    public var variance: Double { mean }
    public var support: (lower: Double, upper: Double) { (0, mean == 0 ? 0 : .infinity) }
    public var description: String { "Poisson(mean: \(mean))" }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double { sampler.draw(using: &rng) }

    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        var local = rng
        let sampler = sampler
        for i in out.indices { out[i] = sampler.draw(using: &local) }
        rng = local
    }

    /// P(X <= k) = Q(k + 1, λ), the regularized upper incomplete gamma function.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 { return 0 }
        if x == .infinity || mean == 0 { return 1 }
        return regularizedGammaQ(x.rounded(.down) + 1, mean)
    }

    /// The smallest k with cdf(k) >= p, searched from the normal approximation.
    ///
    /// - Complexity: O(log d) ``cdf(_:)`` evaluations, d the distance of the answer from the normal
    ///   approximation: doubling steps to a bracket, then bisection.
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if mean == 0 { return 0 }
        let start = mean + mean.squareRoot() * normalQuantile(Swift.min(Swift.max(p, 1e-300), 1 - 1e-16))
        return invertDiscreteCDF(p, start: start, lower: 0, cdf: cdf)
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        guard x >= 0, x == x.rounded(), x.isFinite else { return -.infinity }
        if mean == 0 { return x == 0 ? 0 : -.infinity }
        return x * Double.log(mean) - mean - Double.logGamma(x + 1)
    }
}

/// A Poisson sampler for a fixed mean with its constants precomputed; also used, one per
/// draw, by the negative binomial's gamma–Poisson mixture.
@usableFromInline
struct PoissonSampler: Hashable, Sendable {
    @usableFromInline let mean: Double
    @usableFromInline let expMinusMean: Double
    @usableFromInline let logMean: Double
    @usableFromInline let a: Double
    @usableFromInline let b: Double
    @usableFromInline let logInverseAlpha: Double
    @usableFromInline let vr: Double

    @inlinable
    init(mean: Double) {
        self.mean = mean
        expMinusMean = Double.exp(-mean)
        logMean = Double.log(mean)
        b = 0.931 + 2.53 * mean.squareRoot()
        a = -0.059 + 0.02483 * b
        logInverseAlpha = Double.log(1.1239 + 1.1328 / (b - 3.4))
        vr = 0.9277 - 3.6224 / (b - 2)
    }

    @inlinable
    func draw(using rng: inout RandomStream) -> Double {
        mean < 10 ? inversion(using: &rng) : ptrs(using: &rng)
    }

    @inlinable
    func inversion(using rng: inout RandomStream) -> Double {
        while true {
            var u = rng.uniform()
            var k = 0.0
            var mass = expMinusMean
            while u > mass {
                u -= mass
                k += 1
                mass *= mean / k
                // Rounding can leave u above the total mass; start again rather than loop.
                if mass == 0 { break }
            }
            if u <= mass { return k }
        }
    }

    @inlinable
    func ptrs(using rng: inout RandomStream) -> Double {
        while true {
            let u = rng.uniform() - 0.5
            let v = rng.uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07, v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if Double.log(v) + logInverseAlpha - Double.log(a / (us * us) + b)
                <= -mean + k * logMean - Double.logGamma(k + 1)
            {
                return k
            }
        }
    }
}
