import Distributions
import Foundation
import LinearAlgebra
import NumericalMethods
import Simulation

/// The Gaussian copula between the five per-attempt draws, estimated from the normal scores of
/// the threads' ranks (van der Waerden), and chosen against independence out of sample.
///
/// Normal scores: z = Φ⁻¹((rank - 1/2) / n) with mid-ranks for ties, per draw; the copula's
/// correlation is their Pearson correlation. A draw that does not vary (a constant base
/// context) stays independent of the others.
///
/// Selection: five folds of the threads (every fifth by thread id); each fold's scores are
/// taken against the other four folds' empirical CDFs and scored by the copula's log density
/// with the other folds' correlation, -½ log det R - ½ zᵀ(R⁻¹ - I)z, which is 0 for independence.
/// The copula is kept when its mean held-out score per thread is positive.
public enum DependenceFit {
    /// Fewest threads with all five draws for which dependence is fitted.
    public static let minimumThreads = 30

    /// Complete per-thread draws in ``BehaviourDraw`` order.
    public typealias Vector = [Double]

    /// The copula correlation of `vectors` (5 x 5, row-major), or nil when there are too few.
    static func correlation(_ vectors: [Vector]) -> Matrix? {
        let d = BehaviourDraw.allCases.count
        guard vectors.count >= 3 else { return nil }
        let scores = (0..<d).map { c in normalScores(vectors.map { $0[c] }) }
        var m = Matrix.identity(d)
        for i in 0..<d {
            for j in (i + 1)..<d {
                let r = pearson(scores[i], scores[j])
                m[i, j] = r
                m[j, i] = r
            }
        }
        return m
    }

    /// Φ⁻¹((mid-rank - 1/2) / n) for each value.
    static func normalScores(_ x: [Double]) -> [Double] {
        let n = x.count
        let order = x.indices.sorted { x[$0] < x[$1] }
        var ranks = [Double](repeating: 0, count: n)
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && x[order[j + 1]] == x[order[i]] { j += 1 }
            let mid = Double(i + j) / 2 + 1
            for k in i...j { ranks[order[k]] = mid }
            i = j + 1
        }
        return ranks.map { normalQuantile(($0 - 0.5) / Double(n)) }
    }

    /// Scores of `x` against a reference sample's empirical CDF (mid-distribution, kept inside (0, 1)).
    static func scores(of x: [Double], against reference: [Double]) -> [Double] {
        let sorted = reference.sorted()
        let n = Double(sorted.count)
        return x.map { v in
            let below = Double(lowerBound(sorted, v)), upTo = Double(upperBound(sorted, v))
            let u = (below + upTo) / 2 / n
            return normalQuantile(min(max(u, 0.5 / n), 1 - 0.5 / n))
        }
    }

    static func lowerBound(_ a: [Double], _ v: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi { let m = (lo + hi) / 2; if a[m] < v { lo = m + 1 } else { hi = m } }
        return lo
    }

    static func upperBound(_ a: [Double], _ v: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi { let m = (lo + hi) / 2; if a[m] <= v { lo = m + 1 } else { hi = m } }
        return lo
    }

    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let ma = Stats.mean(a), mb = Stats.mean(b)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) {
            sab += (x - ma) * (y - mb)
            saa += (x - ma) * (x - ma)
            sbb += (y - mb) * (y - mb)
        }
        guard saa > 1e-12, sbb > 1e-12 else { return 0 }
        return max(-0.999, min(0.999, sab / (saa * sbb).squareRoot()))
    }

    /// A positive-definite version of an estimated correlation (estimates from complete
    /// cases are, but shrinking a near-singular one keeps the Cholesky factor well conditioned).
    static func positiveDefinite(_ m: Matrix) -> Matrix {
        if (try? LAPACK.cholesky(m)) != nil { return m }
        return (try? LAPACK.nearestCorrelation(m, floor: 1e-4)) ?? Matrix.identity(m.rows)
    }

    /// Mean held-out copula log density per thread over five folds; 0 means independence does as well.
    static func heldOutScore(_ vectors: [Vector]) -> Double {
        let d = BehaviourDraw.allCases.count
        var total = 0.0, count = 0
        for fold in 0..<5 {
            let train = vectors.enumerated().filter { $0.offset % 5 != fold }.map(\.element)
            let test = vectors.enumerated().filter { $0.offset % 5 == fold }.map(\.element)
            guard train.count >= 3, !test.isEmpty, let r = correlation(train) else { continue }
            let rho = positiveDefinite(r)
            guard let l = try? LAPACK.cholesky(rho) else { continue }
            var logDet = 0.0
            for i in 0..<d { logDet += 2 * log(l[i, i]) }
            let columns = (0..<d).map { c in scores(of: test.map { $0[c] }, against: train.map { $0[c] }) }
            for t in 0..<test.count {
                let z = (0..<d).map { columns[$0][t] }
                // zᵀR⁻¹z by forward substitution: solve L w = z, then |w|².
                var w = [Double](repeating: 0, count: d)
                for i in 0..<d {
                    var s = z[i]
                    for k in 0..<i { s -= l[i, k] * w[k] }
                    w[i] = s / l[i, i]
                }
                let quad = w.reduce(0) { $0 + $1 * $1 } - z.reduce(0) { $0 + $1 * $1 }
                total += -0.5 * logDet - 0.5 * quad
                count += 1
            }
        }
        return count > 0 ? total / Double(count) : 0
    }

    /// The correlations as `draw.draw` keys (upper triangle, non-zero only), as stored in fits.
    static func pairs(_ m: Matrix) -> [String: Double] {
        let d = BehaviourDraw.allCases
        var out: [String: Double] = [:]
        for i in 0..<d.count {
            for j in (i + 1)..<d.count where m[i, j] != 0 { out["\(d[i].rawValue).\(d[j].rawValue)"] = m[i, j] }
        }
        return out
    }

    /// The 5 x 5 matrix of stored pairs.
    public static func matrix(_ pairs: [String: Double]) -> Matrix {
        let d = BehaviourDraw.allCases
        var m = Matrix.identity(d.count)
        for (key, v) in pairs {
            let parts = key.split(separator: ".").map(String.init)
            guard parts.count == 2, let a = BehaviourDraw(rawValue: parts[0]), let b = BehaviourDraw(rawValue: parts[1]) else {
                continue
            }
            m[a.index, b.index] = v
            m[b.index, a.index] = v
        }
        return m
    }
}

/// What the fit decided about dependence, and why.
public struct DependenceReport: Sendable, Hashable, Codable {
    /// `gaussian_copula`, `t_copula`, `kernel_copula` or `independence`.
    public var chosen: String
    /// One sentence: the scores compared, or why dependence was not fitted.
    public var reason: String
    /// Threads with all five draws.
    public var threads: Int
    /// Mean held-out log density per thread of the Gaussian copula (independence scores 0).
    public var heldOutScore: Double?
    /// The same of the t copula (``StudentCopulaFit``); nil in fits before it.
    public var studentHeldOutScore: Double?
    /// The same of the kernel copula at its best bandwidth (``KernelCopulaFit``); nil in fits
    /// before it or when it was not fitted.
    public var kernelHeldOutScore: Double?
    /// The kernel copula's bandwidth when it was chosen.
    public var kernelBandwidth: Double?
    /// Correlations (normal-score, or the t copula's shape matrix) with bootstrap intervals, by `draw.draw`.
    public var correlations: [ParameterInterval]
    /// The t copula's ν with its bootstrap interval; nil for the other choices.
    public var degreesOfFreedom: ParameterInterval?

    public init(
        chosen: String, reason: String, threads: Int, heldOutScore: Double?, studentHeldOutScore: Double? = nil,
        kernelHeldOutScore: Double? = nil, kernelBandwidth: Double? = nil,
        correlations: [ParameterInterval], degreesOfFreedom: ParameterInterval? = nil
    ) {
        self.kernelHeldOutScore = kernelHeldOutScore
        self.kernelBandwidth = kernelBandwidth
        self.chosen = chosen
        self.reason = reason
        self.threads = threads
        self.heldOutScore = heldOutScore
        self.studentHeldOutScore = studentHeldOutScore
        self.correlations = correlations
        self.degreesOfFreedom = degreesOfFreedom
    }

    enum CodingKeys: String, CodingKey {
        case chosen, reason, threads, correlations
        case heldOutScore = "held_out_score"
        case studentHeldOutScore = "t_copula_held_out_score"
        case kernelHeldOutScore = "kernel_copula_held_out_score"
        case kernelBandwidth = "kernel_bandwidth"
        case degreesOfFreedom = "degrees_of_freedom"
    }
}
