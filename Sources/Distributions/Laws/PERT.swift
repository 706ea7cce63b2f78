import RealModule

/// The [PERT distribution](https://en.wikipedia.org/wiki/PERT_distribution): a beta law
/// stretched over [min, max] with its mode at `mode`, for three-point estimates.
///
/// α = 1 + 4(mode - min)/(max - min), β = 1 + 4(max - mode)/(max - min), so the mean is
/// (min + 4·mode + max)/6. Sampled as min + (max - min)·B with B ~ ``Beta``.
public struct PERT: UnivariateDistribution, Hashable {
    public let min: Double
    public let mode: Double
    public let max: Double
    /// The standard beta law on [0, 1].
    public let standard: Beta

    /// - Throws: ``DistributionError`` unless all are finite, min < max and min <= mode <= max.
    public init(min: Double, mode: Double, max: Double) throws(DistributionError) {
        try Check.finite("min", min)
        try Check.finite("mode", mode)
        try Check.finite("max", max)
        guard max > min else { throw .emptyRange(min: min, max: max) }
        guard mode >= min, mode <= max else { throw .modeOutsideRange(min: min, mode: mode, max: max) }
        self.min = min
        self.mode = mode
        self.max = max
        let width = max - min
        standard = try Beta(alpha: 1 + 4 * (mode - min) / width, beta: 1 + 4 * (max - mode) / width)
    }

    public var isDiscrete: Bool { false }
    public var mean: Double { min + (max - min) * standard.mean }
    public var variance: Double { (max - min) * (max - min) * standard.variance }
    public var support: (lower: Double, upper: Double) { (min, max) }
    public var description: String { "PERT(min: \(min), mode: \(mode), max: \(max))" }

    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        min + (max - min) * standard.draw(table: NormalZiggurat.table, using: &rng)
    }

    @inlinable
    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        var local = rng
        let lower = min, width = max - min, standard = standard, table = NormalZiggurat.table
        for i in out.indices { out[i] = lower + width * standard.draw(table: table, using: &local) }
        rng = local
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return standard.cdf((x - min) / (max - min))
    }

    public func quantile(_ p: Double) -> Double {
        min + (max - min) * standard.quantile(p)
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return standard.logDensity((x - min) / (max - min)) - Double.log(max - min)
    }
}
