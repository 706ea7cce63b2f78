import RealModule

/// [Student's t distribution](https://en.wikipedia.org/wiki/Student%27s_t-distribution) with ν
/// degrees of freedom (location 0, scale 1): the marginal of the t copula.
///
/// F(x) = 1 - ½ I_{ν/(ν+x²)}(ν/2, ½) for x >= 0 (regularised incomplete beta), by symmetry
/// below 0. Sampled as Z / sqrt(G/ν) with Z standard normal and G ~ χ²_ν = Gamma(ν/2, 2).
public struct StudentT: UnivariateDistribution, Hashable {
    public let degreesOfFreedom: Double
    let chiSquare: Gamma

    /// - Throws: ``DistributionError`` unless ν is positive and finite.
    public init(degreesOfFreedom nu: Double) throws(DistributionError) {
        try Check.positive("degrees_of_freedom", nu)
        degreesOfFreedom = nu
        chiSquare = try Gamma(shape: nu / 2, scale: 2)
    }

    public var isDiscrete: Bool { false }
    public var mean: Double { degreesOfFreedom > 1 ? 0 : .nan }
    public var variance: Double {
        let nu = degreesOfFreedom
        return nu > 2 ? nu / (nu - 2) : (nu > 1 ? .infinity : .nan)
    }
    public var support: (lower: Double, upper: Double) { (-.infinity, .infinity) }
    public var description: String { "StudentT(degrees_of_freedom: \(degreesOfFreedom))" }

    public func sample(using rng: inout RandomStream) -> Double {
        let z = rng.standardNormal()
        return z / (chiSquare.sample(using: &rng) / degreesOfFreedom).squareRoot()
    }

    /// P(X <= x), from the tail ½ I_{ν/(ν+x²)}(ν/2, ½) on the side of x, so both tails keep
    /// their relative precision.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x == -.infinity { return 0 }
        if x == .infinity { return 1 }
        let tail = lowerTail(-x.magnitude)
        return x <= 0 ? tail : 1 - tail
    }

    /// P(X <= x) for x <= 0.
    func lowerTail(_ x: Double) -> Double {
        let nu = degreesOfFreedom, x2 = x * x
        // For small |x| the complement's argument x²/(ν+x²) keeps its digits where ν/(ν+x²)
        // rounds to 1; the complement itself, not 1 minus the integral, so that a large ν's
        // small tails (x near -√ν) keep theirs.
        if x2 < nu { return 0.5 * regularizedIncompleteBetaComplement(0.5, nu / 2, x2 / (nu + x2)) }
        return 0.5 * regularizedIncompleteBeta(nu / 2, 0.5, nu / (nu + x2))
    }

    /// By symmetry from the lower tail: q = 2 min(p, 1-p) = I_t(ν/2, ½) with t = ν/(ν+x²),
    /// solved on whichever of t and 1 - t is the smaller (both through ``Beta/quantile(_:)``).
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        let nu = degreesOfFreedom
        let q = 2 * min(p, 1 - p)
        let magnitude: Double
        if q < 0.5, let b = try? Beta(alpha: nu / 2, beta: 0.5) {
            let t = b.quantile(q)
            magnitude = (nu * (1 - t) / t).squareRoot()
        } else if let b = try? Beta(alpha: 0.5, beta: nu / 2) {
            // 1 - t = x²/(ν + x²) is Beta(½, ν/2) at 1 - q.
            let w = b.quantile(1 - q)
            magnitude = (nu * w / (1 - w)).squareRoot()
        } else {
            return .nan
        }
        return p < 0.5 ? -magnitude : magnitude
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x.isInfinite { return -.infinity }
        let nu = degreesOfFreedom
        return Double.logGamma((nu + 1) / 2) - Double.logGamma(nu / 2) - 0.5 * Double.log(nu * Double.pi)
            - (nu + 1) / 2 * Double.log(onePlus: x * x / nu)
    }
}
