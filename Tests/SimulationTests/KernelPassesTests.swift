// Tests: AttemptDraws.swift, KernelWorkspace.swift, PricedModel.swift
import Distributions
import Pricing
import Testing

@testable import Simulation

/// The kernel's pricing, sum and settle passes against the kernel written plainly, as one loop
/// per attempt round (its form before the passes): every thread's cost, waste, attempts and
/// outcome, and the token and turn sums, must be the same bits.
@Suite struct KernelPassesTests {
    struct Threads {
        var cost: [UInt64] = [], waste: [UInt64] = [], attempts: [Double] = [], completed: [Double] = []
        var tokens: [UInt64] = [], turns: UInt64 = 0

        /// The first field and thread where `self` and `other` differ, or nil: a short message
        /// instead of two arrays of thousands of values.
        func firstDifference(from other: Threads) -> String? {
            let fields: [(String, [Double], [Double])] = [
                ("cost", cost.map(Double.init(bitPattern:)), other.cost.map(Double.init(bitPattern:))),
                ("waste", waste.map(Double.init(bitPattern:)), other.waste.map(Double.init(bitPattern:))),
                ("attempts", attempts, other.attempts), ("completed", completed, other.completed),
                ("tokens", tokens.map(Double.init(bitPattern:)), other.tokens.map(Double.init(bitPattern:))),
                ("turns", [Double(bitPattern: turns)], [Double(bitPattern: other.turns)]),
            ]
            for (name, a, b) in fields {
                if a.count != b.count { return "\(name): \(a.count) values against \(b.count)" }
                if let i = a.indices.first(where: { a[$0].bitPattern != b[$0].bitPattern }) {
                    return "\(name)[\(i)]: \(a[i]) against \(b[i])"
                }
            }
            return nil
        }
    }

    /// One loop per round, with the draws in the kernel's order: the five laws' fills, then one
    /// outcome uniform per running thread.
    static func plainKernel(_ model: PricedModel, trial: TrialBehaviour, count: Int, seed: UInt64) -> Threads {
        let b = model.behaviour
        let price = SIMD8<Double>(model.priceVector)
        let q = trial.offTheRailsRate
        let successCut = AttemptOutcome.successCut(offTheRails: q, oneShot: trial.oneShotRate)
        let roundTurns = !(b.turns.isDiscrete && trial.turnsScale == 1)
        let explicit = model.explicitCache
        let readPrice = price[TokenClass.cacheRead.rawValue]
        let missPrice = explicit ? price[TokenClass.cacheWrite.rawValue] : price[TokenClass.input.rawValue]
        let outputPrice = price[TokenClass.output.rawValue]
        let ws = KernelWorkspace()
        var rng = RandomStream(seed: seed)
        var out = Threads()
        var tokensTotal = SIMD8<Double>(), turnsTotal = 0.0
        var remaining = count
        while remaining > 0 {
            let n = min(remaining, KernelWorkspace.batchSize)
            var cost = [Double](repeating: 0, count: n), waste = cost, attempts = cost, completed = cost
            var active = Array(0..<n)
            var tokenSum = SIMD8<Double>(), turnSum = 0.0, readSum = 0.0, missSum = 0.0, outputSum = 0.0
            for attempt in 1...max(1, b.maxAttempts) where !active.isEmpty {
                AttemptDraws.fill(
                    b, count: active.count, rng: &rng, turns: ws.turns, fresh: ws.fresh, output: ws.output,
                    hitRate: ws.hitRate, base: ws.base, scores: ws.scores)
                let uniforms = active.map { _ in rng.uniform() }
                var next: [Int] = []
                for (j, i) in active.enumerated() {
                    let drawn = ws.turns[j] * trial.turnsScale
                    let turns = max(1, roundTurns ? drawn.rounded(.up) : drawn)
                    var h = ws.hitRate[j]
                    if trial.cacheHitLogitShift != 0 {
                        h = ThreadKernel.logistic(ThreadKernel.logit(h) + trial.cacheHitLogitShift)
                    }
                    let s = ws.base[j] * trial.tokensScale, u = ws.fresh[j] * trial.tokensScale
                    let o = ws.output[j] * trial.tokensScale
                    turnSum += turns
                    let c: Double
                    if let f = AttemptTokens.belowTierAndWindow(
                        turns: turns, base: s, fresh: u, output: o, hitRate: h, tierThreshold: model.tierThreshold,
                        window: model.contextWindow)
                    {
                        readSum += f.read
                        missSum += f.miss
                        outputSum += f.output
                        c = f.read * readPrice + f.miss * missPrice + f.output * outputPrice
                    } else {
                        let tokens = AttemptTokens.compute(
                            turns: turns, base: s, fresh: u, output: o, hitRate: h, tierThreshold: model.tierThreshold,
                            window: model.contextWindow, summary: b.compactionSummary, explicitCache: explicit)
                        tokenSum += tokens
                        c = ThreadKernel.dot(tokens, price)
                    }
                    cost[i] += c
                    attempts[i] += 1
                    if uniforms[j] < q {
                        waste[i] += c
                    } else if uniforms[j] < successCut {
                        completed[i] = 1
                        continue
                    }
                    if attempt < b.maxAttempts { next.append(i) }
                }
                active = next
            }
            tokenSum[TokenClass.cacheRead.rawValue] += readSum
            tokenSum[(explicit ? TokenClass.cacheWrite : TokenClass.input).rawValue] += missSum
            tokenSum[TokenClass.output.rawValue] += outputSum
            tokensTotal += tokenSum
            turnsTotal += turnSum
            out.cost += cost.map(\.bitPattern)
            out.waste += waste.map(\.bitPattern)
            out.attempts += attempts
            out.completed += completed
            remaining -= n
        }
        out.tokens = (0..<8).map { tokensTotal[$0].bitPattern }
        out.turns = turnsTotal.bitPattern
        return out
    }

    static func kernel(_ model: PricedModel, trial: TrialBehaviour, count: Int, seed: UInt64) -> Threads {
        var rng = RandomStream(seed: seed)
        var totals = ThreadTotals()
        var out = Threads()
        ThreadKernel.simulate(model, trial: trial, count: count, rng: &rng, workspace: KernelWorkspace(), totals: &totals) {
            batch in
            out.cost += batch.cost.map(\.bitPattern)
            out.waste += batch.waste.map(\.bitPattern)
            out.attempts += Array(batch.attempts)
            out.completed += Array(batch.completed)
        }
        out.tokens = (0..<8).map { totals.tokens[$0].bitPattern }
        out.turns = totals.turns.bitPattern
        return out
    }

    /// Heavy tails, a 200k window that compacts and a tier at 120k, so that every path of
    /// `AttemptTokens` is taken beside the common case.
    static func model(dependent: Bool = false) throws -> PricedModel {
        var behaviour = ThreadBehaviour(
            turns: try DiscretisedLognormal(median: 14, p90: 80), freshInputPerTurn: try Lognormal(median: 1_500, p90: 8_000),
            outputPerTurn: try Lognormal(median: 400, p90: 2_000), cacheHitRate: try Beta(mean: 0.85, sd: 0.08),
            baseContext: try Lognormal(median: 16_000, p90: 30_000), oneShotRate: 0.45, offTheRailsRate: 0.05,
            maxAttempts: 4, contextWindow: 200_000)
        if dependent {
            behaviour.setDependence(
                try DrawDependence(pairs: [(.turns, .cacheHitRate, 0.5), (.turns, .freshInputPerTurn, -0.4)]))
        }
        let price = ModelPrice(
            model: "tiered", provider: "test", input: 3e-6, output: 15e-6, cacheRead: 0.3e-6, cacheWrite5m: 3.75e-6,
            cacheWrite1h: 6e-6,
            tiers: [PriceTier(threshold: 120_000, input: 6e-6, output: 22.5e-6, cacheRead: 0.6e-6, cacheWrite: 7.5e-6)],
            caching: .explicit)
        return PricedModel(name: "tiered", price: price, behaviour: behaviour)
    }

    @Test(arguments: [false, true])
    func passesGiveThePlainLoopsNumbers(dependent: Bool) throws {
        let model = try Self.model(dependent: dependent)
        let trial = TrialBehaviour.nominal(model.behaviour)
        // Two full batches and a partial one.
        let n = 2 * KernelWorkspace.batchSize + 777
        let plain = Self.plainKernel(model, trial: trial, count: n, seed: 11)
        #expect(plain.attempts.contains { $0 > 1 }, "some threads retry")
        #expect(plain.attempts.contains(4), "some threads use every attempt")
        #expect(Self.kernel(model, trial: trial, count: n, seed: 11).firstDifference(from: plain) == nil)
    }

    @Test func shiftedTrialGivesThePlainLoopsNumbers() throws {
        let model = try Self.model()
        var trial = TrialBehaviour.nominal(model.behaviour)
        trial.turnsScale = 1.3
        trial.tokensScale = 0.9
        trial.cacheHitLogitShift = 0.4
        let n = KernelWorkspace.batchSize + 100
        let plain = Self.plainKernel(model, trial: trial, count: n, seed: 5)
        #expect(Self.kernel(model, trial: trial, count: n, seed: 5).firstDifference(from: plain) == nil)
    }

    /// The settle pass tests the uniform's integer against a threshold; the two tests agree on
    /// every draw, at rates on both sides of representable boundaries.
    @Test func uniformThresholdMatchesTheComparison() {
        var a = RandomStream(seed: 3), b = a
        let rates = [0, 1e-300, 0x1p-53, 0.024, 0.03, 0.5, 0.6, 0.988, 1 - 0x1p-53, 1, 1.5, -0.1, .nan]
        for p in rates {
            let t = RandomStream.uniformThreshold(p)
            for _ in 0..<2_000 {
                let u = a.uniform()
                let k = b.uniformBits()
                #expect(Double(k) * 0x1p-53 == u)
                #expect((u < p) == (k < t), "p = \(p), k = \(k)")
            }
        }
        // Draws at the boundary itself: k = t - 1 is below, t is not.
        for p in [0.03, 0.6, 0.123456789] {
            let t = RandomStream.uniformThreshold(p)
            #expect(Double(t - 1) * 0x1p-53 < p)
            #expect(!(Double(t) * 0x1p-53 < p))
        }
    }
}
