/// A function tabulated on a uniform grid and interpolated by cubic Hermite polynomials: the
/// per-draw step of ``NormalScoreMap``'s tables and of ``StudentScoreMap``.
///
/// Each interval's cubic is kept in power form, v = x₀ + t (m₀ + t (c₂ + t c₃)) with t the
/// fraction of the step and m₀ the slope in units of the step, the four numbers side by side:
/// a draw reads one interval's coefficients and the next node and evaluates three fused
/// multiply-adds, where the Hermite basis functions took a dozen operations and two slopes
/// scaled per draw. The value is kept inside its node bracket, so the map stays monotone where
/// the nodes are.
///
/// The table is a plain `[Double]` (four per node: x_i, m_i, c2_i, c3_i; the last node's three
/// are 0) held by the maps themselves.
enum HermiteTable {
    /// The coefficients for `values` at the nodes and `slopes` (per unit of the grid variable)
    /// on a grid of `step`; `values` has two nodes or more.
    static func coefficients(values: [Double], slopes: [Double], step: Double) -> [Double] {
        let count = min(values.count, slopes.count)
        var c = [Double](repeating: 0, count: 4 * count)
        for i in 0..<count {
            c[4 * i] = values[i]
            guard i + 1 < count else { break }
            let m0 = slopes[i] * step, m1 = slopes[i + 1] * step, d = values[i + 1] - values[i]
            c[4 * i + 1] = m0
            c[4 * i + 2] = 3 * d - 2 * m0 - m1
            c[4 * i + 3] = m0 + m1 - 2 * d
        }
        return c
    }

    /// The interpolated value at fraction `t` (in [0, 1)) of interval `i` (below the last node).
    @inline(__always)
    static func value(_ c: UnsafeBufferPointer<Double>, interval i: Int, fraction t: Double) -> Double {
        let b = 4 * i
        let x0 = c[b], x1 = c[b + 4]
        let v = x0 + t * (c[b + 1] + t * (c[b + 2] + t * c[b + 3]))
        return min(max(v, x0), x1)
    }
}
