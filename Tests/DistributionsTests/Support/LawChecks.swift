import Distributions
import TestSupport
import Testing

/// Reference values for one parameterisation of a law, computed with scipy.stats 1.17.
struct Golden<Law: UnivariateDistribution>: Sendable {
    var law: Law
    var cdf: [(Double, Double)]
    var quantile: [(Double, Double)]
    var logDensity: [(Double, Double)]
    var mean: Double
    var variance: Double

    /// Checks every reference value to `relative` tolerance.
    func check(relative: Double = 1e-9, sourceLocation: SourceLocation = #_sourceLocation) {
        for (x, expected) in cdf {
            expectClose(law.cdf(x), expected, relative: relative, "\(law).cdf(\(x))", sourceLocation: sourceLocation)
        }
        for (p, expected) in quantile {
            expectClose(law.quantile(p), expected, relative: relative, "\(law).quantile(\(p))", sourceLocation: sourceLocation)
        }
        for (x, expected) in logDensity {
            expectClose(
                law.logDensity(x), expected, relative: relative, absolute: 1e-12, "\(law).logDensity(\(x))",
                sourceLocation: sourceLocation)
        }
        expectClose(law.mean, mean, relative: relative, "\(law).mean", sourceLocation: sourceLocation)
        expectClose(law.variance, variance, relative: relative, "\(law).variance", sourceLocation: sourceLocation)
    }
}

/// KS test of `law`'s sampler against its own CDF at significance 0.001, with a fixed seed.
func expectKolmogorovSmirnovPasses(
    _ law: some UnivariateDistribution, seed: UInt64, count: Int = 20_000,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let d = kolmogorovSmirnovStatistic(draws(law, count: count, seed: seed), cdf: law.cdf)
    #expect(d < kolmogorovSmirnovCritical(count), "KS D = \(d) for \(law)", sourceLocation: sourceLocation)
}

/// Chi-square frequency test of a discrete `law`'s sampler against its pmf at significance 0.001.
func expectChiSquarePasses(
    _ law: some UnivariateDistribution, seed: UInt64, count: Int = 20_000,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let samples = draws(law, count: count, seed: seed)
    let (statistic, df) = chiSquare(samples, lower: law.support.lower) { Double.exp(law.logDensity($0)) }
    #expect(
        statistic < chiSquareCritical(degreesOfFreedom: df),
        "chi-square \(statistic) on \(df) degrees of freedom for \(law)", sourceLocation: sourceLocation)
}

/// Expects `body` to throw exactly `error`, whose description is `message`.
func expectError(
    _ expected: DistributionError, _ message: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected \(expected)", sourceLocation: sourceLocation)
    } catch {
        #expect(error as? DistributionError == expected, sourceLocation: sourceLocation)
        #expect("\(error)" == message, sourceLocation: sourceLocation)
    }
}

extension Golden {
    /// The first draws at `seed` equal the recorded ones, so any change to the sampler shows up.
    func expectFirstSamples(_ expected: [Double], seed: UInt64 = 42) {
        let samples = draws(law, count: expected.count, seed: seed)
        for (actual, recorded) in zip(samples, expected) {
            expectClose(actual, recorded, relative: 1e-12)
        }
    }

    /// `fill` draws exactly what repeated `sample` calls would, and leaves the stream in the same state.
    func expectFillMatchesSample() {
        var a = RandomStream(seed: 7), b = RandomStream(seed: 7)
        let filled = law.samples(64, using: &a)
        let sampled = (0..<64).map { _ in law.sample(using: &b) }
        #expect(filled == sampled)
        #expect(a.next() == b.next())
    }
}
