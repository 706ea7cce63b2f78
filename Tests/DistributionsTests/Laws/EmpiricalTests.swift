import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct EmpiricalTests {
    static let data: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
    static let law = try! Empirical(values: data)
    /// The first draws at seed 42, recorded so that any change to the sampler shows up.
    static let firstSamples: [Double] = [6.0, 2.0, 9.0, 5.0, 6.0]

    @Test func cdfIsTheEmpiricalCDF() {
        let law = Self.law
        #expect(law.cdf(0.5) == 0)
        #expect(law.cdf(1) == 2.0 / 8)
        #expect(law.cdf(4.5) == 5.0 / 8)
        #expect(law.cdf(9) == 1)
    }

    /// numpy.quantile(data, p, method="inverted_cdf").
    @Test func quantileIsTheType1InverseECDF() {
        let expected: [(Double, Double)] = [(0, 1), (0.1, 1), (0.25, 1), (0.26, 2), (0.5, 3), (0.51, 4), (0.9, 9), (1, 9)]
        for (p, value) in expected { #expect(Self.law.quantile(p) == value, "quantile(\(p))") }
    }

    @Test func momentsAndDensity() {
        expectClose(Self.law.mean, 31.0 / 8, relative: 1e-15)
        expectClose(Self.law.variance, 6.609375, relative: 1e-14)
        expectClose(Self.law.logDensity(1), -1.3862943611198906, relative: 1e-15)
        #expect(Self.law.logDensity(7) == -.infinity)
        #expect(Self.law.support == (1, 9))
    }

    @Test func firstSamplesAtSeed42AreUnchanged() {
        #expect(draws(Self.law, count: Self.firstSamples.count, seed: 42) == Self.firstSamples)
    }

    @Test func resamplesTheData() {
        let samples = draws(Self.law, count: 20_000, seed: 4)
        let (statistic, df) = chiSquare(samples, lower: 1) { k in Double(Self.data.count { $0 == k }) / 8 }
        #expect(statistic < chiSquareCritical(degreesOfFreedom: df))
    }

    @Test func samplesComeFromTheData() async {
        seededPropertyCheck(seed: 3_595_260_157, input: zip(Gen.double(in: -100...100).array(of: 1...20), Gen.uint64())) {
            values, seed in
            let law = try! Empirical(values: values)
            for x in draws(law, count: 10, seed: seed) { #expect(values.contains(x)) }
        }
    }

    @Test func rejectsBadData() {
        expectError(.emptyData, "empirical needs at least one value: list the observed values under values") {
            _ = try Empirical(values: [])
        }
        expectError(
            .notFinite(parameter: "values[1]", value: .nan), "values[1] (nan) must be a finite number: give it a finite value"
        ) { _ = try Empirical(values: [1, .nan]) }
    }
}
