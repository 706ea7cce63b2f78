import RealModule

/// A log-normal law rounded up to whole numbers: the value is ⌈X⌉ with X log-normal, so the
/// support is {1, 2, ...}. Models counts such as turns per thread or attempts per task.
///
/// P(value <= k) = F_X(k) for integer k >= 1; the pmf is F_X(k) - F_X(k - 1).
/// Sampled as the ceiling of a ``Lognormal`` sample.
public struct DiscretisedLognormal: UnivariateDistribution, Hashable {
    /// The underlying continuous law.
    public let continuous: Lognormal
    /// Mean of ln X.
    public var mu: Double { continuous.mu }
    /// Standard deviation of ln X.
    public var sigma: Double { continuous.sigma }

    /// ⌈X⌉ with X ~ Lognormal(mu, sigma).
    public init(mu: Double, sigma: Double) throws(DistributionError) {
        continuous = try Lognormal(mu: mu, sigma: sigma)
    }

    /// ⌈X⌉ with X the log-normal law of this mean and sd (the mean of ⌈X⌉ itself is about
    /// half a unit larger).
    public init(mean: Double, sd: Double) throws(DistributionError) {
        continuous = try Lognormal(mean: mean, sd: sd)
    }

    /// ⌈X⌉ with X the log-normal law of this median and 90th percentile.
    public init(median: Double, p90: Double) throws(DistributionError) {
        continuous = try Lognormal(median: median, p90: p90)
    }

    public var isDiscrete: Bool { true }
    public var support: (lower: Double, upper: Double) { (1, .infinity) }
    public var description: String { "DiscretisedLognormal(mu: \(mu), sigma: \(sigma))" }

    /// E⌈X⌉ = Σ_{k>=0} P(X > k), summed exactly for the first terms and by the midpoint rule
    /// against the closed-form partial expectation of X beyond them.
    public var mean: Double {
        let (m1, _) = moments()
        return m1
    }

    public var variance: Double {
        let (m1, m2) = moments()
        return m2 - m1 * m1
    }

    /// E[V] and E[V²] for V = ⌈X⌉ from E[V] = Σ P(X > k), E[V²] = Σ (2k + 1) P(X > k).
    private func moments() -> (Double, Double) {
        let terms = 4096
        var m1 = 0.0, m2 = 0.0
        for k in 0..<terms {
            let s = survival(Double(k))
            m1 += s
            m2 += Double(2 * k + 1) * s
        }
        // Σ_{k>=K} g(k) ≈ ∫_{K-1/2}^∞ g(x) dx with ∫_c^∞ P(X > x) dx = E[(X - c)+] and
        // ∫_c^∞ 2x P(X > x) dx = E[(X² - c²)+].
        let c = Double(terms) - 0.5
        let lc = Double.log(c)
        let tailAbove = normalCDF((mu - lc) / sigma)
        let firstPartial =
            Double.exp(mu + sigma * sigma / 2) * normalCDF((mu + sigma * sigma - lc) / sigma)
            - c * tailAbove
        let secondPartial =
            Double.exp(2 * mu + 2 * sigma * sigma)
            * normalCDF((mu + 2 * sigma * sigma - lc) / sigma) - c * c * tailAbove
        m1 += firstPartial
        m2 += secondPartial + firstPartial
        return (m1, m2)
    }

    /// P(X > x) for the continuous law.
    private func survival(_ x: Double) -> Double {
        x <= 0 ? 1 : normalCDF((mu - Double.log(x)) / sigma)
    }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        ceilOfPositive(continuous.sample(using: &rng))
    }

    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        let mu = continuous.mu, sigma = continuous.sigma
        rng.fillStandardNormals(out)
        // Separate passes so the exp pass stays branch-free and vectorises.
        for i in out.indices { out[i] = batchExp(mu + sigma * out[i]) }
        for i in out.indices { out[i] = ceilOfPositive(out[i]) }
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 1 { return 0 }
        return continuous.cdf(x.rounded(.down))
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 1 { return .infinity }
        let k = max(1, continuous.quantile(p).rounded(.up))
        // Guard against rounding in the continuous quantile: step to the smallest k.
        if k > 1, cdf(k - 1) >= p { return k - 1 }
        if cdf(k) < p { return k + 1 }
        return k
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        guard x >= 1, x == x.rounded(), x.isFinite else { return -.infinity }
        let z1 = (Double.log(x) - mu) / sigma
        let mass: Double
        if x == 1 {
            mass = normalCDF(z1)
        } else {
            let z0 = (Double.log(x - 1) - mu) / sigma
            // Difference of upper tails when both points are above the median keeps precision.
            mass = z0 > 0 ? normalCDF(-z0) - normalCDF(-z1) : normalCDF(z1) - normalCDF(z0)
        }
        return Double.log(mass)
    }
}
