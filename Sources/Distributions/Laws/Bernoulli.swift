import RealModule

/// The [Bernoulli distribution](https://en.wikipedia.org/wiki/Bernoulli_distribution): 1 with
/// probability p, else 0. Sampled as U < p, so p = 0 never gives 1 and p = 1 always does.
public struct Bernoulli: UnivariateDistribution, Hashable {
    public let p: Double

    /// - Throws: ``DistributionError`` unless p is in [0, 1].
    public init(p: Double) throws(DistributionError) {
        try Check.probability("p", p)
        self.p = p
    }

    public var isDiscrete: Bool { true }
    public var mean: Double { p }
    public var variance: Double { p * (1 - p) }
    public var support: (lower: Double, upper: Double) { (0, 1) }
    public var description: String { "Bernoulli(p: \(p))" }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        rng.uniform() < p ? 1 : 0
    }

    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        var local = rng
        let p = p
        for i in out.indices { out[i] = local.uniform() < p ? 1 : 0 }
        rng = local
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 { return 0 }
        return x < 1 ? 1 - p : 1
    }

    public func quantile(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        return q <= 1 - p ? 0 : 1
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x == 0 { return Double.log(onePlus: -p) }
        if x == 1 { return Double.log(p) }
        return -.infinity
    }
}
