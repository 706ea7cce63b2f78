import Distributions
import Pricing
import PropertyBased
import Simulation
import TestSupport
import Testing

/// Properties of the cost arithmetic over seeded random inputs: `AttemptTokens.compute` (one
/// attempt's token vector) and `ThreadKernel` (whole threads).
@Suite struct KernelPropertyTests {
    /// One attempt's inputs, in the ranges a scenario can produce (window and tier sometimes
    /// absent, sometimes small enough to force compaction and tier splits).
    struct Attempt: CustomStringConvertible {
        var turns, base, fresh, output, hitRate, tier, window, summary: Double
        var explicit: Bool

        func tokens(turns t: Double? = nil) -> SIMD8<Double> {
            AttemptTokens.compute(
                turns: t ?? turns, base: base, fresh: fresh, output: output, hitRate: hitRate,
                tierThreshold: tier, window: window, summary: summary, explicitCache: explicit)
        }

        var description: String {
            "T=\(turns) s=\(base) u=\(fresh) o=\(output) h=\(hitRate) tier=\(tier) W=\(window) S=\(summary) explicit=\(explicit)"
        }
    }

    static let attempts = zip(
        Gen.int(in: 1...10_000), Gen.double(in: 0...200_000), Gen.double(in: 0...20_000), Gen.double(in: 0...8_000),
        Gen.double(in: 0...1), Gen.int(in: 0...2), Gen.int(in: 0...2), Gen.bool
    ).map { t, s, u, o, h, tierKind, windowKind, explicit in
        let window: Double = [.infinity, 200_000, 1_000_000][windowKind]
        let tier: Double = [.infinity, 200_000, 32_000][tierKind]
        return Attempt(
            turns: Double(t), base: window.isFinite ? min(s, window / 2) : s, fresh: u, output: o, hitRate: h,
            tier: tier, window: window, summary: min(20_000, window / 4), explicit: explicit)
    }

    /// Price vectors with tier prices at least the base ones (as every real tier is).
    static let prices = Gen.double(in: 0...1e-4).array(of: 4).map { base -> SIMD8<Double> in
        SIMD8(base[0], base[1], base[2], base[3], base[0] * 2, base[1] * 2, base[2] * 2, base[3] * 1.5)
    }

    static func cost(_ tokens: SIMD8<Double>, _ price: SIMD8<Double>) -> Double { (tokens * price).sum() }

    @Test func tokensAreFiniteAndNonNegative() {
        seededPropertyCheck(count: 2_000, seed: 11, input: Self.attempts) { a in
            let t = a.tokens()
            for c in 0..<8 { #expect(t[c].isFinite && t[c] >= 0, "\(a): class \(c) = \(t[c])") }
        }
    }

    @Test func outputIsTurnsTimesOutputPerTurnBeforeCompaction() {
        seededPropertyCheck(count: 1_000, seed: 12, input: Self.attempts) { a in
            guard !a.window.isFinite else { return }
            let t = a.tokens()
            let out = t[TokenClass.output.rawValue] + t[4 + TokenClass.output.rawValue]
            #expect(abs(out - a.output * a.turns) <= 1e-9 * max(1, out), "\(a): output \(out)")
        }
    }

    @Test func costIsMonotoneInTurns() {
        seededPropertyCheck(count: 1_000, seed: 13, input: zip(Self.attempts, Self.prices)) { a, price in
            let shorter = Self.cost(a.tokens(), price), longer = Self.cost(a.tokens(turns: a.turns + 1), price)
            #expect(longer >= shorter * (1 - 1e-12), "\(a): \(a.turns) turns cost \(shorter), one more \(longer)")
        }
    }

    @Test func costIsMonotoneInPrices() {
        seededPropertyCheck(count: 1_000, seed: 14, input: zip(Self.attempts, Self.prices, Self.prices)) { a, p, extra in
            let t = a.tokens()
            #expect(Self.cost(t, p + extra) >= Self.cost(t, p), "\(a)")
        }
    }

    @Test func costIsLinearInPrices() {
        seededPropertyCheck(count: 1_000, seed: 15, input: zip(Self.attempts, Self.prices, Self.prices, Gen.double(in: 0...100)))
        { a, p, q, k in
            let t = a.tokens()
            let combined = Self.cost(t, k * p + q), separate = k * Self.cost(t, p) + Self.cost(t, q)
            #expect(abs(combined - separate) <= 1e-12 * max(1, abs(separate)), "\(a)")
        }
    }

    // MARK: - Whole threads

    static func model(turnsMedian: Double, scale: Double, oneShot: Double = 0.6, maxAttempts: Int = 3) throws -> PricedModel {
        let base = try PriceCatalog.builtIn.price(of: "claude-sonnet-4-5")
        var price = base
        price.input *= scale
        price.output *= scale
        price.cacheRead *= scale
        price.cacheWrite5m *= scale
        price.cacheWrite1h *= scale
        price.tiers = base.tiers.map {
            PriceTier(
                threshold: $0.threshold, input: $0.input * scale, output: $0.output * scale, cacheRead: $0.cacheRead * scale,
                cacheWrite: $0.cacheWrite * scale)
        }
        let behaviour = ThreadBehaviour(
            turns: try DiscretisedLognormal(median: turnsMedian, p90: turnsMedian * 4),
            freshInputPerTurn: try Lognormal(median: 1_500, p90: 6_000),
            outputPerTurn: try Lognormal(median: 400, p90: 1_500),
            cacheHitRate: try Beta(mean: 0.88, sd: 0.06),
            baseContext: try Constant(value: 16_000),
            oneShotRate: oneShot, offTheRailsRate: 0.03, maxAttempts: maxAttempts, contextWindow: 200_000)
        return PricedModel(name: "m", price: price, behaviour: behaviour)
    }

    static func simulate(_ model: PricedModel, threads: Int, seed: UInt64, mode: PricingMode = .fused) -> ThreadTotals {
        var rng = RandomStream(seed: seed)
        var totals = ThreadTotals()
        ThreadKernel.simulate(
            model, trial: .nominal(model.behaviour), count: threads, rng: &rng, workspace: KernelWorkspace(), totals: &totals,
            mode: mode)
        return totals
    }

    @Test func threadCostIsNonNegativeFiniteAndLinearInPrices() throws {
        seededPropertyCheck(count: 20, seed: 16, input: zip(Gen.double(in: 1...200), Gen.double(in: 0...50), Gen.uint64())) {
            median, scale, seed in
            guard let one = try? Self.model(turnsMedian: median, scale: 1),
                let scaled = try? Self.model(turnsMedian: median, scale: scale)
            else {
                Issue.record("model refused: median \(median)")
                return
            }
            let a = Self.simulate(one, threads: 3_000, seed: seed), b = Self.simulate(scaled, threads: 3_000, seed: seed)
            #expect(a.cost.value.isFinite && a.cost.value > 0 && a.waste.value >= 0 && a.waste.value <= a.cost.value)
            #expect(a.attempts == b.attempts && a.tokens == b.tokens, "prices must not change the draws")
            #expect(
                abs(b.cost.value - scale * a.cost.value) <= 1e-9 * max(1, scale * a.cost.value), "median \(median) scale \(scale)"
            )
        }
    }

    @Test func threadCostIsMonotoneInTurns() throws {
        // The same seed with a longer turns law: every thread's attempt sequence and token draws
        // are the same except for the turn counts, which are never smaller.
        seededPropertyCheck(count: 20, seed: 17, input: zip(Gen.double(in: 1...100), Gen.double(in: 1...5), Gen.uint64())) {
            median, factor, seed in
            guard let short = try? Self.model(turnsMedian: median, scale: 1),
                let long = try? Self.model(turnsMedian: median * factor, scale: 1)
            else {
                Issue.record("model refused: median \(median)")
                return
            }
            let a = Self.simulate(short, threads: 2_048, seed: seed), b = Self.simulate(long, threads: 2_048, seed: seed)
            #expect(a.attempts == b.attempts)
            #expect(b.cost.value >= a.cost.value, "median \(median) x\(factor): \(a.cost.value) -> \(b.cost.value)")
        }
    }

    @Test func fusedAndBLASPricingAgree() {
        seededPropertyCheck(count: 10, seed: 18, input: zip(Gen.double(in: 1...200), Gen.uint64())) { median, seed in
            guard let m = try? Self.model(turnsMedian: median, scale: 1) else { return }
            let a = Self.simulate(m, threads: 5_000, seed: seed, mode: .fused),
                b = Self.simulate(m, threads: 5_000, seed: seed, mode: .blas)
            #expect(abs(a.cost.value - b.cost.value) <= 1e-9 * a.cost.value)
        }
    }
}
