import Distributions
import Foundation
import Simulation
import TestSupport
import Testing

@Suite struct HitRateGivenTurnsTests {
    static func law() throws -> HitRateGivenTurns {
        try HitRateGivenTurns(location: 3.5, slope: 0.2, referenceTurns: 27, varianceBetween: 0.1, variancePerTurn: 20)
    }

    static func behaviour(_ given: HitRateGivenTurns?, rho: Double = 0) throws -> ThreadBehaviour {
        var b = ThreadBehaviour(
            turns: try NegativeBinomial(r: 2.4, p: 0.074), freshInputPerTurn: try Lognormal(mu: 5, sigma: 0.8),
            outputPerTurn: try Lognormal(mu: 4.4, sigma: 0.25), cacheHitRate: try Beta(alpha: 13, beta: 0.5),
            baseContext: try Gamma(shape: 50, scale: 130), oneShotRate: 1, offTheRailsRate: 0, maxAttempts: 1)
        b.cacheHitGivenTurns = given
        if rho != 0 {
            b.setDependence(
                try DrawDependence(pairs: [(.turns, .cacheHitRate, rho), (.freshInputPerTurn, .cacheHitRate, -rho)]))
        }
        return b
    }

    /// Golden values of the closed form (from Python's math module).
    @Test func closedFormGoldenValues() throws {
        let l = try Self.law()
        #expect(abs(l.hitRate(turns: 27, score: 0) - 0.9706877692486436) < 1e-15)
        #expect(abs(l.hitRate(turns: 4, score: 1) - 0.9953968903533148) < 1e-15)
        #expect(abs(l.hitRate(turns: 100, score: -2) - 0.9350159388313892) < 1e-15)
        // Below one turn counts as one.
        #expect(l.hitRate(turns: 0, score: 0.5) == l.hitRate(turns: 1, score: 0.5))
    }

    @Test func parametersAreValidated() {
        func error(_ a: Double, _ b: Double, _ t0: Double, _ vb: Double, _ vw: Double) -> DistributionError? {
            do {
                _ = try HitRateGivenTurns(location: a, slope: b, referenceTurns: t0, varianceBetween: vb, variancePerTurn: vw)
                return nil
            } catch { return error }
        }
        #expect(error(.nan, 0, 27, 0, 1) == .notFinite(parameter: "location", value: .nan))
        #expect(error(3, .infinity, 27, 0, 1) == .notFinite(parameter: "slope", value: .infinity))
        #expect(error(3, 0, 0, 0, 1) == .nonPositive(parameter: "reference_turns", value: 0))
        #expect(error(3, 0, 27, -1, 1) == .negative(parameter: "variance_between", value: -1))
        #expect(error(3, 0, 27, 0, -2) == .negative(parameter: "variance_per_turn", value: -2))
        #expect(error(3, 0, 27, 0, 0) == .nonPositive(parameter: "variance_between + variance_per_turn", value: 0))
        #expect(error(3, 0, 27, 0, 1) == nil)
    }

    /// The standard scores of the kernel's `h` given its `T`, `(logit h - mean(T)) / sd(T)`, are
    /// standard normal (KS against Φ, fixed seeds), with and without a copula; short threads'
    /// logits spread wider than long ones'.
    func sd(_ x: [Double]) -> Double {
        let m = x.reduce(0, +) / Double(x.count)
        return (x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count - 1)).squareRoot()
    }

    /// With h given T the copula leaves the beta's table unbuilt; clearing `cacheHitGivenTurns`
    /// afterwards builds it, and h is the beta again (KS against its CDF), the same numbers as a
    /// behaviour that never had it.
    @Test func clearingHGivenTurnsDrawsTheBetaAgain() throws {
        var b = try Self.behaviour(try Self.law(), rho: 0.4)
        b.cacheHitGivenTurns = nil
        var rng = RandomStream(seed: 23)
        let d = AttemptDraws.sample(b, count: 20_000, rng: &rng)
        let ks = kolmogorovSmirnovStatistic(d.hitRate, cdf: b.cacheHitRate.cdf)
        #expect(ks < kolmogorovSmirnovCritical(d.hitRate.count), "KS \(ks)")
        rng = RandomStream(seed: 23)
        let never = AttemptDraws.sample(try Self.behaviour(nil, rho: 0.4), count: 20_000, rng: &rng)
        #expect(never.hitRate == d.hitRate && never.fresh == d.fresh)
    }

    @Test(arguments: [0.0, 0.4])
    func theKernelDrawsHGivenItsTurns(rho: Double) throws {
        let l = try Self.law()
        var rng = RandomStream(seed: 17)
        let d = AttemptDraws.sample(try Self.behaviour(l, rho: rho), count: 40_000, rng: &rng)
        var scores: [Double] = [], short: [Double] = [], long: [Double] = []
        for (t, h) in zip(d.turns, d.hitRate) {
            let law = l.logitLaw(turns: t)
            let y = log(h / (1 - h))
            scores.append((y - law.mean) / law.sd)
            if t <= 10 { short.append(y) } else if t >= 60 { long.append(y) }
        }
        let ks = kolmogorovSmirnovStatistic(scores) { normalCDF($0) }
        #expect(ks < kolmogorovSmirnovCritical(scores.count), "KS \(ks)")
        #expect(sd(short) > 2 * sd(long))
        if rho != 0 {
            // The copula's score of h is the z of h given T: it keeps its target correlation with T.
            let rs = DrawDependenceTests.spearman(d.turns, scores)
            #expect(abs(rs - DrawDependence.spearman(normalCorrelation: rho)) < 0.05, "Spearman \(rs)")
        }
    }

    /// Without it, `h` is drawn from the law (KS against the beta CDF, fixed seed).
    @Test func withoutItHIsDrawnFromItsLaw() throws {
        var rng = RandomStream(seed: 3)
        let d = AttemptDraws.sample(try Self.behaviour(nil), count: 20_000, rng: &rng)
        let beta = try Beta(alpha: 13, beta: 0.5)
        let ks = kolmogorovSmirnovStatistic(d.hitRate) { beta.cdf($0) }
        #expect(ks < kolmogorovSmirnovCritical(d.hitRate.count), "KS \(ks)")
    }
}
