import Distributions
import Foundation
import NumericalMethods

/// The mean and second moment of one attempt's cost as a function of a trial's shared
/// behaviour draws, for the aggregated path of ``TeamForecaster``.
///
/// **Why a table.** A team of 10,000 developers runs over 10^7 threads a month; the
/// aggregated path replaces them by a normal sum with mean `N E[X]` and variance `N Var X`
/// (X one thread's cost), which needs E[X] and Var X for *this trial's* shifted behaviour. The
/// cost of an attempt is heavy-tailed (quadratic in turns), so a per-trial estimate from a few
/// thousand draws would be off by several per cent, and that error would not average out.
///
/// **How.** Once per model, `levelSamples` attempts are drawn at the nominal behaviour and
/// priced, block by block (memory stays flat); their mean and mean square fix the level. The effect of the shared shifts (turns
/// scale, tokens scale, cache-hit shift — the three that change an attempt's tokens) is a
/// ratio to the nominal, estimated on a grid of the shifts' standard normals (33 nodes on the
/// turns axis plus two straddling the jump where the turns scale passes 1; 9, or 5 when all
/// three are uncertain, on the others) with the first
/// `shapeSamples` of the same draws (common random numbers, so the ratio's error is far
/// smaller than either estimate's), and interpolated multilinearly in log space. Only the
/// dimensions with non-zero uncertainty get a grid axis. The one-shot and off-the-rails rates
/// do not change an attempt's cost; they enter through the attempt count, in closed form
/// (``threadMoments(attemptMean:attemptMeanSquare:trial:maxAttempts:)``).
///
/// - Complexity: `levelSamples + nodes^dims x shapeSamples` attempt evaluations per model.
struct ThreadCostMoments: Sendable {
    static let levelSamples = 1 << 22
    static let shapeSamples = 1 << 13
    static let zRange = 4.0

    let mean: Double
    let meanSquare: Double
    /// Active shift dimensions: 0 turns, 1 tokens, 2 cache hit.
    let dims: [Int]
    /// Grid nodes (standard-normal values) per active dimension, ascending.
    let nodes: [[Double]]
    /// Log ratios (mean, mean square) at the grid points, first dimension fastest.
    let logRatioMean: [Double]
    let logRatioSquare: [Double]

    init(model: PricedModel, uncertainty u: BehaviourUncertainty, stream: RandomStream) {
        let b = model.behaviour
        var rng = stream
        let laws: [any UnivariateDistribution] = [b.turns, b.freshInputPerTurn, b.outputPerTurn, b.cacheHitRate, b.baseContext]
        // Drawn block by block so memory stays flat; the first block is kept for the grid.
        let block = Self.shapeSamples
        var raw = [[Double]](repeating: [Double](repeating: 0, count: block), count: 5)
        func accumulate(
            _ raw: [[Double]], _ count: Int, turnsScale: Double, tokensScale: Double, shift: Double,
            into s1: inout CompensatedSum, _ s2: inout CompensatedSum
        ) {
            Self.priceAttempts(
                model, raw, count, turnsScale: turnsScale, tokensScale: tokensScale, shift: shift, into: &s1, &s2)
        }
        func moments(_ raw: [[Double]], turnsScale: Double, tokensScale: Double, shift: Double) -> (Double, Double) {
            var s1 = CompensatedSum(), s2 = CompensatedSum()
            accumulate(raw, block, turnsScale: turnsScale, tokensScale: tokensScale, shift: shift, into: &s1, &s2)
            return (s1.value / Double(block), s2.value / Double(block))
        }
        var first = raw
        var level1 = CompensatedSum(), level2 = CompensatedSum()
        // The kernel's draw stage: the laws' own fills (in this order: turns, fresh, output,
        // cache hit, base), or, when the behaviour has a copula, normals times its Cholesky
        // factor mapped through the marginals, so that the moments are those of the threads the
        // exact path draws (so too with h given the turns). Without either the numbers are the
        // fills' as before.
        let workspace = b.dependence == nil && b.cacheHitGivenTurns == nil ? nil : KernelWorkspace()
        for k in 0..<(Self.levelSamples / block) {
            if let ws = workspace {
                // In the kernel's batches (the block is four of them).
                let n = KernelWorkspace.batchSize
                for start in stride(from: 0, to: block, by: n) {
                    AttemptDraws.fill(
                        b, count: n, rng: &rng, turns: ws.turns, fresh: ws.fresh, output: ws.output, hitRate: ws.hitRate,
                        base: ws.base, scores: ws.scores)
                    for (d, column) in [ws.turns, ws.fresh, ws.output, ws.hitRate, ws.base].enumerated() {
                        for i in 0..<n { raw[d][start + i] = column[i] }
                    }
                }
            } else {
                for (d, law) in laws.enumerated() { raw[d].withUnsafeMutableBufferPointer { law.fill($0, using: &rng) } }
            }
            if k == 0 { first = raw }
            accumulate(raw, block, turnsScale: 1, tokensScale: 1, shift: 0, into: &level1, &level2)
        }
        mean = level1.value / Double(Self.levelSamples)
        meanSquare = level2.value / Double(Self.levelSamples)
        let raw0 = first

        var active: [Int] = []
        if u.turnsCV > 0 { active.append(0) }
        if u.tokensCV > 0 { active.append(1) }
        if u.cacheHitLogitSD > 0 { active.append(2) }
        dims = active
        let uniform = active.count <= 2 ? 9 : 5
        nodes = active.map { d in
            // Turns get a fine axis: rounding the scaled turns up makes the mean a staircase in
            // the scale (steps where k x scale crosses a whole number, largest for short
            // threads), which a coarse axis would smear by a per cent or two locally.
            let count = d == 0 ? 33 : uniform
            var z = (0..<count).map { -Self.zRange + 2 * Self.zRange * Double($0) / Double(count - 1) }
            if d == 0 {
                // The kernel rounds the scaled turns up, so every thread gains a turn as soon as
                // the scale passes 1: the mean jumps there. Nodes on both sides of the jump keep
                // the interpolation from smearing it (it would bias the mean by about -0.5 %).
                let jump = log1p(u.turnsCV * u.turnsCV).squareRoot() / 2
                z += [jump - 1e-9, jump + 1e-9]
                z.sort()
            }
            return z
        }
        guard !active.isEmpty else {
            logRatioMean = [0]
            logRatioSquare = [0]
            return
        }
        let (base1, base2) = moments(raw0, turnsScale: 1, tokensScale: 1, shift: 0)
        let points = nodes.reduce(1) { $0 * $1.count }
        var r1 = [Double](repeating: 0, count: points), r2 = r1
        var zAll = [Double](repeating: 0, count: 5)
        for p in 0..<points {
            var rest = p
            for (k, d) in active.enumerated() {
                zAll[d] = nodes[k][rest % nodes[k].count]
                rest /= nodes[k].count
            }
            let t = zAll.withUnsafeBufferPointer { u.trialBehaviour(b, z: $0) }
            let (a1, a2) = moments(raw0, turnsScale: t.turnsScale, tokensScale: t.tokensScale, shift: t.cacheHitLogitShift)
            r1[p] = log(max(a1, .leastNormalMagnitude) / max(base1, .leastNormalMagnitude))
            r2[p] = log(max(a2, .leastNormalMagnitude) / max(base2, .leastNormalMagnitude))
        }
        logRatioMean = r1
        logRatioSquare = r2
    }

    /// Adds the cost and the squared cost of the attempts `raw[.][0..<count]` (turns, fresh,
    /// output, cache hit, base; ``BehaviourDraw``'s order) of `model` under the shifts.
    static func priceAttempts(
        _ model: PricedModel, _ raw: [[Double]], _ count: Int, turnsScale: Double, tokensScale: Double, shift: Double,
        into s1: inout CompensatedSum, _ s2: inout CompensatedSum
    ) {
        let price = SIMD8<Double>(model.priceVector)
        let explicit = model.price.caching == .explicit
        for i in 0..<count {
            let turns = max(1, (raw[0][i] * turnsScale).rounded(.up))
            var h = raw[3][i]
            if shift != 0 { h = ThreadKernel.logistic(ThreadKernel.logit(h) + shift) }
            let tokens = AttemptTokens.compute(
                turns: turns, base: raw[4][i] * tokensScale, fresh: raw[1][i] * tokensScale,
                output: raw[2][i] * tokensScale, hitRate: h, tierThreshold: model.tierThreshold,
                window: model.contextWindow, summary: model.behaviour.compactionSummary, explicitCache: explicit)
            let c = (tokens * price).sum()
            s1.add(c)
            s2.add(c * c)
        }
    }

    /// E[C] and E[C^2] of one attempt for a trial whose behaviour normals are `z` (five values:
    /// turns, tokens, cache, one-shot, off-the-rails).
    func attemptMoments(z: UnsafeBufferPointer<Double>) -> (mean: Double, meanSquare: Double) {
        guard !dims.isEmpty else { return (mean, meanSquare) }
        // Multilinear interpolation over the active dimensions' grid cells.
        var lower = [Int](), weight = [Double]()
        for (k, d) in dims.enumerated() {
            let grid = nodes[k]
            let x = min(max(z[d], grid[0]), grid[grid.count - 1])
            var i = 0
            while i < grid.count - 2 && x > grid[i + 1] { i += 1 }
            lower.append(i)
            weight.append((x - grid[i]) / (grid[i + 1] - grid[i]))
        }
        var l1 = 0.0, l2 = 0.0
        for corner in 0..<(1 << dims.count) {
            var index = 0, stride = 1, w = 1.0
            for k in 0..<dims.count {
                let up = (corner >> k) & 1
                index += (lower[k] + up) * stride
                stride *= nodes[k].count
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
    static func threadMoments(attemptMean mu: Double, attemptMeanSquare m2: Double, trial: TrialBehaviour, maxAttempts: Int)
        -> AttemptCounts
    {
        let ps = AttemptOutcome.successProbability(offTheRails: trial.offTheRailsRate, oneShot: trial.oneShotRate)
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
