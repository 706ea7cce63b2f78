/// A probability law on the real line that can be sampled and evaluated.
///
/// Modelled on scipy's `rv_continuous`/`rv_discrete` and rand_distr's `Distribution`: values
/// are immutable `Sendable` structs whose initialisers validate their parameters, while the
/// maths itself stays IEEE (arguments outside the domain give NaN, never a trap).
public protocol UnivariateDistribution: Sendable, CustomStringConvertible {
    /// True when the law puts all its mass on isolated points (counts, data atoms, a
    /// constant); ``logDensity(_:)`` is then a log probability mass.
    var isDiscrete: Bool { get }
    /// The expected value; `.infinity` or `.nan` where it is undefined.
    var mean: Double { get }
    /// The variance; `.infinity` or `.nan` where it is undefined.
    var variance: Double { get }
    /// Lower and upper bound of the support (may be -inf / +inf).
    var support: (lower: Double, upper: Double) { get }
    /// One draw.
    func sample(using rng: inout RandomStream) -> Double
    /// Fills `out` with independent draws; the hot path of the simulation kernel.
    ///
    /// The default implementation loops over ``sample(using:)``; the common laws override it
    /// with a tight loop over a local copy of the stream. For a given stream state, `fill`
    /// produces exactly the numbers that repeated `sample` calls would.
    func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream)
    /// P(X <= x).
    func cdf(_ x: Double) -> Double
    /// The inverse of ``cdf(_:)``: for discrete laws the smallest k with cdf(k) >= p.
    /// NaN when `p` is outside [0, 1].
    func quantile(_ p: Double) -> Double
    /// The log density at `x`; the log probability mass for discrete laws.
    func logDensity(_ x: Double) -> Double
}

extension UnivariateDistribution {
    /// Fills `out` with independent draws, one ``sample(using:)`` each.
    ///
    /// - Complexity: O(out.count) calls of `sample`. Laws the kernel draws from override it with a
    ///   loop that keeps the generator in registers.
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        var local = rng
        for i in out.indices { out[i] = sample(using: &local) }
        rng = local
    }

    /// The standard deviation, the square root of ``variance``.
    public var standardDeviation: Double { variance.squareRoot() }

    /// `count` independent draws in a new array.
    public func samples(_ count: Int, using rng: inout RandomStream) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(buffer, using: &rng)
            initialized = count
        }
    }
}
