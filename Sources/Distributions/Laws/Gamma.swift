import RealModule

/// The [gamma distribution](https://en.wikipedia.org/wiki/Gamma_distribution) with shape k and
/// scale θ.
///
/// Density f(x) = x^(k-1) e^(-x/θ) / (Γ(k) θ^k) for x > 0. Sampled by Marsaglia & Tsang's
/// method (2000, "A Simple Method for Generating Gamma Variables"); for k < 1 a Gamma(k + 1)
/// sample is multiplied by U^(1/k).
public struct Gamma: UnivariateDistribution, Hashable {
    public let shape: Double
    public let scale: Double
    /// Marsaglia–Tsang constants for the shape actually sampled (k, or k + 1 when k < 1).
    @usableFromInline let d: Double
    @usableFromInline let c: Double

    /// A gamma law with shape k and scale θ (mean kθ).
    /// - Throws: ``DistributionError`` unless both are positive and finite.
    public init(shape: Double, scale: Double) throws(DistributionError) {
        try Check.positive("shape", shape)
        try Check.positive("scale", scale)
        self.shape = shape
        self.scale = scale
        d = (shape < 1 ? shape + 1 : shape) - 1.0 / 3.0
        c = 1 / (9 * d).squareRoot()
    }

    /// A gamma law with shape k and rate β = 1/θ.
    public init(shape: Double, rate: Double) throws(DistributionError) {
        try Check.positive("shape", shape)
        try Check.positive("rate", rate)
        try self.init(shape: shape, scale: 1 / rate)
    }

    /// The gamma law with this mean and standard deviation: k = mean²/sd², θ = sd²/mean.
    public init(mean: Double, sd: Double) throws(DistributionError) {
        try Check.positive("mean", mean)
        try Check.positive("sd", sd)
        try self.init(shape: (mean / sd) * (mean / sd), scale: sd * (sd / mean))
    }

    public var rate: Double { 1 / scale }
    public var isDiscrete: Bool { false }
    public var mean: Double { shape * scale }
    public var variance: Double { shape * scale * scale }
    public var support: (lower: Double, upper: Double) { (0, .infinity) }
    public var description: String { "Gamma(shape: \(shape), scale: \(scale))" }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        Self.standardSample(shape: shape, d: d, c: c, table: NormalZiggurat.table, using: &rng) * scale
    }

    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        guard let base = out.baseAddress, !out.isEmpty else { return }
        rng.words = Self.fill(base, count: out.count, shape: shape, scale: scale, d: d, c: c, rng.words)
    }

    /// `fill`'s loop, on the stream's words held by value (see ``RandomStream/Words``).
    @usableFromInline @inline(never)
    static func fill(
        _ out: UnsafeMutablePointer<Double>, count: Int, shape: Double, scale: Double, d: Double, c: Double,
        _ words: RandomStream.Words
    ) -> RandomStream.Words {
        var w = words
        let table = NormalZiggurat.table
        for i in 0..<count {
            out[i] = standardSample(shape: shape, d: d, c: c, table: table, words: &w) * scale
        }
        return w
    }

    /// A Gamma(shape, 1) draw; `d` and `c` are the Marsaglia–Tsang constants for
    /// max(shape, shape + 1 if shape < 1).
    @inlinable @inline(__always)
    static func standardSample(
        shape: Double, d: Double, c: Double, table: NormalZiggurat, using rng: inout RandomStream
    ) -> Double {
        standardSample(shape: shape, d: d, c: c, table: table, words: &rng.words)
    }

    @inlinable @inline(__always)
    static func standardSample(
        shape: Double, d: Double, c: Double, table: NormalZiggurat, words: inout RandomStream.Words
    ) -> Double {
        let g = marsagliaTsang(d: d, c: c, table: table, words: &words)
        if shape >= 1 { return g }
        return g * Double.pow(words.uniform(), 1 / shape)
    }

    /// Gamma(d + 1/3, 1) by Marsaglia & Tsang's squeeze-and-reject on (1 + cZ)³.
    @inlinable @inline(__always)
    static func marsagliaTsang(d: Double, c: Double, table: NormalZiggurat, using rng: inout RandomStream) -> Double {
        marsagliaTsang(d: d, c: c, table: table, words: &rng.words)
    }

    @inlinable @inline(__always)
    static func marsagliaTsang(d: Double, c: Double, table: NormalZiggurat, words rng: inout RandomStream.Words) -> Double {
        while true {
            var z: Double
            var v: Double
            repeat {
                z = rng.standardNormal(table: table)
                v = 1 + c * z
            } while _slowPath(v <= 0)
            v = v * v * v
            let u = rng.uniform()
            let z2 = z * z
            // The squeeze accepts about 92 % of candidates at the shapes of hit rates; the hint
            // keeps the spills for the log calls below out of this path.
            if _fastPath(u < 1 - 0.0331 * z2 * z2) { return d * v }
            if Double.log(u) < 0.5 * z2 + d * (1 - v + Double.log(v)) { return d * v }
        }
    }

    /// log of a Gamma(shape, 1) draw, exact even when the draw itself would underflow
    /// (tiny shapes), for the beta sampler.
    @inlinable @inline(__always)
    static func logStandardSample(
        shape: Double, d: Double, c: Double, table: NormalZiggurat, using rng: inout RandomStream
    ) -> Double {
        let g = marsagliaTsang(d: d, c: c, table: table, using: &rng)
        if shape >= 1 { return Double.log(g) }
        return Double.log(g) + Double.log(rng.uniform()) / shape
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        return regularizedGammaP(shape, x / scale)
    }

    /// P(X > x).
    func survival(_ x: Double) -> Double {
        if x <= 0 { return 1 }
        return regularizedGammaQ(shape, x / scale)
    }

    /// Solved by safeguarded Newton iteration from the better of the Wilson–Hilferty
    /// approximation and the small-x expansion P(k, x) ≈ x^k / Γ(k + 1).
    ///
    /// - Complexity: a few Newton steps, each a ``cdf(_:)`` (regularised incomplete gamma)
    ///   evaluation: far dearer than a draw, for tables and checks rather than per-draw use.
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        let k = shape
        let z = normalQuantile(p)
        let h = 1 - 1 / (9 * k) + z / (3 * k.squareRoot())
        let wilson = k * h * h * h
        let small = Double.exp((Double.log(p) + Double.logGamma(k + 1)) / k)
        var start = small
        if wilson > 0 {
            let e1 = abs(regularizedGammaP(k, wilson) - p)
            let e2 = abs(regularizedGammaP(k, small) - p)
            start = e1 < e2 ? wilson : small
        }
        let x = invertContinuousCDF(
            p, initial: start, lower: 0, upper: .infinity,
            cdf: { regularizedGammaP(k, $0) }, survival: { regularizedGammaQ(k, $0) },
            density: { Double.exp(Self.standardLogDensity(k, $0)) })
        return x * scale
    }

    static func standardLogDensity(_ k: Double, _ x: Double) -> Double {
        (k - 1) * Double.log(x) - x - Double.logGamma(k)
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x == .infinity { return -.infinity }
        if x == 0 { return shape < 1 ? .infinity : (shape == 1 ? -Double.log(scale) : -.infinity) }
        return Self.standardLogDensity(shape, x / scale) - Double.log(scale)
    }
}
