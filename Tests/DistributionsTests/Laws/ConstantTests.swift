import Distributions
import TestSupport
import Testing

@Suite struct ConstantTests {
    @Test func isAPointMass() throws {
        let law = try Constant(value: 4)
        #expect(draws(law, count: 10, seed: 42) == Array(repeating: 4, count: 10))
        #expect(law.cdf(3.999) == 0 && law.cdf(4) == 1)
        #expect(law.quantile(0) == 4 && law.quantile(0.5) == 4 && law.quantile(1) == 4)
        #expect(law.quantile(2).isNaN)
        #expect(law.logDensity(4) == 0 && law.logDensity(5) == -.infinity)
        #expect(law.mean == 4 && law.variance == 0)
        #expect(law.support == (4, 4))
    }

    @Test func fillDoesNotConsumeRandomness() throws {
        var rng = RandomStream(seed: 1)
        var reference = rng
        _ = try Constant(value: 1).samples(8, using: &rng)
        #expect(rng.next() == reference.next())
    }

    @Test func rejectsNonFiniteValues() {
        expectError(
            .notFinite(parameter: "value", value: -.infinity), "value (-inf) must be a finite number: give it a finite value"
        ) { _ = try Constant(value: -.infinity) }
    }
}
