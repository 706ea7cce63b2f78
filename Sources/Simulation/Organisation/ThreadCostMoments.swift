import Distributions
import Foundation

/// The mean and second moment of one attempt's cost as a function of a trial's shared
/// behaviour draws, for the aggregated path of ``TeamForecaster``.
///
/// **Why a table.** An organisation of 10,000 developers runs over 10^7 threads a month; the
/// aggregated path replaces them by a normal sum with mean `N E[X]` and variance `N Var X`
/// (X one thread's cost), which needs E[X] and Var X for *this trial's* shifted behaviour. The
/// cost of an attempt is heavy-tailed (quadratic in turns), so a per-trial estimate from a few
/// thousand draws would be off by several per cent, and that error would not average out.
///
/// **How.** Once per model, `levelSamples` attempts are drawn at the nominal behaviour and
/// priced; their mean and mean square fix the level. The effect of the shared shifts (turns
/// scale, tokens scale, cache-hit shift — the three that change an attempt's tokens) is a
/// ratio to the nominal, estimated on a grid of the shifts' standard normals with the first
/// `shapeSamples` of the same draws (common random numbers, so the ratio's error is far
/// smaller than either estimate's), and interpolated multilinearly in log space. Only the
/// dimensions with non-zero uncertainty get a grid axis. The one-shot and off-the-rails rates
/// do not change an attempt's cost; they enter through the attempt count, in closed form
/// (``threadMoments(attemptMean:attemptMeanSquare:trial:maxAttempts:)``).
///
/// - Complexity: `levelSamples + nodes^dims x shapeSamples` attempt evaluations per model.
struct ThreadCostMoments: Sendable {
    static let levelSamples = 1 << 20
    static let shapeSamples = 1 << 15
    static let zRange = 4.0

    let mean: Double
    let meanSquare: Double
    /// Active shift dimensions: 0 turns, 1 tokens, 2 cache hit.
    let dims: [Int]
    let nodes: Int
    /// Log ratios (mean, mean square) at the grid points, first dimension fastest.
    let logRatioMean: [Double]
    let logRatioSquare: [Double]

    init(model: PricedModel, uncertainty u: BehaviourUncertainty, stream: RandomStream) {
        let b = model.behaviour
        let n = Self.levelSamples
        var rng = stream
        var raw = [[Double]](repeating: [Double](repeating: 0, count: n), count: 5)
        for (k, law) in [b.turns, b.freshInputPerTurn, b.outputPerTurn, b.cacheHitRate, b.baseContext].enumerated() {
            raw[k].withUnsafeMutableBufferPointer { law.fill($0, using: &rng) }
        }
        func moments(_ count: Int, turnsScale: Double, tokensScale: Double, shift: Double) -> (Double, Double) {
            var s1 = CompensatedSum(), s2 = CompensatedSum()
            let price = SIMD8<Double>(model.priceVector)
            let explicit = model.price.caching == .explicit
            for i in 0..<count {
                let turns = max(1, (raw[0][i] * turnsScale).rounded(.up))
                var h = raw[3][i]
                if shift != 0 { h = ThreadKernel.logistic(ThreadKernel.logit(h) + shift) }
                let tokens = AttemptTokens.compute(
                    turns: turns, base: raw[4][i] * tokensScale, fresh: raw[1][i] * tokensScale,
                    output: raw[2][i] * tokensScale, hitRate: h, tierThreshold: model.tierThreshold,
                    window: model.contextWindow, summary: b.compactionSummary, explicitCache: explicit)
                let c = (tokens * price).sum()
                s1.add(c)
                s2.add(c * c)
            }
            return (s1.value / Double(count), s2.value / Double(count))
        }
        (mean, meanSquare) = moments(n, turnsScale: 1, tokensScale: 1, shift: 0)

        var active: [Int] = []
        if u.turnsCV > 0 { active.append(0) }
        if u.tokensCV > 0 { active.append(1) }
        if u.cacheHitLogitSD > 0 { active.append(2) }
        dims = active
        nodes = active.count <= 2 ? 9 : 5
        guard !active.isEmpty else {
            logRatioMean = [0]
            logRatioSquare = [0]
            return
        }
        let m = Self.shapeSamples
        let (base1, base2) = moments(m, turnsScale: 1, tokensScale: 1, shift: 0)
        let points = Int(pow(Double(nodes), Double(active.count)))
        var r1 = [Double](repeating: 0, count: points), r2 = r1
        var zAll = [Double](repeating: 0, count: 5)
        for p in 0..<points {
            var rest = p
            for d in active {
                zAll[d] = Self.node(rest % nodes, of: nodes)
                rest /= nodes
            }
            let t = zAll.withUnsafeBufferPointer { u.trialBehaviour(b, z: $0) }
            let (a1, a2) = moments(m, turnsScale: t.turnsScale, tokensScale: t.tokensScale, shift: t.cacheHitLogitShift)
            r1[p] = log(max(a1, .leastNormalMagnitude) / max(base1, .leastNormalMagnitude))
            r2[p] = log(max(a2, .leastNormalMagnitude) / max(base2, .leastNormalMagnitude))
        }
        logRatioMean = r1
        logRatioSquare = r2
    }

    static func node(_ i: Int, of nodes: Int) -> Double { -zRange + 2 * zRange * Double(i) / Double(nodes - 1) }

    /// E[C] and E[C^2] of one attempt for a trial whose behaviour normals are `z` (five values:
    /// turns, tokens, cache, one-shot, off-the-rails).
    func attemptMoments(z: UnsafeBufferPointer<Double>) -> (mean: Double, meanSquare: Double) {
        guard !dims.isEmpty else { return (mean, meanSquare) }
        // Multilinear interpolation over the active dimensions' grid cells.
        var lower = [Int](), weight = [Double]()
        let step = 2 * Self.zRange / Double(nodes - 1)
        for d in dims {
            let x = (min(max(z[d], -Self.zRange), Self.zRange) + Self.zRange) / step
            let i = min(Int(x.rounded(.down)), nodes - 2)
            lower.append(i)
            weight.append(x - Double(i))
        }
        var l1 = 0.0, l2 = 0.0
        for corner in 0..<(1 << dims.count) {
            var index = 0, stride = 1, w = 1.0
            for k in 0..<dims.count {
                let up = (corner >> k) & 1
                index += (lower[k] + up) * stride
                stride *= nodes
                w *= up == 1 ? weight[k] : 1 - weight[k]
            }
            l1 += w * logRatioMean[index]
            l2 += w * logRatioSquare[index]
        }
        return (mean * exp(l1), meanSquare * exp(l2))
    }

    /// Mean and variance of one thread's cost, `X = C_1 + ... + C_A`, where `A` (attempts) stops
    /// at the first success (probability `(1-q) p` each) or at `maxAttempts`, independent of
    /// the attempts' costs (the kernel decides outcomes with its own uniform):
    /// `E[X] = E[A] mu`, `Var X = E[A] sigma^2 + Var(A) mu^2`.
    static func threadMoments(attemptMean mu: Double, attemptMeanSquare m2: Double, trial: TrialBehaviour, maxAttempts: Int) -> AttemptCounts {
        let ps = (1 - trial.offTheRailsRate) * trial.oneShotRate
        var ea = 0.0, ea2 = 0.0, reach = 1.0
        for a in 1...max(1, maxAttempts) {
            ea += reach
            ea2 += Double(2 * a - 1) * reach
            reach *= 1 - ps
        }
        let varA = max(0, ea2 - ea * ea)
        let sigma2 = max(0, m2 - mu * mu)
        return AttemptCounts(
            expectedAttempts: ea, completion: 1 - reach, threadMean: ea * mu,
            threadVariance: ea * sigma2 + varA * mu * mu)
    }

    struct AttemptCounts {
        var expectedAttempts: Double
        /// Probability the task completes within the attempts allowed.
        var completion: Double
        var threadMean: Double
        var threadVariance: Double
    }
}
