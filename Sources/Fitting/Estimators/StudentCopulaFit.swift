import Distributions
import Foundation
import LinearAlgebra
import NumericalMethods
import Simulation

/// The t copula between the five per-attempt draws, the alternative to ``DependenceFit``'s
/// Gaussian copula where the draws' extremes come together (a long thread that is also a heavy
/// one more often than a Gaussian copula allows).
///
/// Estimated after Demarta & McNeil (2005): the shape matrix from Kendall's τ, R = sin(π τ / 2)
/// (exact for every elliptical copula), or from the t scores' correlation where that fits
/// better, and ν by maximising the copula's likelihood over ``grid``, on the threads' rank
/// scores (``fit(_:)``). Draws that do not vary (a constant base
/// context) are left out of the likelihood and stay uncorrelated.
///
/// Selection: the same five folds as the Gaussian copula's, each scored by the t copula's log
/// density at the other folds' R and ν; ``BehaviourFitter`` keeps the family with the best mean
/// held-out score, independence scoring 0.
enum StudentCopulaFit {
    /// ν tried. Above 50 the t copula is hard to tell from the Gaussian on a few hundred threads.
    static let grid: [Double] = [2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50]
    /// Kendall's τ is taken on at most this many threads (evenly spaced), as it costs O(n²).
    static let kendallLimit = 2_000

    /// T_ν⁻¹(Φ(z)) by table, one per ν of the grid, built once.
    static let scoreMaps: [Double: NormalScoreMap] = {
        var maps: [Double: NormalScoreMap] = [:]
        for nu in grid { if let t = try? StudentT(degreesOfFreedom: nu) { maps[nu] = NormalScoreMap(t) } }
        return maps
    }()

    struct Estimate {
        var correlation: Matrix
        var degreesOfFreedom: Double
    }

    /// R and ν by profile likelihood; nil with fewer than 3 threads or 2 varying draws.
    ///
    /// Two estimates of R are tried at every ν of the grid: Kendall's sin(π τ / 2), and the
    /// Pearson correlation of the t scores T_ν⁻¹(u) (which is R for a t copula too, and becomes the
    /// Gaussian copula's normal-score estimate as ν grows); the pair with the larger likelihood
    /// wins. Kendall's alone is exact only for elliptical dependence: on the real set, whose
    /// per-thread `u` and `s` are tied by the split of their totals, it put that pair at 0.96 against
    /// the scores' 0.90 and cost the t copula 0.19 of log likelihood per thread.
    static func fit(_ vectors: [DependenceFit.Vector]) -> Estimate? {
        guard vectors.count >= 3, let kendallR = correlation(vectors) else { return nil }
        let dims = varying(vectors)
        guard dims.count >= 2 else { return nil }
        let z = (0..<BehaviourDraw.allCases.count).map { c in DependenceFit.normalScores(vectors.map { $0[c] }) }
        let rows = (0..<vectors.count).map { t in dims.map { z[$0][t] } }
        var best: (r: Matrix, nu: Double, logLikelihood: Double)?
        for nu in grid {
            guard let map = scoreMaps[nu] else { continue }
            for r in [kendallR, scoreCorrelation(z, dims, map)] {
                let l = logLikelihood(rows, submatrix(r, dims), nu: nu)
                if l > (best?.logLikelihood ?? -.infinity) { best = (r, nu, l) }
            }
        }
        return best.map { Estimate(correlation: $0.r, degreesOfFreedom: $0.nu) }
    }

    /// The Pearson correlation of the t scores of the varying draws (the others stay 0), made
    /// positive definite.
    static func scoreCorrelation(_ z: [[Double]], _ dims: [Int], _ map: NormalScoreMap) -> Matrix {
        let x = z.map { $0.map { map.value($0) } }
        var m = Matrix.identity(BehaviourDraw.allCases.count)
        for (a, i) in dims.enumerated() {
            for j in dims[(a + 1)...] {
                let r = DependenceFit.pearson(x[i], x[j])
                m[i, j] = r
                m[j, i] = r
            }
        }
        return DependenceFit.positiveDefinite(m)
    }

    /// sin(π τ / 2) for each pair, made positive definite.
    static func correlation(_ vectors: [DependenceFit.Vector]) -> Matrix? {
        guard vectors.count >= 3 else { return nil }
        let d = BehaviourDraw.allCases.count
        let stride = max(1, (vectors.count + kendallLimit - 1) / kendallLimit)
        let used = Swift.stride(from: 0, to: vectors.count, by: stride).map { vectors[$0] }
        var m = Matrix.identity(d)
        for i in 0..<d {
            for j in (i + 1)..<d {
                let tau = kendall(used.map { $0[i] }, used.map { $0[j] })
                let r = max(-0.999, min(0.999, sin(Double.pi * tau / 2)))
                m[i, j] = r
                m[j, i] = r
            }
        }
        return DependenceFit.positiveDefinite(m)
    }

    /// Kendall's τ_b (ties in either variable leave a pair out of that side's count); 0 when a
    /// variable is constant.
    static func kendall(_ a: [Double], _ b: [Double]) -> Double {
        var concordant = 0.0, tiesA = 0.0, tiesB = 0.0, pairs = 0.0
        for i in 0..<a.count {
            for j in (i + 1)..<a.count {
                let da = a[i] - a[j], db = b[i] - b[j]
                pairs += 1
                if da == 0 { tiesA += 1 }
                if db == 0 { tiesB += 1 }
                if da != 0, db != 0 { concordant += (da > 0) == (db > 0) ? 1 : -1 }
            }
        }
        let denominator = ((pairs - tiesA) * (pairs - tiesB)).squareRoot()
        return denominator > 0 ? concordant / denominator : 0
    }

    /// Columns with at least two distinct values.
    static func varying(_ vectors: [DependenceFit.Vector]) -> [Int] {
        (0..<BehaviourDraw.allCases.count).filter { c in
            guard let first = vectors.first?[c] else { return false }
            return vectors.contains { $0[c] != first }
        }
    }

    static func submatrix(_ m: Matrix, _ dims: [Int]) -> Matrix {
        var out = Matrix.identity(dims.count)
        for (a, i) in dims.enumerated() { for (b, j) in dims.enumerated() { out[a, b] = m[i, j] } }
        return out
    }

    /// Σ log c(u) over rows of normal scores (columns `dims` only), at shape `r` and ν.
    static func logLikelihood(_ rows: [[Double]], _ r: Matrix, nu: Double) -> Double {
        // Only the grid's ν are fitted, and each has its table.
        guard let map = scoreMaps[nu], let density = Density(r, nu: nu)
        else { return -.infinity }
        var total = 0.0
        for z in rows { total += density.logDensity(z.map { map.value($0) }) }
        return total
    }

    /// The t copula's log density at t scores x:
    /// log Γ((ν+d)/2) + (d-1) log Γ(ν/2) - d log Γ((ν+1)/2) - ½ log det R
    /// - (ν+d)/2 log(1 + xᵀR⁻¹x/ν) + (ν+1)/2 Σ log(1 + x_i²/ν).
    struct Density {
        let l: Matrix
        let nu: Double
        let constant: Double

        init?(_ r: Matrix, nu: Double) {
            guard let l = try? LAPACK.cholesky(r) else { return nil }
            let d = Double(r.rows)
            var logDet = 0.0
            for i in 0..<r.rows { logDet += 2 * log(l[i, i]) }
            self.l = l
            self.nu = nu
            constant =
                Double.logGamma((nu + d) / 2) + (d - 1) * Double.logGamma(nu / 2) - d * Double.logGamma((nu + 1) / 2)
                - 0.5 * logDet
        }

        func logDensity(_ x: [Double]) -> Double {
            let d = x.count
            // xᵀR⁻¹x by forward substitution: L w = x, then |w|².
            var w = [Double](repeating: 0, count: d)
            var quad = 0.0, margins = 0.0
            for i in 0..<d {
                var s = x[i]
                for k in 0..<i { s -= l[i, k] * w[k] }
                w[i] = s / l[i, i]
                quad += w[i] * w[i]
                margins += log1p(x[i] * x[i] / nu)
            }
            return constant - (nu + Double(d)) / 2 * log1p(quad / nu) + (nu + 1) / 2 * margins
        }
    }

    /// Mean held-out t copula log density per thread over ``DependenceFit``'s five folds (each
    /// fold's scores against the other folds' empirical CDFs); 0 means independence does as well.
    static func heldOutScore(_ vectors: [DependenceFit.Vector]) -> Double {
        var total = 0.0, count = 0
        for fold in 0..<5 {
            let train = vectors.enumerated().filter { $0.offset % 5 != fold }.map(\.element)
            let test = vectors.enumerated().filter { $0.offset % 5 == fold }.map(\.element)
            guard !test.isEmpty, let e = fit(train) else { continue }
            let dims = varying(train)
            guard let map = scoreMaps[e.degreesOfFreedom],
                let density = Density(submatrix(e.correlation, dims), nu: e.degreesOfFreedom)
            else { continue }
            let columns = dims.map { c in DependenceFit.scores(of: test.map { $0[c] }, against: train.map { $0[c] }) }
            for t in 0..<test.count {
                total += density.logDensity(columns.map { map.value($0[t]) })
                count += 1
            }
        }
        return count > 0 ? total / Double(count) : 0
    }
}
