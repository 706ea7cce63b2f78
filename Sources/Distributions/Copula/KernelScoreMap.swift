import RealModule

/// The marginal step of a kernel copula: maps a draw z of the normal mixture
/// G(z) = (1/n) Σᵢ Φ((z - sᵢ) / b) (a logged thread's normal score sᵢ plus kernel noise of
/// spread b) to the standard normal score Φ⁻¹(G(z)), so that each draw keeps exactly its
/// fitted marginal law after ``NormalScoreMap``: the mixture's own spread, wider than 1 by
/// the kernel, would otherwise widen every marginal.
///
/// Tabulated once on a grid of 1,024 intervals from min sᵢ - 8.5 b to max sᵢ + 8.5 b and
/// interpolated by cubic Hermite polynomials (``HermiteTable``) whose slopes come from the
/// mixture's density, dΦ⁻¹(G)/dz = g(z) / φ(Φ⁻¹(G(z))); beyond the grid (mixture probability
/// below about 1e-17) the sum is evaluated exactly.
public struct KernelScoreMap: Sendable {
    /// Intervals of the table.
    static let intervals = 1024

    let centres: [Double]
    let bandwidth: Double
    let z0: Double
    /// Grid intervals per unit of z.
    let scale: Double
    let hermite: [Double]

    /// The map for mixture centres `centres` (n >= 1, finite) and kernel spread `bandwidth` (> 0).
    /// - Throws: ``DistributionError`` when a centre is not finite, there are none, or the
    ///   bandwidth is not positive and finite.
    /// - Complexity: O(n) per node, 1,025 nodes.
    public init(centres: [Double], bandwidth: Double) throws(DistributionError) {
        guard !centres.isEmpty else { throw .emptyData }
        if let bad = centres.first(where: { !$0.isFinite }) { throw .notFinite(parameter: "score", value: bad) }
        guard bandwidth.isFinite else { throw .notFinite(parameter: "bandwidth", value: bandwidth) }
        guard bandwidth > 0 else { throw .nonPositive(parameter: "bandwidth", value: bandwidth) }
        self.centres = centres
        self.bandwidth = bandwidth
        let lo = (centres.min() ?? 0) - 8.5 * bandwidth
        let hi = (centres.max() ?? 0) + 8.5 * bandwidth
        z0 = lo
        let step = (hi - lo) / Double(Self.intervals)
        scale = 1 / step
        var values = [Double](repeating: 0, count: Self.intervals + 1), slopes = values
        for i in 0...Self.intervals {
            let z = lo + Double(i) * step
            let (score, slope) = Self.exact(z, centres, bandwidth)
            values[i] = score
            slopes[i] = slope
        }
        for i in 1..<values.count where values[i] < values[i - 1] { values[i] = values[i - 1] }
        hermite = HermiteTable.coefficients(values: values, slopes: slopes, step: step)
    }

    /// The mixture's CDF G(z) and density g(z), by the sums over the centres.
    public static func mixture(_ z: Double, centres: [Double], bandwidth b: Double) -> (cdf: Double, density: Double) {
        var cdf = 0.0, density = 0.0
        for s in centres {
            let t = (z - s) / b
            cdf += normalCDF(t)
            density += Double.exp(-0.5 * t * t)
        }
        let n = Double(centres.count)
        return (cdf / n, density * 0.3989422804014327 / (n * b))
    }

    /// Φ⁻¹(G(z)) and its derivative, from the sums; in the upper half through 1 - G, summed
    /// on its own, so that scores near the top keep their precision.
    static func exact(_ z: Double, _ centres: [Double], _ b: Double) -> (score: Double, slope: Double) {
        let (lower, density) = mixture(z, centres: centres, bandwidth: b)
        let score =
            lower < 0.5
            ? normalQuantile(lower) : -normalQuantile(centres.reduce(0) { $0 + normalCDF(($1 - z) / b) } / Double(centres.count))
        guard score.isFinite else { return (score, 0) }
        let phi = Double.exp(-0.5 * score * score) * 0.3989422804014327
        return (score, phi > 0 ? density / phi : 0)
    }

    /// The standard normal score of one mixture draw.
    public func value(_ z: Double) -> Double {
        hermite.withUnsafeBufferPointer { tableValue(z, $0) }
    }

    /// Maps every value of `values` in place.
    public func apply(_ values: UnsafeMutableBufferPointer<Double>) {
        hermite.withUnsafeBufferPointer { c in
            for i in values.indices { values[i] = tableValue(values[i], c) }
        }
    }

    @inline(__always)
    func tableValue(_ z: Double, _ c: UnsafeBufferPointer<Double>) -> Double {
        let g = (z - z0) * scale
        // Tested before the conversion, as NormalScoreMap does; NaN goes to the exact path.
        guard g >= 0, g < Double(Self.intervals) else { return Self.exact(z, centres, bandwidth).score }
        let (i, t) = NormalScoreMap.wholeAndFraction(g)
        return HermiteTable.value(c, interval: i, fraction: t)
    }
}
