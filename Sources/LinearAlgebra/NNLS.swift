/// Non-negative least squares: `x ≥ 0` minimising `‖A x − b‖₂`.
///
/// Lawson and Hanson's active-set method (Solving Least Squares Problems, 1974, ch. 23): start
/// from `x = 0` with every variable held at its bound, free the variable whose gradient
/// `w = Aᵀ(b − A x)` most wants to grow, solve the unconstrained problem on the free ("passive")
/// columns with LAPACK (``LAPACK/leastSquares(_:_:)``), and step back toward the previous point
/// whenever that solution leaves the feasible set, returning to the bound the variables that hit
/// zero. The result meets the Karush–Kuhn–Tucker conditions: `x ≥ 0`, `w ≤ tol` where `x = 0`,
/// `w ≈ 0` where `x > 0`.
///
/// Columns should be on comparable scales (the tolerance is relative to the largest column
/// norm); callers with mixed units divide each column by its norm first and rescale `x` after.
public enum NNLS {
    public struct Solution: Sendable, Equatable {
        public var x: [Double]
        /// `‖A x − b‖₂`.
        public var residualNorm: Double
        /// The gradient `Aᵀ(b − A x)` at the solution (the KKT multipliers of the bounds).
        public var gradient: [Double]
        /// Outer iterations taken.
        public var iterations: Int
        /// Columns that were never freed because they are collinear with the free ones (or
        /// there were more free columns than rows): their `x` stays 0 for want of information,
        /// not because the data push it there.
        public var dependentColumns: [Int]
    }

    /// Solves `min ‖A x − b‖₂` subject to `x ≥ 0`.
    ///
    /// - Parameters:
    ///   - tolerance: a gradient below `tolerance` counts as zero; by default
    ///     `10 · ε · m · n · max‖aⱼ‖ · ‖b‖`.
    ///   - maxIterations: outer iterations before giving up; by default `3 n`, Lawson and
    ///     Hanson's bound in practice.
    /// - Throws: ``LAPACK/Failure/dimensionMismatch(_:)`` when `b` does not match `A`.
    public static func solve(
        _ a: Matrix, _ b: [Double], tolerance: Double? = nil, maxIterations: Int? = nil
    ) throws(LAPACK.Failure) -> Solution {
        let m = a.rows, n = a.columns
        guard b.count == m else { throw .dimensionMismatch("A has \(m) rows but b has \(b.count)") }
        var x = [Double](repeating: 0, count: n)
        guard n > 0, m > 0 else {
            return Solution(
                x: x, residualNorm: norm(b), gradient: [Double](repeating: 0, count: n), iterations: 0,
                dependentColumns: [])
        }
        let columnNorms = (0..<n).map { j in norm((0..<m).map { a[$0, j] }) }
        let tol =
            tolerance ?? 10 * Double.ulpOfOne * Double(m * n) * max(columnNorms.max() ?? 1, 1e-300) * max(norm(b), 1e-300)
        var passive = [Bool](repeating: false, count: n)
        var excluded = [Bool](repeating: false, count: n)
        let limit = maxIterations ?? max(3 * n, 30)
        var iterations = 0
        var w = gradient(a, b, x)

        outer: while iterations < limit {
            // The bound variable whose gradient most wants to grow.
            var best = -1
            var bestValue = tol
            for j in 0..<n where !passive[j] && !excluded[j] && columnNorms[j] > 0 && w[j] > bestValue {
                best = j
                bestValue = w[j]
            }
            if best < 0 { break }
            iterations += 1
            passive[best] = true
            var z: [Double]
            do {
                z = try subproblem(a, b, passive)
            } catch {
                // The new column adds nothing the free ones do not span: leave it at 0 for good.
                passive[best] = false
                excluded[best] = true
                continue outer
            }
            // Inner loop: step back into the feasible set until the free solution is positive.
            var inner = 0
            while (0..<n).contains(where: { passive[$0] && z[$0] <= 0 }) {
                inner += 1
                if inner > n + 1 { break }
                var alpha = Double.infinity
                for j in 0..<n where passive[j] && z[j] <= 0 {
                    let denominator = x[j] - z[j]
                    if denominator > 0 { alpha = min(alpha, x[j] / denominator) }
                }
                if !alpha.isFinite { alpha = 0 }
                for j in 0..<n where passive[j] { x[j] += alpha * (z[j] - x[j]) }
                for j in 0..<n where passive[j] && x[j] <= tol * 1e-3 {
                    passive[j] = false
                    x[j] = 0
                }
                guard passive.contains(true) else {
                    z = [Double](repeating: 0, count: n)
                    break
                }
                do {
                    z = try subproblem(a, b, passive)
                } catch {
                    break outer
                }
            }
            for j in 0..<n { x[j] = passive[j] ? max(z[j], 0) : 0 }
            w = gradient(a, b, x)
        }
        let residual = zip(multiply(a, x), b).map { $0 - $1 }
        return Solution(
            x: x, residualNorm: norm(residual), gradient: w, iterations: iterations,
            dependentColumns: (0..<n).filter { excluded[$0] })
    }

    /// The unconstrained least-squares solution on the passive columns, zero elsewhere.
    private static func subproblem(_ a: Matrix, _ b: [Double], _ passive: [Bool]) throws(LAPACK.Failure) -> [Double] {
        let columns = passive.indices.filter { passive[$0] }
        guard columns.count <= a.rows else { throw .rankDeficient }
        var sub = Matrix(rows: a.rows, columns: columns.count)
        for i in 0..<a.rows { for (k, j) in columns.enumerated() { sub[i, k] = a[i, j] } }
        let solution = try LAPACK.leastSquares(sub, b)
        var z = [Double](repeating: 0, count: a.columns)
        for (k, j) in columns.enumerated() { z[j] = solution[k] }
        return z
    }

    static func multiply(_ a: Matrix, _ x: [Double]) -> [Double] {
        (0..<a.rows).map { i in (0..<a.columns).reduce(0.0) { $0 + a[i, $1] * x[$1] } }
    }

    /// `Aᵀ(b − A x)`.
    static func gradient(_ a: Matrix, _ b: [Double], _ x: [Double]) -> [Double] {
        let r = zip(b, multiply(a, x)).map { $0 - $1 }
        return (0..<a.columns).map { j in (0..<a.rows).reduce(0.0) { $0 + a[$1, j] * r[$1] } }
    }

    static func norm(_ v: [Double]) -> Double { v.reduce(0.0) { $0 + $1 * $1 }.squareRoot() }
}
