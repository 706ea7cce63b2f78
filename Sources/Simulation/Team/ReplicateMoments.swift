import Distributions
import NumericalMethods

/// How much each bootstrap replicate of a fitted model moves one attempt's cost moments away
/// from the nominal behaviour's, for the aggregated path of ``TeamForecaster``.
///
/// **Why.** A fitted model's uncertainty is its replicates, one drawn per trial
/// (``BehaviourReplicates``). The exact path runs the trial's replicate thread by thread; the
/// aggregated path prices whole profile-months from ``ThreadCostMoments``, built once at the
/// nominal behaviour. Without this the aggregated path drew no replicate, and a large team's
/// band lost the fit's uncertainty (a team of one under `forecast` was a third narrower than
/// `run`). A table per replicate would cost 200 times the nominal one.
///
/// **How.** The same `samples` five-dimensional standard normals are mapped, for the nominal
/// behaviour and for every replicate, through that behaviour's copula factor (if any) and its
/// marginals' quantile maps (``NormalScoreMap``: x = F⁻¹(Φ(z))), and priced (a kernel copula
/// first moves the correlated normals to its fitted threads' scores, ``KernelCopula``). Common random
/// numbers make each replicate's ratio to the nominal `E_r[C] / E_0[C]` (and of `E[C²]`) far
/// more precise than either mean: both see the same long threads. The trial's attempt moments
/// are the nominal table's at its shifts times its replicate's ratios.
///
/// - Complexity: `(replicates + 1) x samples` attempt evaluations and `5 x (replicates + 1)`
///   quantile maps (545 quantiles each for tabulated laws), once per model and run.
struct ReplicateMoments: Sendable {
    static let samples = 1 << 15

    /// Per replicate, `E_r[C] / E_0[C]` and `E_r[C²] / E_0[C²]` of one attempt.
    let meanRatio: [Double]
    let meanSquareRatio: [Double]

    init(model: PricedModel, replicates: [ThreadBehaviour], stream: RandomStream) {
        let n = Self.samples
        let d = BehaviourDraw.allCases.count
        var rng = stream
        var z = [Double](repeating: 0, count: d * n)
        z.withUnsafeMutableBufferPointer { rng.fillStandardNormals($0) }
        // A t copula's mixing normals, drawn after the scores (so they leave them as they were).
        var mixingNormals = [Double](repeating: 0, count: n)
        mixingNormals.withUnsafeMutableBufferPointer { rng.fillStandardNormals($0) }
        // A kernel copula's thread choices from their own stream after those, the same for the
        // nominal behaviour and every replicate (common random numbers).
        let kernelStream = rng

        func moments(_ behaviour: ThreadBehaviour) -> (Double, Double) {
            // Scores of draw c contiguous in row c, as AttemptDraws lays them out.
            var scores = z
            if let dependence = behaviour.dependence {
                scores = Self.correlate(z, factor: dependence.factor, draws: d, count: n)
                if let kernel = dependence.kernel {
                    var choices = kernelStream
                    scores.withUnsafeMutableBufferPointer { y in
                        if let base = y.baseAddress { kernel.apply(base, draws: Array(0..<d), count: n, rng: &choices) }
                    }
                } else if dependence.degreesOfFreedom != nil {
                    var mixing = mixingNormals
                    scores.withUnsafeMutableBufferPointer { y in
                        mixing.withUnsafeMutableBufferPointer { m in
                            if let base = y.baseAddress { dependence.studentise(base, count: n, mixing: m) }
                        }
                    }
                }
            }
            let laws: [any UnivariateDistribution] = [
                behaviour.turns, behaviour.freshInputPerTurn, behaviour.outputPerTurn, behaviour.cacheHitRate,
                behaviour.baseContext,
            ]
            var raw = [[Double]](repeating: [Double](repeating: 0, count: n), count: d)
            for c in 0..<d {
                // h given T is set below from its score; its law's table would go unread.
                if c == BehaviourDraw.cacheHitRate.index, behaviour.cacheHitGivenTurns != nil { continue }
                let map = NormalScoreMap(laws[c])
                scores.withUnsafeBufferPointer { all in
                    raw[c].withUnsafeMutableBufferPointer { out in
                        map.apply(UnsafeBufferPointer(rebasing: all[(c * n)..<((c + 1) * n)]), into: out)
                    }
                }
            }
            if let given = behaviour.cacheHitGivenTurns {
                let t = BehaviourDraw.turns.index, h = BehaviourDraw.cacheHitRate.index
                for i in 0..<n { raw[h][i] = given.hitRate(turns: raw[t][i], score: scores[h * n + i]) }
            }
            var m = model
            m.behaviour = behaviour
            var s1 = CompensatedSum(), s2 = CompensatedSum()
            ThreadCostMoments.priceAttempts(m, raw, n, turnsScale: 1, tokensScale: 1, shift: 0, into: &s1, &s2)
            return (s1.value / Double(n), s2.value / Double(n))
        }

        let (nominal1, nominal2) = moments(model.behaviour)
        var r1: [Double] = [], r2: [Double] = []
        for replicate in replicates {
            let (a1, a2) = moments(replicate)
            r1.append(nominal1 > 0 ? a1 / nominal1 : 1)
            r2.append(nominal2 > 0 ? a2 / nominal2 : 1)
        }
        meanRatio = r1
        meanSquareRatio = r2
    }

    /// `Y = L Z`: row c of the result holds draw c's correlated scores, as AttemptDraws' TRMM
    /// makes them (`factor` is `draws x draws`, row-major).
    static func correlate(_ z: [Double], factor: [Double], draws d: Int, count n: Int) -> [Double] {
        var y = [Double](repeating: 0, count: d * n)
        for r in 0..<d {
            for k in 0..<d {
                let l = factor[r * d + k]
                guard l != 0 else { continue }
                for i in 0..<n { y[r * n + i] += l * z[k * n + i] }
            }
        }
        return y
    }
}
