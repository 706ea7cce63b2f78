import Distributions
import TestSupport
import Testing

@Suite struct ZeroInflatedTests {
    static let law = try! ZeroInflated(zeroShare: 0.3, base: try! Gamma(shape: 2, scale: 100))

    /// Reference values from scipy.stats 1.17: 0.3 + 0.7 gamma(2, scale 100).cdf(x), and the
    /// quantile 0 up to 0.3, then gamma.ppf((p - 0.3) / 0.7).
    @Test func matchesScipyReferenceValues() {
        for (x, expected) in [
            (0.0, 0.3), (10, 0.30327518811231113), (50, 0.36314280730173487), (200, 0.7157959052031131),
            (1000, 0.9996504205408288),
        ] {
            expectClose(Self.law.cdf(x), expected, relative: 1e-9, "cdf(\(x))")
        }
        for (p, expected) in [
            (0.1, 0.0), (0.3, 0.0), (0.31, 17.93643128191452), (0.5, 105.84023699721111), (0.9, 343.556519678354),
            (0.999, 883.7257275043659),
        ] {
            expectClose(Self.law.quantile(p), expected, relative: 1e-9, absolute: 1e-12, "quantile(\(p))")
        }
        expectClose(Self.law.mean, 140, relative: 1e-12, "mean")
        expectClose(Self.law.variance, 22_400, relative: 1e-12, "variance")
        #expect(Self.law.cdf(-1) == 0)
        #expect(Self.law.quantile(1.5).isNaN)
    }

    /// The atom's share is binomial around 0.3, and the positive draws follow the base law (KS).
    @Test func samplerMatchesDistribution() {
        let x = draws(Self.law, count: 20_000, seed: 77)
        let zeros = x.filter { $0 == 0 }.count
        #expect(abs(Double(zeros) / 20_000 - 0.3) < 4 * (0.3 * 0.7 / 20_000).squareRoot(), "\(zeros) zeros")
        let positive = x.filter { $0 > 0 }
        let d = kolmogorovSmirnovStatistic(positive, cdf: Self.law.base.cdf)
        #expect(d < kolmogorovSmirnovCritical(positive.count), "KS D = \(d)")
    }

    @Test func fillMatchesRepeatedSample() {
        var a = RandomStream(seed: 5), b = RandomStream(seed: 5)
        let filled = Self.law.samples(64, using: &a)
        let one = (0..<64).map { _ in Self.law.sample(using: &b) }
        #expect(filled == one)
    }

    @Test func parametersAreValidated() {
        #expect(throws: DistributionError.probabilityOutsideUnitInterval(parameter: "zero_share", value: 1.5)) {
            try ZeroInflated(zeroShare: 1.5, base: try Gamma(shape: 2, scale: 1))
        }
        #expect(throws: DistributionError.outsideOpenUnitInterval(parameter: "zero_share", value: 1)) {
            try ZeroInflated(zeroShare: 1, base: try Gamma(shape: 2, scale: 1))
        }
        #expect(throws: DistributionError.negative(parameter: "base law's lower bound", value: -1)) {
            try ZeroInflated(zeroShare: 0.2, base: try Uniform(min: -1, max: 1))
        }
    }
}
