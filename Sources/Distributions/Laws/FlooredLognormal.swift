import RealModule

/// A log-normal law rounded down to whole numbers, with 0 counted as 1: the value is
/// max(1, ⌊X⌋) with X log-normal, so the support is {1, 2, ...}.
///
/// This is how the numpy reference (`scripts/reference_numpy.py`, `np.maximum(1, np.floor(X))`)
/// draws turns; ``DiscretisedLognormal`` rounds up instead (⌈X⌉ is about one unit larger).
///
/// P(value <= k) = F_X(k + 1) for integer k >= 1; the pmf is F_X(2) at 1 and
/// F_X(k + 1) - F_X(k) above. Sampled as max(1, ⌊x⌋) of a ``Lognormal`` sample x, so at the same
/// stream state it draws exactly the floor of what the continuous law draws.
public struct FlooredLognormal: UnivariateDistribution, Hashable {
    /// The underlying continuous law.
    public let continuous: Lognormal
    /// Mean of ln X.
    public var mu: Double { continuous.mu }
    /// Standard deviation of ln X.
    public var sigma: Double { continuous.sigma }

    /// max(1, ⌊X⌋) with X ~ Lognormal(mu, sigma).
    public init(mu: Double, sigma: Double) throws(DistributionError) {
        continuous = try Lognormal(mu: mu, sigma: sigma)
    }

    /// max(1, ⌊X⌋) with X the log-normal law of this mean and sd (the mean of the floored
    /// value itself is about half a unit smaller).
    public init(mean: Double, sd: Double) throws(DistributionError) {
        continuous = try Lognormal(mean: mean, sd: sd)
    }

    /// max(1, ⌊X⌋) with X the log-normal law of this median and 90th percentile.
    public init(median: Double, p90: Double) throws(DistributionError) {
        continuous = try Lognormal(median: median, p90: p90)
    }

    public var isDiscrete: Bool { true }
    public var support: (lower: Double, upper: Double) { (1, .infinity) }
    public var description: String { "FlooredLognormal(mu: \(mu), sigma: \(sigma))" }

    /// E[V] = Σ_{k>=0} P(V > k) = 1 + Σ_{j>=2} P(X > j), summed exactly for the first terms
    /// and by the midpoint rule against the closed-form partial expectation of X beyond them.
    public var mean: Double {
        let (m1, _) = moments()
        return m1
    }

    public var variance: Double {
        let (m1, m2) = moments()
        return m2 - m1 * m1
    }

    /// E[V] and E[V²] for V = max(1, ⌊X⌋): P(V > k) = P(X >= k + 1) for k >= 1 and 1 for k = 0,
    /// so E[V] = 1 + Σ_{j>=2} P(X > j) and E[V²] = Σ (2k + 1) P(V > k) = 1 + Σ_{j>=2} (2j - 1) P(X > j).
    private func moments() -> (Double, Double) {
        let terms = 4096
        var m1 = 1.0, m2 = 1.0
        for j in 2..<terms {
            let s = survival(Double(j))
            m1 += s
            m2 += Double(2 * j - 1) * s
        }
        // Σ_{j>=K} g(j) ≈ ∫_{K-1/2}^∞ g(x) dx with ∫_c^∞ P(X > x) dx = E[(X - c)+] and
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
        m2 += secondPartial - firstPartial
        return (m1, m2)
    }

    /// P(X > x) for the continuous law, x > 0.
    private func survival(_ x: Double) -> Double {
        normalCDF((mu - Double.log(x)) / sigma)
    }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        max(1, floorOfPositive(continuous.sample(using: &rng)))
    }

    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        let mu = continuous.mu, sigma = continuous.sigma
        rng.fillStandardNormals(out)
        // Separate passes so the exp pass stays branch-free and vectorises.
        for i in out.indices { out[i] = batchExp(mu + sigma * out[i]) }
        for i in out.indices { out[i] = max(1, floorOfPositive(out[i])) }
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 1 { return 0 }
        return continuous.cdf(x.rounded(.down) + 1)
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 1 { return .infinity }
        // cdf(k) = F_X(k + 1) >= p exactly when k >= Q_X(p) - 1.
        let k = max(1, continuous.quantile(p).rounded(.up) - 1)
        // Guard against rounding in the continuous quantile: step to the smallest k.
        if k > 1, cdf(k - 1) >= p { return k - 1 }
        if cdf(k) < p { return k + 1 }
        return k
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        guard x >= 1, x == x.rounded(), x.isFinite else { return -.infinity }
        let z1 = (Double.log(x + 1) - mu) / sigma
        let mass: Double
        if x == 1 {
            mass = normalCDF(z1)
        } else {
            let z0 = (Double.log(x) - mu) / sigma
            // Difference of upper tails when both points are above the median keeps precision.
            mass = z0 > 0 ? normalCDF(-z0) - normalCDF(-z1) : normalCDF(z1) - normalCDF(z0)
        }
        return Double.log(mass)
    }
}
