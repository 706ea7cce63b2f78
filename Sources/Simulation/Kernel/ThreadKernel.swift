import Distributions
import Foundation
import LinearAlgebra
import NumericalMethods
import Pricing

/// The vectorised Monte Carlo kernel: simulates threads of one model in batches.
///
/// Each batch draws every per-attempt quantity for all still-running threads at once (one
/// `fill` per law, ``AttemptDraws``), then makes three passes over the round's slots: a
/// pricing pass (the common-case closed forms of ``AttemptTokens``, branch-free, vectorised),
/// a sum pass in slot order (token and turn sums, whose rounding depends on the order; attempts
/// that cross a tier or window are priced there by the general closed forms) and a settle pass
/// that draws each slot's outcome uniform, books cost and outcome without a branch on success,
/// and keeps only the threads that go on to another attempt. Nothing is allocated per thread;
/// the per-thread arrays live in a ``KernelWorkspace`` and are reused. The numbers are the
/// ones the earlier single fused loop gave, bit for bit: the same draws in the same order and
/// the same operations on each value.
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
        // The buffers' addresses once per batch: the passes below index raw pointers, with no
        // reference to the workspace (and no retain or bounds check) inside a loop.
        guard let turnsP = ws.turns.baseAddress, let freshP = ws.fresh.baseAddress, let outputP = ws.output.baseAddress,
            let hitP = ws.hitRate.baseAddress, let baseP = ws.base.baseAddress, let costP = ws.cost.baseAddress,
            let wasteP = ws.waste.baseAddress, let attemptsP = ws.attempts.baseAddress,
            let completedP = ws.completed.baseAddress, let activeP = ws.active.baseAddress,
            let slotCostP = ws.attemptCost.baseAddress, let readsP = ws.reads.baseAddress,
            let missesP = ws.misses.baseAddress, let outputsP = ws.outputs.baseAddress,
            let lastContextP = ws.lastContext.baseAddress, let rowsP = ws.tokenRows.baseAddress, n > 0
        else { return }

        // No initialising pass: the first round writes every thread's cost, waste, attempts
        // and the running list (see ``Settlement``).
        var active = n
        var tokenSum = SIMD8<Double>()
        var turnSum = 0.0
        // Token sums of the common-case attempts (see the pricing pass), folded into `tokenSum`
        // at the end.
        var readSum = 0.0, missSum = 0.0, outputSum = 0.0
        let readPrice = price[TokenClass.cacheRead.rawValue]
        let missPrice = explicit ? price[TokenClass.cacheWrite.rawValue] : price[TokenClass.input.rawValue]
        let outputPrice = price[TokenClass.output.rawValue]
        var attemptCount = 0, offRails = 0, completed = 0

        // Pricing pass of a round: every slot priced by the common-case closed forms,
        // branch-free, so it vectorises; the counts are kept for the ordered sums, and the
        // slots that cross the tier or the window are counted (an integer sum: any order is
        // exact). `scaled` is passed as a literal, so each case compiles to its own loop.
        @inline(__always)
        func pricingPass(count: Int, scaled: Bool) -> Int {
            var crossing = 0
            for j in 0..<count {
                let drawn = scaled ? turnsP[j] * turnsScale : turnsP[j]
                let turns = max(1, roundTurns ? roundUp(drawn) : drawn)
                let f = AttemptTokens.belowTierAndWindowUnchecked(
                    turns: turns, base: scaled ? baseP[j] * tokensScale : baseP[j],
                    fresh: scaled ? freshP[j] * tokensScale : freshP[j],
                    output: scaled ? outputP[j] * tokensScale : outputP[j], hitRate: hitP[j])
                turnsP[j] = turns
                readsP[j] = f.read
                missesP[j] = f.miss
                outputsP[j] = f.output
                lastContextP[j] = f.lastContext
                slotCostP[j] = f.read * readPrice + f.miss * missPrice + f.output * outputPrice
                // Two tests without a short circuit, so the loop stays branch-free.
                crossing &+= (f.lastContext <= tier ? 0 : 1) | (f.lastContext <= window ? 0 : 1)
            }
            return crossing
        }

        for attempt in 1...maxAttempts where active > 0 {
            let last = attempt == maxAttempts
            AttemptDraws.fill(
                b, count: active, rng: &rng, turns: ws.turns, fresh: ws.fresh, output: ws.output, hitRate: ws.hitRate,
                base: ws.base, scores: ws.scores)
            attemptCount += active
            if shift != 0 {
                for j in 0..<active { hitP[j] = logistic(logit(hitP[j]) + shift) }
            }

            switch mode {
            case .fused:
                // Multiplying by a scale of 1 changes no value, so unscaled trials skip it.
                let scaled = turnsScale != 1 || tokensScale != 1
                let crossing = scaled ? pricingPass(count: active, scaled: true) : pricingPass(count: active, scaled: false)
                // Sum pass, in slot order (the sums' rounding depends on it). Most attempts
                // cross neither tier nor window and are summed as three token counts; the
                // others go through the eight-class vector and are priced again.
                if crossing == 0 {
                    for j in 0..<active {
                        turnSum += turnsP[j]
                        readSum += readsP[j]
                        missSum += missesP[j]
                        outputSum += outputsP[j]
                    }
                } else {
                    for j in 0..<active {
                        turnSum += turnsP[j]
                        let context = lastContextP[j]
                        if context <= tier && context <= window {
                            readSum += readsP[j]
                            missSum += missesP[j]
                            outputSum += outputsP[j]
                        } else {
                            let tokens = AttemptTokens.compute(
                                turns: turnsP[j], base: baseP[j] * tokensScale, fresh: freshP[j] * tokensScale,
                                output: outputP[j] * tokensScale, hitRate: hitP[j], tierThreshold: tier, window: window,
                                summary: summary, explicitCache: explicit)
                            tokenSum += tokens
                            slotCostP[j] = dot(tokens, price)
                        }
                    }
                }
            case .blas:
                // Token rows written as a matrix and priced by one GEMV.
                for j in 0..<active {
                    let drawn = turnsP[j] * turnsScale
                    let turns = max(1, roundTurns ? roundUp(drawn) : drawn)
                    turnSum += turns
                    let tokens = AttemptTokens.compute(
                        turns: turns, base: baseP[j] * tokensScale, fresh: freshP[j] * tokensScale,
                        output: outputP[j] * tokensScale, hitRate: hitP[j], tierThreshold: tier, window: window,
                        summary: summary, explicitCache: explicit)
                    tokenSum += tokens
                    let row = rowsP + j * 8
                    for c in 0..<8 { row[c] = tokens[c] }
                }
                model.priceVector.withUnsafeBufferPointer { p in
                    if let x = p.baseAddress { BLAS.gemv(m: active, n: 8, a: rowsP, x: x, y: slotCostP) }
                }
            }

            let booked = Settlement(
                active: activeP, slotCost: slotCostP, cost: costP, waste: wasteP, attempts: attemptsP, completed: completedP,
                q: q, successCut: successCut, attempt: attempt)
            // Each combination of first and last round compiles to its own loop.
            let outcome: (offRails: Int, completed: Int, kept: Int)
            switch (attempt == 1, last) {
            case (true, true): outcome = booked.run(count: active, first: true, last: true, rng: &rng)
            case (true, false): outcome = booked.run(count: active, first: true, last: false, rng: &rng)
            case (false, true): outcome = booked.run(count: active, first: false, last: true, rng: &rng)
            case (false, false): outcome = booked.run(count: active, first: false, last: false, rng: &rng)
            }
            offRails += outcome.offRails
            completed += outcome.completed
            active = outcome.kept
        }

        // A thread that stopped before the last round stopped because it completed; the last
        // round wrote its own threads' outcomes.
        let allAttempts = Double(maxAttempts)
        for i in 0..<n { completedP[i] = attemptsP[i] < allAttempts ? 1 : completedP[i] }

        tokenSum[TokenClass.cacheRead.rawValue] += readSum
        tokenSum[(explicit ? TokenClass.cacheWrite : TokenClass.input).rawValue] += missSum
        tokenSum[TokenClass.output.rawValue] += outputSum

        var cost = CompensatedSum(), waste = CompensatedSum()
        for i in 0..<n {
            cost.add(costP[i])
            waste.add(wasteP[i])
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

    /// The settle pass of one attempt round: books each slot's attempt and draws its outcome
    /// uniform, in slot order after all of the round's other draws. One uniform decides off the
    /// rails (q), success ((1-q)p) or plain failure; threads that go on are compacted to the
    /// front of `active` (`kept <= j`, so the slot read is never one already overwritten).
    struct Settlement {
        let active: UnsafeMutablePointer<Int32>
        let slotCost: UnsafeMutablePointer<Double>
        let cost: UnsafeMutablePointer<Double>
        let waste: UnsafeMutablePointer<Double>
        let attempts: UnsafeMutablePointer<Double>
        let completed: UnsafeMutablePointer<Double>
        let q: Double
        let successCut: Double
        /// 1-based round number: a running thread has made `attempt - 1` attempts before it.
        let attempt: Int

        /// Books `count` slots; `first` and `last` are passed as literals so that each case
        /// compiles to its own loop. The first round runs every thread of the batch in order
        /// (slot j is thread j) and starts each thread's sums from 0. Outcomes are written in the
        /// last round only: a thread that stops earlier has completed (the batch's last step).
        /// Returns the off-the-rails and completed attempts and how many threads go on.
        @inline(__always)
        func run(count: Int, first: Bool, last: Bool, rng: inout RandomStream) -> (offRails: Int, completed: Int, kept: Int) {
            // Success is u in [q, successCut): with the cut at least q (it is q + (1-q)p), that
            // is (u < cut) minus (u < q). Both tests are made on the uniform's integer (see
            // `RandomStream.uniformThreshold`) as the sign of a difference, so the loop has no
            // branch on them: success is a coin toss a branch predictor cannot learn. A cut that
            // is not a number admits no success, as the two tests in a row did.
            let railsBelow = RandomStream.uniformThreshold(q)
            let cutBelow = RandomStream.uniformThreshold(successCut >= q ? successCut : q)
            let attempts = Double(attempt)
            var local = rng
            var kept = 0, offRails = 0, completedCount = 0
            for j in 0..<count {
                let i = first ? j : Int(active[j])
                let c = slotCost[j]
                if first {
                    // As the running sums started at 0 and added this attempt.
                    cost[i] = 0 + c
                    waste[i] = 0
                } else {
                    cost[i] += c
                }
                // The running count plus one, written rather than added.
                self.attempts[i] = attempts
                // Both values are below 2^54: the difference wraps to a set top bit exactly when
                // the draw is below the threshold.
                let k = local.uniformBits()
                let rails = Int(truncatingIfNeeded: (k &- railsBelow) >> 63)
                let success = Int(truncatingIfNeeded: (k &- cutBelow) >> 63) &- rails
                if rails != 0 { waste[i] += c }
                offRails &+= rails
                completedCount &+= success
                if last {
                    completed[i] = Double(success)
                } else {
                    active[kept] = Int32(truncatingIfNeeded: i)
                    kept &+= 1 &- success
                }
            }
            rng = local
            return (offRails, completedCount, kept)
        }
    }

    /// Dot product of a token vector with a price vector, as two 4-wide halves.
    @inline(__always)
    static func dot(_ a: SIMD8<Double>, _ b: SIMD8<Double>) -> Double {
        let m = a * b
        let q = m.lowHalf + m.highHalf
        return (q[0] + q[1]) + (q[2] + q[3])
    }

    /// `ceil` without a libm call for the values turns take. Where the Makefile enables the
    /// rounding instruction it is used (it vectorises); otherwise a conversion through an
    /// integer, with huge or non-finite values falling back to `rounded(.up)`. The two differ
    /// only in the sign of a zero result (-0.5 gives 0 or -0), which `max(1, _)` erases.
    @inline(__always)
    static func roundUp(_ x: Double) -> Double {
        #if TOKENCAST_ROUND_INSTRUCTION
        return x.rounded(.up)
        #else
        guard x < 4.5e15, x > -4.5e15 else { return x.rounded(.up) }
        let t = Double(Int64(x))
        return t < x ? t + 1 : t
        #endif
    }

    @inline(__always)
    static func logit(_ p: Double) -> Double {
        let c = min(max(p, 1e-12), 1 - 1e-12)
        return log(c / (1 - c))
    }

    @inline(__always)
    static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
