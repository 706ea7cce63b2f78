import RealModule

/// The [log-normal distribution](https://en.wikipedia.org/wiki/Log-normal_distribution):
/// X = exp(μ + σZ) with Z standard normal.
///
/// Density f(x) = exp(-(ln x - μ)² / (2σ²)) / (xσ√(2π)) for x > 0. Sampled by exponentiating a
/// ziggurat normal (see ``RandomStream/standardNormal()``).
public struct Lognormal: UnivariateDistribution, Hashable {
    /// Mean of ln X.
    public let mu: Double
    /// Standard deviation of ln X.
    public let sigma: Double

    /// A log-normal law with log-mean `mu` and log-standard-deviation `sigma`.
    /// - Throws: ``DistributionError`` if `mu` is not finite or `sigma` is not positive.
    public init(mu: Double, sigma: Double) throws(DistributionError) {
        try Check.finite("mu", mu)
        try Check.positive("sigma", sigma)
        self.mu = mu
        self.sigma = sigma
    }

    /// The log-normal law with this mean and standard deviation:
    /// σ² = ln(1 + sd²/mean²), μ = ln(mean) - σ²/2.
    /// - Throws: ``DistributionError`` unless both are positive and finite.
    public init(mean: Double, sd: Double) throws(DistributionError) {
        try Check.positive("mean", mean)
        try Check.positive("sd", sd)
        let cv = sd / mean
        let sigma2 = Double.log(onePlus: cv * cv)
        try self.init(mu: Double.log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
    }

    /// The log-normal law with this median and 90th percentile:
    /// μ = ln(median), σ = ln(p90/median) / z₀.₉.
    /// - Throws: ``DistributionError`` unless both are positive and finite and p90 > median.
    public init(median: Double, p90: Double) throws(DistributionError) {
        try Check.positive("median", median)
        try Check.positive("p90", p90)
        guard p90 > median else {
            throw .quantilesOutOfOrder(lower: "median", lowerValue: median, upper: "p90", upperValue: p90)
        }
        try self.init(mu: Double.log(median), sigma: Double.log(p90 / median) / normalQuantile90)
    }

    public var isDiscrete: Bool { false }
    public var mean: Double { Double.exp(mu + sigma * sigma / 2) }
    public var variance: Double {
        Double.expMinusOne(sigma * sigma) * Double.exp(2 * mu + sigma * sigma)
    }
    public var support: (lower: Double, upper: Double) { (0, .infinity) }
    public var description: String { "Lognormal(mu: \(mu), sigma: \(sigma))" }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        batchExp(mu + sigma * rng.standardNormal())
    }

    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        let mu = mu, sigma = sigma
        // Normals first, then one exp pass: the second loop has no calls and no branches.
        rng.fillStandardNormals(out)
        for i in out.indices { out[i] = batchExp(mu + sigma * out[i]) }
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        return normalCDF((Double.log(x) - mu) / sigma)
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        return Double.exp(mu + sigma * normalQuantile(p))
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 || x == .infinity { return -.infinity }
        let lx = Double.log(x)
        let z = (lx - mu) / sigma
        return -lx - Double.log(sigma) - logSqrtTwoPi - z * z / 2
    }
}
