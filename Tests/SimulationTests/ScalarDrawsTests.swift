import Distributions
import Testing

@testable import Simulation

/// Single draws with changing parameters: a unit-mean gamma and a Poisson count, with the
/// degenerate parameters a scenario can reach (zero spread, zero mean) giving the limit.
@Suite struct ScalarDrawsTests {
    @Test func aUnitGammaHasMeanOneAndVarianceOneOverShape() {
        var rng = RandomStream(seed: 21)
        let n = 200_000
        let draws = (0..<n).map { _ in GammaUnit.draw(shape: 4, using: &rng) }
        let mean = draws.reduce(0, +) / Double(n)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        // Standard errors: 0.5 / sqrt(n) ≈ 0.0011 for the mean, about 0.0013 for the variance.
        #expect(abs(mean - 1) < 0.006 && abs(variance - 0.25) < 0.007)
        for shape in [0, -1, Double.infinity, .nan] { #expect(GammaUnit.draw(shape: shape, using: &rng) == 1) }
    }

    @Test func aPoissonCountHasItsMeanAndNoneBelowZero() {
        var rng = RandomStream(seed: 22)
        let n = 100_000
        let mean = Double((0..<n).reduce(0) { s, _ in s + PoissonCount.draw(mean: 3.5, using: &rng) }) / Double(n)
        #expect(abs(mean - 3.5) < 0.03)  // standard error 0.006
        #expect(PoissonCount.draw(mean: 0, using: &rng) == 0 && PoissonCount.draw(mean: -2, using: &rng) == 0)
    }
}
