import Distributions
import Foundation
import LinearAlgebra
import NumericalMethods
import Simulation
import TestSupport
import Testing

@testable import Fitting

@Suite struct DependenceFitTests {
    /// Vectors drawn from a Gaussian copula with correlation `rho` between turns and cache hit
    /// rate and `-rho / 2` between turns and fresh input, through the kernel's own draw stage.
    static func synthetic(count: Int, rho: Double, seed: UInt64) throws -> [DependenceFit.Vector] {
        var b = ThreadBehaviour(
            turns: try NegativeBinomial(r: 2.4, p: 0.074), freshInputPerTurn: try Lognormal(mu: 4, sigma: 0.9),
            outputPerTurn: try Lognormal(mu: 4.4, sigma: 0.25), cacheHitRate: try Beta(alpha: 13, beta: 0.5),
            baseContext: try Gamma(shape: 50, scale: 130), oneShotRate: 1, offTheRailsRate: 0, maxAttempts: 1)
        if rho != 0 {
            b.setDependence(try DrawDependence(pairs: [(.turns, .cacheHitRate, rho), (.turns, .freshInputPerTurn, -rho / 2)]))
        }
        var rng = RandomStream(seed: seed)
        let d = AttemptDraws.sample(b, count: count, rng: &rng)
        return (0..<count).map { [d.turns[$0], d.fresh[$0], d.output[$0], d.hitRate[$0], d.base[$0]] }
    }

    static func bootstrap(_ v: [DependenceFit.Vector], seed: UInt64) -> [Matrix] {
        let root = RandomStream(seed: seed)
        return (0..<200).compactMap { b in
            var rng = root.substream(UInt64(b))
            return DependenceFit.correlation((0..<v.count).map { _ in v[Int(rng.next(upperBound: UInt64(v.count)))] })
        }
    }

    /// The fit recovers known correlations inside its bootstrap intervals, for several seeds.
    @Test(arguments: [11, 12, 13] as [UInt64])
    func recoversKnownCorrelationsWithinTheirIntervals(seed: UInt64) throws {
        let v = try Self.synthetic(count: 600, rho: 0.7, seed: seed)
        let r = try #require(DependenceFit.correlation(v))
        let reps = Self.bootstrap(v, seed: seed)
        for (i, j, truth) in [(0, 3, 0.7), (0, 1, -0.35), (2, 4, 0.0), (1, 3, 0.0)] {
            let values = reps.map { $0[i, j] }.sorted()
            // Normal scores of discrete turns shrink the correlation slightly; the interval
            // is widened by that bias (at most 0.03 here).
            let lo = Stats.quantile(sorted: values, 0.025) - 0.03, hi = Stats.quantile(sorted: values, 0.975) + 0.03
            #expect(lo <= truth && truth <= hi, "(\(i),\(j)) \(r[i, j]) in [\(lo), \(hi)] should hold \(truth)")
        }
        let choice = BehaviourFitter.chooseDependence(v)
        #expect(choice.chosen, "\(choice.reason)")
    }

    /// Independent draws are not found dependent (fixed seeds).
    @Test(arguments: [21, 22, 23] as [UInt64])
    func independentDataIsNotFoundCorrelated(seed: UInt64) throws {
        let v = try Self.synthetic(count: 400, rho: 0, seed: seed)
        let choice = BehaviourFitter.chooseDependence(v)
        #expect(!choice.chosen, "\(choice.reason)")
        #expect(choice.reason.hasSuffix("no better than independence's 0 (5-fold): draws independent"))
    }

    @Test func tooFewThreadsStayIndependentAndSayWhy() throws {
        let v = try Self.synthetic(count: 29, rho: 0.8, seed: 5)
        let choice = BehaviourFitter.chooseDependence(v)
        #expect(!choice.chosen)
        #expect(choice.reason == "29 threads with all five draws, fewer than the 30 needed to fit dependence: draws independent")
    }

    /// Normal scores use mid-ranks: ties share a score, and the scores are symmetric.
    @Test func normalScoresOfTiesAreShared() {
        let z = DependenceFit.normalScores([3, 2, 1, 2])
        #expect(z[1] == z[3] && z[1] == 0)
        expectClose(z[2], -z[0], relative: 1e-12, "symmetric")
        expectClose(z[0], normalQuantile(0.875), relative: 1e-12, "(4 - 1/2) / 4")
    }
}
