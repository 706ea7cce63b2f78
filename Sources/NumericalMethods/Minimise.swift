/// Small derivative-free optimisers for maximum-likelihood fits.
///
/// The likelihoods fitted here are smooth and, after profiling out the parameters that have a
/// closed form, have one or two free parameters, so golden-section search (one) and
/// Nelder–Mead (two) are enough and need no gradients.
public enum Minimise {
    /// The minimum of a unimodal `f` on `[lower, upper]` by golden-section search.
    ///
    /// - Returns: the minimiser and the value there; the interval shrinks by 0.618 per step.
    /// - Complexity: O(log((upper - lower) / tolerance)) evaluations of `f`.
    public static func goldenSection(
        lower: Double, upper: Double, tolerance: Double = 1e-9, _ f: (Double) -> Double
    ) -> (x: Double, value: Double) {
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = lower, b = upper
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var fc = f(c), fd = f(d)
        var iterations = 0
        while b - a > tolerance * max(1, abs(a) + abs(b)), iterations < 200 {
            iterations += 1
            // NaN compares false, so a NaN value moves the bracket away from it.
            if fc < fd || fd.isNaN {
                b = d; d = c; fd = fc
                c = b - ratio * (b - a); fc = f(c)
            } else {
                a = c; c = d; fc = fd
                d = a + ratio * (b - a); fd = f(d)
            }
        }
        return fc < fd || fd.isNaN ? (c, fc) : (d, fd)
    }

    /// The minimum of `f` near `start` by the Nelder–Mead simplex method (standard
    /// coefficients: reflection 1, expansion 2, contraction 1/2, shrink 1/2).
    ///
    /// - Parameters:
    ///   - start: the first vertex; the others are `start` moved by `step` along each axis.
    ///   - step: initial size of the simplex.
    ///   - tolerance: stop when the values at the vertices differ by less than this.
    /// - Returns: the best vertex and its value. Non-finite values count as +infinity.
    public static func nelderMead(
        start: [Double], step: Double = 0.5, tolerance: Double = 1e-10, maxEvaluations: Int = 2_000,
        _ f: ([Double]) -> Double
    ) -> (x: [Double], value: Double) {
        let n = start.count
        func g(_ x: [Double]) -> Double {
            let v = f(x)
            return v.isFinite ? v : .infinity
        }
        var simplex = [start]
        for i in 0..<n {
            var v = start
            v[i] += step
            simplex.append(v)
        }
        var values = simplex.map(g)
        var evaluations = n + 1
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if abs(values[n] - values[0]) <= tolerance * (abs(values[0]) + tolerance), values[0].isFinite { break }
            var centroid = [Double](repeating: 0, count: n)
            for v in simplex.dropLast() { for j in 0..<n { centroid[j] += v[j] / Double(n) } }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1)
            let fr = g(reflected); evaluations += 1
            if fr < values[0] {
                let expanded = along(-2)
                let fe = g(expanded); evaluations += 1
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = reflected; values[n] = fr
            } else {
                let contracted = fr < values[n] ? along(-0.5) : along(0.5)
                let fc = g(contracted); evaluations += 1
                if fc < min(fr, values[n]) {
                    simplex[n] = contracted; values[n] = fc
                } else {
                    for i in 1...n {
                        simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
                        values[i] = g(simplex[i]); evaluations += 1
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] } ?? 0
        return (simplex[best], values[best])
    }
}
