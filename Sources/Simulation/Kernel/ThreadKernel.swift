import Distributions
import Foundation
import LinearAlgebra
import NumericalMethods
import Pricing

/// The vectorised Monte Carlo kernel: simulates threads of one model in batches.
///
/// Each batch draws every per-attempt quantity for all still-running threads at once (one
/// `fill` per law), prices every attempt with the closed forms of ``AttemptTokens``, decides
/// outcomes, and keeps only the threads that go on to another attempt. Nothing is allocated
/// per thread; the per-thread arrays live in a ``KernelWorkspace`` and are reused.
public enum ThreadKernel {
    /// Per-thread results of one batch, for callers that need more than sums (plan windows,
    /// thread-cost quantiles, fit checks). Valid only during the callback.
    public struct BatchView {
        public let cost: UnsafeBufferPointer<Double>
        public let waste: UnsafeBufferPointer<Double>
        public let attempts: UnsafeBufferPointer<Double>
        public let completed: UnsafeBufferPointer<Double>
    }

    /// Simulates `count` threads of `model` and adds their sums to `totals`.
    ///
    /// - Parameters:
    ///   - model: the priced model.
    ///   - trial: this trial's shared shifts of the behaviour.
    ///   - count: threads to simulate.
    ///   - rng: the stream to draw from; the numbers drawn depend only on it and `count`.
    ///   - workspace: the calling worker's scratch buffers.
    ///   - totals: sums to add to.
    ///   - mode: how attempts are priced (same result either way, up to rounding).
    ///   - perBatch: called after each batch with the per-thread results.
    /// - Complexity: O(count * expected attempts).
    public static func simulate(
        _ model: PricedModel, trial: TrialBehaviour, count: Int, rng: inout RandomStream,
        workspace ws: KernelWorkspace, totals: inout ThreadTotals, mode: PricingMode = .fused,
        perBatch: ((BatchView) -> Void)? = nil
    ) {
        var remaining = count
        while remaining > 0 {
            let n = min(remaining, KernelWorkspace.batchSize)
            simulateBatch(model, trial: trial, count: n, rng: &rng, ws: ws, totals: &totals, mode: mode)
            if let perBatch {
                perBatch(
                    BatchView(
                        cost: UnsafeBufferPointer(rebasing: ws.cost[0..<n]),
                        waste: UnsafeBufferPointer(rebasing: ws.waste[0..<n]),
                        attempts: UnsafeBufferPointer(rebasing: ws.attempts[0..<n]),
                        completed: UnsafeBufferPointer(rebasing: ws.completed[0..<n])))
            }
            remaining -= n
        }
    }

    private static func simulateBatch(
        _ model: PricedModel, trial: TrialBehaviour, count n: Int, rng: inout RandomStream,
        ws: KernelWorkspace, totals: inout ThreadTotals, mode: PricingMode
    ) {
        let b = model.behaviour
        let price = SIMD8<Double>(model.priceVector)
        let tier = model.tierThreshold
        let window = model.contextWindow
        let summary = b.compactionSummary
        let explicit = model.explicitCache
        let q = trial.offTheRailsRate
        let successCut = AttemptOutcome.successCut(offTheRails: q, oneShot: trial.oneShotRate)
        let turnsScale = trial.turnsScale, tokensScale = trial.tokensScale
        let shift = trial.cacheHitLogitShift
        let maxAttempts = max(1, b.maxAttempts)
        // Counts from a discrete law are whole already; rounding them up again is wasted work.
        let roundTurns = !(b.turns.isDiscrete && turnsScale == 1)

        for i in 0..<n {
            ws.active[i] = Int32(i)
            ws.cost[i] = 0
            ws.waste[i] = 0
            ws.attempts[i] = 0
            ws.completed[i] = 0
        }
        var active = n
        var tokenSum = SIMD8<Double>()
        var turnSum = 0.0
        // Token sums of the common-case attempts (see the loop), folded into `tokenSum` at the end.
        var readSum = 0.0, missSum = 0.0, outputSum = 0.0
        let readPrice = price[TokenClass.cacheRead.rawValue]
        let missPrice = explicit ? price[TokenClass.cacheWrite.rawValue] : price[TokenClass.input.rawValue]
        let outputPrice = price[TokenClass.output.rawValue]
        var attemptCount = 0, offRails = 0, completed = 0

        for attempt in 1...maxAttempts where active > 0 {
            let last = attempt == maxAttempts
            AttemptDraws.fill(
                b, count: active, rng: &rng, turns: ws.turns, fresh: ws.fresh, output: ws.output, hitRate: ws.hitRate,
                base: ws.base, scores: ws.scores, correlated: ws.correlated)
            var local = rng
            for j in 0..<active { ws.uniform[j] = local.uniform() }
            rng = local
            attemptCount += active

            // Token vectors of this round, priced and settled in the same pass (fused), or
            // written as a matrix, priced by one GEMV and settled after (BLAS).
            var kept = 0
            for j in 0..<active {
                let drawn = ws.turns[j] * turnsScale
                let turns = max(1, roundTurns ? ceilPositive(drawn) : drawn)
                var h = ws.hitRate[j]
                if shift != 0 { h = logistic(logit(h) + shift) }
                let base = ws.base[j] * tokensScale, fresh = ws.fresh[j] * tokensScale, output = ws.output[j] * tokensScale
                turnSum += turns
                // Most attempts cross neither tier nor window: price their three token counts
                // directly instead of going through the eight-class vector.
                if mode == .fused,
                    let f = AttemptTokens.belowTierAndWindow(
                        turns: turns, base: base, fresh: fresh, output: output, hitRate: h, tierThreshold: tier, window: window)
                {
                    readSum += f.read
                    missSum += f.miss
                    outputSum += f.output
                    settle(
                        j, cost: f.read * readPrice + f.miss * missPrice + f.output * outputPrice, q: q, successCut: successCut,
                        last: last, ws: ws, kept: &kept, offRails: &offRails, completed: &completed)
                    continue
                }
                let tokens = AttemptTokens.compute(
                    turns: turns, base: base, fresh: fresh, output: output, hitRate: h, tierThreshold: tier,
                    window: window, summary: summary, explicitCache: explicit)
                tokenSum += tokens
                if mode == .fused {
                    settle(
                        j, cost: dot(tokens, price), q: q, successCut: successCut, last: last, ws: ws, kept: &kept,
                        offRails: &offRails, completed: &completed)
                } else {
                    let row = ws.tokenRows.baseAddress! + j * 8
                    for c in 0..<8 { row[c] = tokens[c] }
                }
            }
            if mode == .blas {
                model.priceVector.withUnsafeBufferPointer { p in
                    BLAS.gemv(m: active, n: 8, a: ws.tokenRows.baseAddress!, x: p.baseAddress!, y: ws.attemptCost.baseAddress!)
                }
                for j in 0..<active {
                    settle(
                        j, cost: ws.attemptCost[j], q: q, successCut: successCut, last: last, ws: ws, kept: &kept,
                        offRails: &offRails, completed: &completed)
                }
            }
            active = kept
        }

        tokenSum[TokenClass.cacheRead.rawValue] += readSum
        tokenSum[(explicit ? TokenClass.cacheWrite : TokenClass.input).rawValue] += missSum
        tokenSum[TokenClass.output.rawValue] += outputSum

        var cost = CompensatedSum(), waste = CompensatedSum()
        for i in 0..<n {
            cost.add(ws.cost[i])
            waste.add(ws.waste[i])
        }
        totals.threads += n
        totals.attempts += attemptCount
        totals.completed += completed
        totals.offTheRailsAttempts += offRails
        totals.cost.add(cost)
        totals.waste.add(waste)
        totals.tokens += tokenSum
        totals.turns += turnSum
    }

    /// Books the outcome of running slot `j`'s attempt: one uniform decides off the rails (q),
    /// success ((1-q)p) or plain failure; threads that go on are compacted to the front of
    /// `active` (`kept <= j`, so the slot read is never one already overwritten).
    @inline(__always)
    static func settle(
        _ j: Int, cost c: Double, q: Double, successCut: Double, last: Bool, ws: KernelWorkspace,
        kept: inout Int, offRails: inout Int, completed: inout Int
    ) {
        let i = Int(ws.active[j])
        ws.cost[i] += c
        ws.attempts[i] += 1
        let u = ws.uniform[j]
        if u < q {
            ws.waste[i] += c
            offRails += 1
        } else if u < successCut {
            ws.completed[i] = 1
            completed += 1
            return
        }
        if !last {
            ws.active[kept] = Int32(i)
            kept += 1
        }
    }

    /// Dot product of a token vector with a price vector, as two 4-wide halves.
    @inline(__always)
    static func dot(_ a: SIMD8<Double>, _ b: SIMD8<Double>) -> Double {
        let m = a * b
        let q = m.lowHalf + m.highHalf
        return (q[0] + q[1]) + (q[2] + q[3])
    }

    /// `ceil` without a libm call for the values turns take; huge or non-finite ones fall back.
    @inline(__always)
    static func ceilPositive(_ x: Double) -> Double {
        guard x < 4.5e15, x > -4.5e15 else { return x.rounded(.up) }
        let t = Double(Int64(x))
        return t < x ? t + 1 : t
    }

    @inline(__always)
    static func logit(_ p: Double) -> Double {
        let c = min(max(p, 1e-12), 1 - 1e-12)
        return log(c / (1 - c))
    }

    @inline(__always)
    static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
