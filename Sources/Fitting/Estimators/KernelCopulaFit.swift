import Distributions
import Foundation
import LinearAlgebra
import NumericalMethods
import Simulation

/// The kernel copula between the five per-attempt draws (``KernelCopula``): the threads'
/// normal scores themselves, smoothed by a Gaussian kernel shaped like their correlation,
/// b²R. It is the family for dependence that is not elliptical, which the split of thread
/// totals makes of `u` and `s` (given `T` they lie on a line), and which long and short threads
/// make of `u` and `T` (the short threads carry the upper tail of `u`, docs/fitting.md).
///
/// The bandwidth b is the one of ``bandwidths`` with the best held-out score, on the same five
/// folds as the other families: each held-out thread's scores against the other folds' empirical
/// CDFs, mapped to the mixture's own scale (w = G⁻¹(Φ(z)) per draw), scored by the log of the
/// copula density g(w) / Π g_c(w_c) of the other folds' kernel. ``BehaviourFitter`` keeps the
/// family with the best mean held-out score, independence scoring 0.
enum KernelCopulaFit {
    /// Bandwidths tried, in units of a normal score. Below 0.2 the held-out score falls fast
    /// at a few hundred threads (every held-out thread is far from the kernel's centres).
    static let bandwidths: [Double] = [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]

    /// Threads the kernel keeps, evenly spaced, when there are more: its held-out score costs
    /// O(n²) per bandwidth and its tables O(n) per node at every load, and a thousand centres
    /// already draw a smooth shape.
    static let threadLimit = 1_000

    struct Estimate {
        var bandwidth: Double
        /// At most `limit` of `vectors`, evenly spaced in their order.
        static func evenlySpaced(_ vectors: [DependenceFit.Vector], limit: Int) -> [DependenceFit.Vector] {
            guard vectors.count > limit else { return vectors }
            return (0..<limit).map { vectors[$0 * vectors.count / limit] }
        }

        /// Mean held-out copula log density per thread at `bandwidth`.
        var heldOutScore: Double
        /// The threads' normal scores by draw (5 columns).
        var scores: [[Double]]
    }

    /// The bandwidth with the best held-out score and the threads' scores; nil with fewer than
    /// ``DependenceFit/minimumThreads`` threads or fewer than two draws that vary.
    static func fit(_ vectors: [DependenceFit.Vector]) -> Estimate? {
        guard vectors.count >= DependenceFit.minimumThreads, StudentCopulaFit.varying(vectors).count >= 2 else { return nil }
        let vectors = evenlySpaced(vectors, limit: threadLimit)
        let folds = Self.folds(vectors)
        var best: (b: Double, score: Double)?
        for b in bandwidths {
            let s = heldOutScore(folds, bandwidth: b)
            if s.isFinite, s > (best?.score ?? -.infinity) { best = (b, s) }
        }
        guard let best else { return nil }
        let scores = (0..<BehaviourDraw.allCases.count).map { c in DependenceFit.normalScores(vectors.map { $0[c] }) }
        return Estimate(bandwidth: best.b, heldOutScore: best.score, scores: scores)
    }

    /// At most `limit` of `vectors`, evenly spaced in their order.
    static func evenlySpaced(_ vectors: [DependenceFit.Vector], limit: Int) -> [DependenceFit.Vector] {
        guard vectors.count > limit else { return vectors }
        return (0..<limit).map { vectors[$0 * vectors.count / limit] }
    }

    /// One fold of the held-out score, the same at every bandwidth: the training threads'
    /// scores (the kernel's centres) and their correlation's Cholesky factor over the draws that
    /// vary, and the held-out threads' scores against the training part's empirical CDFs.
    struct Fold {
        var centres: [[Double]]
        var held: [[Double]]
        var factor: Matrix
    }

    /// Five folds (every fifth thread held out once); none when fewer than two draws vary.
    static func folds(_ vectors: [DependenceFit.Vector]) -> [Fold] {
        let dims = StudentCopulaFit.varying(vectors)
        guard dims.count >= 2 else { return [] }
        return (0..<5).compactMap { fold in
            let train = vectors.enumerated().filter { $0.offset % 5 != fold }.map(\.element)
            let test = vectors.enumerated().filter { $0.offset % 5 == fold }.map(\.element)
            guard train.count >= 3, !test.isEmpty, let r = DependenceFit.correlation(train) else { return nil }
            let sub = StudentCopulaFit.submatrix(DependenceFit.positiveDefinite(r), dims)
            guard let l = try? LAPACK.cholesky(sub) else { return nil }
            return Fold(
                centres: dims.map { c in DependenceFit.normalScores(train.map { $0[c] }) },
                held: dims.map { c in DependenceFit.scores(of: test.map { $0[c] }, against: train.map { $0[c] }) },
                factor: l)
        }
    }

    /// Mean held-out copula log density per thread over `folds` at bandwidth `b` (0 without folds).
    static func heldOutScore(_ folds: [Fold], bandwidth b: Double) -> Double {
        var total = 0.0, count = 0
        for fold in folds {
            for t in 0..<(fold.held.first?.count ?? 0) {
                let w = fold.held.indices.map { k in mixtureQuantile(normalCDF(fold.held[k][t]), fold.centres[k], b) }
                let score = logDensity(w, centres: fold.centres, factor: fold.factor, bandwidth: b)
                if score.isFinite {
                    total += score
                    count += 1
                }
            }
        }
        return count > 0 ? total / Double(count) : 0
    }

    /// log g(w) - Σ log g_c(w_c): the kernel mixture's joint log density (kernel b²R, R = L Lᵀ)
    /// over the product of its marginals' (each a mixture of N(s, b²)).
    static func logDensity(_ w: [Double], centres: [[Double]], factor l: Matrix, bandwidth b: Double) -> Double {
        let d = w.count, n = centres[0].count
        var logDet = 0.0
        for i in 0..<d { logDet += log(l[i, i]) }
        var joint = [Double](repeating: 0, count: n)
        var v = [Double](repeating: 0, count: d)
        for i in 0..<n {
            // |L⁻¹ (w - sᵢ) / b|² by forward substitution.
            var q = 0.0
            for a in 0..<d {
                var s = (w[a] - centres[a][i]) / b
                for k in 0..<a { s -= l[a, k] * v[k] }
                v[a] = s / l[a, a]
                q += v[a] * v[a]
            }
            joint[i] = -0.5 * q
        }
        let logNorm = -Double(d) * log(b) - logDet
        var out = logSumExp(joint) - log(Double(n)) + logNorm
        for a in 0..<d {
            let terms = centres[a].map { s -> Double in
                let t = (w[a] - s) / b
                return -0.5 * t * t
            }
            out -= logSumExp(terms) - log(Double(n)) - log(b)
        }
        return out
    }

    static func logSumExp(_ x: [Double]) -> Double {
        guard let m = x.max(), m.isFinite else { return -.infinity }
        var s = 0.0
        for v in x { s += exp(v - m) }
        return m + log(s)
    }

    /// The w with G(w) = p for the mixture G(w) = (1/n) Σ Φ((w - s)/b), by safeguarded Newton
    /// steps inside a bracket.
    static func mixtureQuantile(_ p: Double, _ centres: [Double], _ b: Double) -> Double {
        var lo = (centres.min() ?? 0) - 9 * b, hi = (centres.max() ?? 0) + 9 * b
        var w = normalQuantile(p) * (1 + b * b).squareRoot()
        if !(w > lo && w < hi) { w = (lo + hi) / 2 }
        for _ in 0..<60 {
            let (g, density) = KernelScoreMap.mixture(w, centres: centres, bandwidth: b)
            let f = g - p
            if f < 0 { lo = w } else { hi = w }
            var next = density > 0 ? w - f / density : (lo + hi) / 2
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - w) < 1e-10 { return next }
            w = next
        }
        return w
    }
}
