// Tests: the t copula in the kernel's draw stage (DrawDependence with degrees of freedom,
// AttemptDraws), and its messages.
import Distributions
import Foundation
import LinearAlgebra
import Simulation
import TestSupport
import Testing

@Suite struct StudentCopulaDrawTests {
    static func behaviour(_ nu: Double?, rho: Double) throws -> ThreadBehaviour {
        var b = try DrawDependenceTests.behaviour()
        b.setDependence(
            try DrawDependence(
                pairs: [(.freshInputPerTurn, .outputPerTurn, rho), (.turns, .cacheHitRate, 0.5)], degreesOfFreedom: nu))
        return b
    }

    /// Share of draws above both marginals' 0.99 quantiles, over 0.01: the finite-threshold tail
    /// dependence (0 for independent draws at the limit, about 0.19 for a Gaussian copula at
    /// ρ = 0.6, about 0.39 for a t copula with 3 degrees of freedom; numpy, 2 million draws).
    static func jointExceedance(_ a: [Double], _ b: [Double]) -> Double {
        let qa = a.sorted()[Int(Double(a.count) * 0.99)], qb = b.sorted()[Int(Double(b.count) * 0.99)]
        let both = zip(a, b).filter { $0 > qa && $1 > qb }.count
        return Double(both) / Double(a.count) / 0.01
    }

    static func kendall(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in 0..<a.count { for j in (i + 1)..<a.count { s += (a[i] - a[j]) * (b[i] - b[j]) > 0 ? 1 : -1 } }
        return s / Double(a.count * (a.count - 1) / 2)
    }

    /// The t copula keeps the marginals and Kendall's τ = (2/π) asin ρ of the Gaussian copula
    /// with the same ρ, and doubles the joint extremes.
    @Test func theTailsComeTogetherAndTheRestIsKept() throws {
        let n = 200_000
        var rng = RandomStream(seed: 77)
        let t = AttemptDraws.sample(try Self.behaviour(3, rho: 0.6), count: n, rng: &rng)
        rng = RandomStream(seed: 77)
        let g = AttemptDraws.sample(try Self.behaviour(nil, rho: 0.6), count: n, rng: &rng)
        let tailT = Self.jointExceedance(t.fresh, t.output), tailG = Self.jointExceedance(g.fresh, g.output)
        #expect(abs(tailT - 0.39) < 0.05, "t copula: \(tailT)")
        #expect(abs(tailG - 0.19) < 0.04, "Gaussian copula: \(tailG)")
        let tau = Self.kendall(Array(t.fresh.prefix(3_000)), Array(t.output.prefix(3_000)))
        #expect(abs(tau - 2 / Double.pi * asin(0.6)) < 0.03, "Kendall's tau \(tau)")
        let b = try DrawDependenceTests.behaviour()
        for (column, law) in [(t.fresh, b.freshInputPerTurn), (t.output, b.outputPerTurn), (t.hitRate, b.cacheHitRate)] {
            let ks = kolmogorovSmirnovStatistic(Array(column.prefix(20_000)), cdf: law.cdf)
            #expect(ks < kolmogorovSmirnovCritical(20_000), "KS \(ks) for \(law)")
        }
    }

    /// Uncorrelated is not independent under a t copula: the shared divisor still couples the
    /// draws, so the behaviour keeps its dependence.
    @Test func anIdentityShapeStillCouples() throws {
        var b = try DrawDependenceTests.behaviour()
        b.setDependence(try DrawDependence(correlation: Matrix.identity(5), degreesOfFreedom: 2))
        #expect(b.dependence != nil)
        var rng = RandomStream(seed: 5)
        let d = AttemptDraws.sample(b, count: 100_000, rng: &rng)
        #expect(Self.jointExceedance(d.fresh, d.output) > 0.1)
    }

    @Test func sameSeedSameDraws() throws {
        let b = try Self.behaviour(4, rho: 0.3)
        var r1 = RandomStream(seed: 9), r2 = RandomStream(seed: 9)
        let a = AttemptDraws.sample(b, count: 5_000, rng: &r1), c = AttemptDraws.sample(b, count: 5_000, rng: &r2)
        #expect(a.fresh == c.fresh && a.hitRate == c.hitRate && a.turns == c.turns)
    }

    @Test func badDegreesOfFreedomSayWhatIsWrongAndTheFix() {
        for nu in [0.5, -3, .nan, .infinity] {
            #expect(throws: DependenceError.degreesOfFreedom(nu)) {
                _ = try DrawDependence(correlation: Matrix.identity(5), degreesOfFreedom: nu)
            }
        }
        #expect(
            DependenceError.degreesOfFreedom(0.5).description
                == "the t copula's degrees of freedom are 0.5: use a finite number of at least 1 (larger is closer to the Gaussian copula)"
        )
    }
}
