import RealModule

/// The [beta distribution](https://en.wikipedia.org/wiki/Beta_distribution) on [0, 1].
///
/// Density f(x) = x^(α-1) (1-x)^(β-1) / B(α, β). Sampled as G₁ / (G₁ + G₂) with
/// G₁ ~ Gamma(α), G₂ ~ Gamma(β) (Marsaglia–Tsang); when a shape is below 1 the ratio is formed
/// from the logs of the gamma draws so tiny draws cannot underflow to 0/0.
public struct Beta: UnivariateDistribution, Hashable {
    public let alpha: Double
    public let beta: Double
    @usableFromInline let dAlpha: Double
    @usableFromInline let cAlpha: Double
    @usableFromInline let dBeta: Double
    @usableFromInline let cBeta: Double

    /// A beta law with shapes α and β.
    /// - Throws: ``DistributionError`` unless both are positive and finite.
    public init(alpha: Double, beta: Double) throws(DistributionError) {
        try Check.positive("alpha", alpha)
        try Check.positive("beta", beta)
        self.alpha = alpha
        self.beta = beta
        dAlpha = (alpha < 1 ? alpha + 1 : alpha) - 1.0 / 3.0
        cAlpha = 1 / (9 * dAlpha).squareRoot()
        dBeta = (beta < 1 ? beta + 1 : beta) - 1.0 / 3.0
        cBeta = 1 / (9 * dBeta).squareRoot()
    }

    /// The beta law with this mean and standard deviation: with ν = mean(1 - mean)/sd² - 1,
    /// α = mean·ν and β = (1 - mean)·ν.
    /// - Throws: ``DistributionError`` unless 0 < mean < 1, sd > 0 and sd² < mean(1 - mean).
    public init(mean: Double, sd: Double) throws(DistributionError) {
        try Check.finite("mean", mean)
        guard mean > 0, mean < 1 else { throw .outsideOpenUnitInterval(parameter: "mean", value: mean) }
        try Check.positive("sd", sd)
        let spread = mean * (1 - mean)
        guard sd * sd < spread else {
            throw .varianceTooLarge(mean: mean, sd: sd, maximumSD: spread.squareRoot())
        }
        let nu = spread / (sd * sd) - 1
        try self.init(alpha: mean * nu, beta: (1 - mean) * nu)
    }

    public var isDiscrete: Bool { false }
    public var mean: Double { alpha / (alpha + beta) }
    public var variance: Double {
        let s = alpha + beta
        return alpha * beta / (s * s * (s + 1))
    }
    public var support: (lower: Double, upper: Double) { (0, 1) }
    public var description: String { "Beta(alpha: \(alpha), beta: \(beta))" }

    @inlinable @inline(__always)
    func draw(table: NormalZiggurat, using rng: inout RandomStream) -> Double {
        if alpha >= 1, beta >= 1 {
            let x = Gamma.marsagliaTsang(d: dAlpha, c: cAlpha, table: table, using: &rng)
            let y = Gamma.marsagliaTsang(d: dBeta, c: cBeta, table: table, using: &rng)
            return x / (x + y)
        }
        let lx = Gamma.logStandardSample(shape: alpha, d: dAlpha, c: cAlpha, table: table, using: &rng)
        let ly = Gamma.logStandardSample(shape: beta, d: dBeta, c: cBeta, table: table, using: &rng)
        return 1 / (1 + Double.exp(ly - lx))
    }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        draw(table: NormalZiggurat.table, using: &rng)
    }

    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        if alpha >= 1, beta >= 1 {
            // The common case (hit rates, PERT) without the shape test in the loop.
            guard let base = out.baseAddress, !out.isEmpty else { return }
            rng.words = Self.fillShapesAtLeastOne(base, count: out.count, dAlpha, cAlpha, dBeta, cBeta, rng.words)
        } else {
            var local = rng
            let table = NormalZiggurat.table
            for i in out.indices { out[i] = draw(table: table, using: &local) }
            rng = local
        }
    }

    /// `fill`'s loop when both shapes are at least 1, on the stream's words held by value (see
    /// ``RandomStream/Words``).
    @usableFromInline @inline(never)
    static func fillShapesAtLeastOne(
        _ out: UnsafeMutablePointer<Double>, count: Int, _ dA: Double, _ cA: Double, _ dB: Double, _ cB: Double,
        _ words: RandomStream.Words
    ) -> RandomStream.Words {
        var w = words
        let table = NormalZiggurat.table
        for i in 0..<count {
            let x = Gamma.marsagliaTsang(d: dA, c: cA, table: table, words: &w)
            let y = Gamma.marsagliaTsang(d: dB, c: cB, table: table, words: &w)
            out[i] = x / (x + y)
        }
        return w
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        return regularizedIncompleteBeta(alpha, beta, x)
    }

    /// Solved by safeguarded Newton iteration from the better of the two tail expansions
    /// I_x(α, β) ≈ x^α / (α B(α, β)) and 1 - I_x(α, β) ≈ (1-x)^β / (β B(α, β)).
    ///
    /// - Complexity: a few Newton steps, each a ``cdf(_:)`` (regularised incomplete beta)
    ///   evaluation: far dearer than a draw, for tables and checks rather than per-draw use.
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        let a = alpha, b = beta
        let lb = logBeta(a, b)
        let lowerGuess = min(Double.exp((Double.log(p) + Double.log(a) + lb) / a), 1)
        let upperGuess = max(1 - Double.exp((Double.log(1 - p) + Double.log(b) + lb) / b), 0)
        let e1 = abs(cdf(lowerGuess) - p), e2 = abs(cdf(upperGuess) - p), e3 = abs(cdf(mean) - p)
        let start = e1 <= e2 && e1 <= e3 ? lowerGuess : (e2 <= e3 ? upperGuess : mean)
        return invertContinuousCDF(
            p, initial: start, lower: 0, upper: 1,
            cdf: { regularizedIncompleteBeta(a, b, $0) },
            survival: { regularizedIncompleteBetaComplement(a, b, $0) },
            density: { Double.exp(Self.logDensity(a, b, lb, $0)) })
    }

    static func logDensity(_ a: Double, _ b: Double, _ lb: Double, _ x: Double) -> Double {
        (a - 1) * Double.log(x) + (b - 1) * Double.log(onePlus: -x) - lb
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x > 1 { return -.infinity }
        if x == 0 { return alpha < 1 ? .infinity : (alpha == 1 ? -logBeta(alpha, beta) : -.infinity) }
        if x == 1 { return beta < 1 ? .infinity : (beta == 1 ? -logBeta(alpha, beta) : -.infinity) }
        return Self.logDensity(alpha, beta, logBeta(alpha, beta), x)
    }
}
