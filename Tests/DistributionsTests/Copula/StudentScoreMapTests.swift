import Distributions
import TestSupport
import Testing

/// The t copula's step to normal scores, z = Φ⁻¹(T_ν(y)), by table and exactly beyond it.
@Suite struct StudentScoreMapTests {
    /// Golden values from scipy: `ndtri(t(3).cdf(2))` and `ndtri(t(3).cdf(40))` (the latter
    /// from the survival function, `-ndtri(t(3).sf(40))`), beyond the table.
    @Test func matchesScipy() throws {
        let map = StudentScoreMap(try StudentT(degreesOfFreedom: 3))
        expectClose(map.value(2), 1.4783057154924495, relative: 1e-9, "y = 2")
        expectClose(map.value(-2), -1.4783057154924495, relative: 1e-9, "odd")
        expectClose(map.value(40), 4.142322249147967, relative: 1e-9, "beyond the table")
        #expect(map.value(0) == 0)
    }

    /// The table against the exact map across it and past its end.
    @Test(arguments: [1.0, 2, 4.5, 30])
    func agreesWithTheExactMap(nu: Double) throws {
        let law = try StudentT(degreesOfFreedom: nu)
        let map = StudentScoreMap(law)
        for i in 0...1_400 {
            let y = -70 + Double(i) * 0.1 + 0.0037
            let exact = normalQuantile(law.cdf(y))
            // Far in the upper tail 1 - cdf loses digits; the map works from the tail, so compare there.
            let reference = y > 0 ? -normalQuantile(law.cdf(-y)) : exact
            #expect(abs(map.value(y) - reference) < 1e-8, "nu \(nu) at y \(y): \(map.value(y)) vs \(reference)")
        }
    }

    /// A standard normal divided by sqrt(χ²_ν/ν) and mapped is a standard normal (KS).
    @Test func mappedTScoresAreStandardNormal() throws {
        let law = try StudentT(degreesOfFreedom: 2.5)
        let map = StudentScoreMap(law)
        var rng = RandomStream(seed: 808)
        let z = (0..<20_000).map { _ in map.value(law.sample(using: &rng)) }
        #expect(kolmogorovSmirnovStatistic(z, cdf: normalCDF) < kolmogorovSmirnovCritical(20_000))
    }
}
