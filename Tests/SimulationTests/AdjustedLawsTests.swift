import Distributions
import Foundation
import Testing

@testable import Simulation

/// The sensitivity run's moved laws: a law times a constant, and a rate shifted on the log-odds
/// scale, each drawing the base law's numbers moved, with a CDF and quantile that agree.
@Suite struct AdjustedLawsTests {
    @Test func aScaledLawIsTheBaseTimesTheFactor() throws {
        let base = try Lognormal(mu: log(3000), sigma: 0.5)
        let law = ScaledLaw(base: base, factor: 1.5)
        #expect(abs(law.mean - 1.5 * base.mean) < 1e-9 && abs(law.variance - 2.25 * base.variance) < 1e-6)
        for p in [0.01, 0.5, 0.9, 0.999] {
            #expect(abs(law.cdf(law.quantile(p)) - p) < 1e-9)
            #expect(abs(law.quantile(p) - 1.5 * base.quantile(p)) < 1e-9 * law.quantile(p))
        }
        // The density integrates the CDF's step: f(x) dx between two close points.
        let x = 4000.0, dx = 1e-3
        #expect(abs(exp(law.logDensity(x)) * dx - (law.cdf(x + dx / 2) - law.cdf(x - dx / 2))) < 1e-12)
        var a = RandomStream(seed: 9), b = RandomStream(seed: 9)
        var moved = [Double](repeating: 0, count: 64), plain = moved
        moved.withUnsafeMutableBufferPointer { law.fill($0, using: &a) }
        plain.withUnsafeMutableBufferPointer { base.fill($0, using: &b) }
        #expect(moved == plain.map { $0 * 1.5 })
    }

    @Test func aLogitShiftMovesRatesAndKeepsThemInsideZeroOne() throws {
        let base = try Beta(alpha: 18, beta: 2)
        let none = LogitShiftedLaw(base: base, shift: 0)
        #expect(abs(none.move(0.9) - 0.9) < 1e-15)
        let law = LogitShiftedLaw(base: base, shift: -1)
        // 0.9 has log-odds ln 9; one less is ln 9 - 1.
        #expect(abs(law.move(0.9) - 1 / (1 + exp(-(log(9) - 1)))) < 1e-15)
        #expect(law.move(0) == 0 && law.move(1) == 1)
        for p in [0.05, 0.5, 0.95] {
            #expect(abs(law.cdf(law.quantile(p)) - p) < 1e-8)
        }
        #expect(law.cdf(0) == 0 && law.cdf(1) == 1)
        var a = RandomStream(seed: 4), b = RandomStream(seed: 4)
        var moved = [Double](repeating: 0, count: 64), plain = moved
        moved.withUnsafeMutableBufferPointer { law.fill($0, using: &a) }
        plain.withUnsafeMutableBufferPointer { base.fill($0, using: &b) }
        #expect(moved == plain.map(law.move))
        #expect(moved.allSatisfy { $0 > 0 && $0 < 1 })
    }
}
