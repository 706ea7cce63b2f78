// Tests: the t copula's Spearman rank correlation from its shape correlation and back
// (StudentRankCorrelation), as `correlations:` with `degrees_of_freedom:` convert them.
import Distributions
import Foundation
import LinearAlgebra
import Simulation
import TestSupport
import Testing

@Suite struct StudentRankCorrelationTests {
    /// The same construction in numpy/scipy (64 χ² quantile nodes, 256 bins of K), 2026-12-07.
    @Test func goldenValues() throws {
        let cases: [(nu: Double, rho: Double, spearman: Double)] = [
            (1, 0.618034, 0.5424645564460857), (2, 0.3, 0.2697725619970712), (2, 0.618034, 0.5695393816543309),
            (4, 0.95, 0.9398224373647818), (10, -0.5, -0.47750327032524237), (30, 0.8, 0.7844324773765606),
        ]
        for c in cases {
            let t = try #require(StudentRankCorrelation(degreesOfFreedom: c.nu))
            expectClose(t.spearman(shape: c.rho), c.spearman, absolute: 1e-7, "nu \(c.nu), rho \(c.rho)")
        }
    }

    /// Many degrees of freedom are the Gaussian copula's (6/π) asin(ρ/2); the ends and 0 are fixed.
    @Test func theGaussianLimitAndTheEnds() throws {
        let t = try #require(StudentRankCorrelation(degreesOfFreedom: 1e6))
        for rho in stride(from: -1.0, through: 1.0, by: 0.25) {
            expectClose(t.spearman(shape: rho), DrawDependence.spearman(normalCorrelation: rho), absolute: 2e-4, "rho \(rho)")
        }
        for nu in [1.0, 3, 50] {
            let s = try #require(StudentRankCorrelation(degreesOfFreedom: nu))
            #expect(s.shape(spearman: 0) == 0)
            #expect(s.shape(spearman: 1) == 1 && s.shape(spearman: -1) == -1)
            expectClose(s.spearman(shape: 1), 1, absolute: 1e-4, "nu \(nu)")
        }
    }

    /// shape(spearman:) inverts spearman(shape:), oddly, and asks more of the shape than the
    /// Gaussian conversion as ν falls.
    @Test func theInverseRoundTrips() throws {
        var previous = 1.0
        for nu in [50.0, 10, 4, 2, 1] {
            let t = try #require(StudentRankCorrelation(degreesOfFreedom: nu))
            for rho in [-0.97, -0.6, -0.1, 0.05, 0.3, 0.618, 0.9, 0.99] {
                expectClose(t.shape(spearman: t.spearman(shape: rho)), rho, absolute: 1e-10, "nu \(nu), rho \(rho)")
                #expect(t.shape(spearman: -t.spearman(shape: rho)) == -t.shape(spearman: t.spearman(shape: rho)))
            }
            let r = t.shape(spearman: 0.6)
            #expect(r > previous || nu == 50, "nu \(nu): \(r)")
            #expect(r > DrawDependence.normalCorrelation(spearman: 0.6))
            previous = r
        }
    }

    @Test func invalidDegreesOfFreedomGiveNone() {
        for nu in [0.5, 0, -2, .nan, .infinity] { #expect(StudentRankCorrelation(degreesOfFreedom: nu) == nil) }
    }

    /// The kernel's t copula at 2 degrees of freedom, its shape from the conversion, draws the
    /// Spearman correlation asked for; the Gaussian conversion falls about 0.03 short.
    @Test func theKernelDrawsTheRankCorrelationAskedFor() throws {
        let t = try #require(StudentRankCorrelation(degreesOfFreedom: 2))
        func drawn(_ rho: Double) throws -> Double {
            var b = try DrawDependenceTests.behaviour()
            b.setDependence(try DrawDependence(pairs: [(.freshInputPerTurn, .outputPerTurn, rho)], degreesOfFreedom: 2))
            var rng = RandomStream(seed: 21)
            let d = AttemptDraws.sample(b, count: 100_000, rng: &rng)
            return DrawDependenceTests.spearman(d.fresh, d.output)
        }
        let converted = try drawn(t.shape(spearman: 0.6))
        #expect(abs(converted - 0.6) < 0.008, "drawn \(converted)")
        let gaussian = try drawn(DrawDependence.normalCorrelation(spearman: 0.6))
        #expect(abs(gaussian - 0.5695) < 0.008, "drawn \(gaussian)")
    }
}
