import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct NegativeBinomialTests {
    /// Reference values from scipy.stats 1.17.
    static let goldens: [Golden<NegativeBinomial>] = [
        Golden(
            law: try! NegativeBinomial(r: 2.5, p: 0.3),
            cdf: [
                (0.0, 0.049295030175464945), (2.0, 0.2412375539211816), (5.0, 0.5561837347082681), (12.0, 0.9183265948739024),
                (40.0, 0.9999835777891081),
            ],
            quantile: [(1e-06, 0.0), (0.01, 0.0), (0.25, 3.0), (0.5, 5.0), (0.9, 12.0), (0.999999, 49.0)],
            logDensity: [
                (0.0, -3.00993201081484), (2.0, -2.2473753788827273), (5.0, -2.331117107004734), (12.0, -3.699162862525344),
                (40.0, -11.982181883179914),
            ],
            mean: 5.833333333333334, variance: 19.444444444444446),
        Golden(
            law: try! NegativeBinomial(r: 0.7, p: 0.05),
            cdf: [
                (0.0, 0.12282280261157906), (1.0, 0.20449996634827916), (10.0, 0.5886974584401446), (50.0, 0.9609275226732188),
                (300.0, 0.9999999338662641),
            ],
            quantile: [(1e-06, 0.0), (0.01, 0.0), (0.25, 2.0), (0.5, 8.0), (0.9, 34.0), (0.999999, 249.0)],
            logDensity: [
                (0.0, -2.0970125914877933), (1.0, -2.5049808298140763), (10.0, -3.572014758671965), (50.0, -6.098248629811235),
                (300.0, -19.457352818767745),
            ],
            mean: 13.299999999999997, variance: 265.99999999999994),
    ]

    /// The first draws at seed 42, recorded so that any change to the sampler shows up.
    static let firstSamples: [Double] = [8.0, 3.0, 5.0, 7.0, 2.0]

    @Test func matchesScipyReferenceValues() {
        for golden in Self.goldens { golden.check() }
    }

    @Test func firstSamplesAtSeed42AreUnchanged() {
        Self.goldens[0].expectFirstSamples(Self.firstSamples)
    }

    @Test func fillMatchesRepeatedSample() {
        Self.goldens[0].expectFillMatchesSample()
    }

    @Test(arguments: 0..<NegativeBinomialTests.goldens.count)
    func samplerMatchesDistribution(index: Int) {
        expectChiSquarePasses(Self.goldens[index].law, seed: 1000 + UInt64(index))
    }

    @Test func samplesLieInSupport() async {
        seededPropertyCheck(count: 50, seed: 254_632_676, input: Gen.int(in: 0...Int(UInt32.max))) { seed in
            for golden in Self.goldens {
                let (lower, upper) = golden.law.support
                for x in draws(golden.law, count: 20, seed: UInt64(seed)) {
                    #expect(x >= lower && x <= upper, "\(x) outside support of \(golden.law)")
                }
            }
        }
    }

    @Test func quantileIsSmallestValueReachingP() async {
        seededPropertyCheck(seed: 2_518_954_846, input: Gen.double(in: 1e-9...(1 - 1e-9))) { p in
            for golden in Self.goldens {
                let law = golden.law
                let k = law.quantile(p)
                #expect(law.cdf(k) >= p, "\(law).cdf(quantile(\(p)))")
                if k > law.support.lower { #expect(law.cdf(k - 1) < p, "\(law) at p = \(p)") }
            }
        }
    }

    @Test func alternativeParameterisations() throws {
        let fromDispersion = try NegativeBinomial(mean: 10, dispersion: 2)
        expectClose(fromDispersion.mean, 10, relative: 1e-12)
        expectClose(fromDispersion.variance, 10 + 100 / 2, relative: 1e-12)
        let fromSD = try NegativeBinomial(mean: 10, sd: 5)
        expectClose(fromSD.mean, 10, relative: 1e-12)
        expectClose(fromSD.standardDeviation, 5, relative: 1e-12)
    }

    @Test func certainSuccessGivesZero() throws {
        let law = try NegativeBinomial(r: 3, p: 1)
        #expect(draws(law, count: 50, seed: 1).allSatisfy { $0 == 0 })
        #expect(law.cdf(0) == 1)
        #expect(law.quantile(0.99) == 0)
    }

    @Test func rejectsBadParameters() {
        expectError(
            .varianceTooSmall(mean: 10, sd: 3, minimumSD: 10.0.squareRoot()),
            "sd (3) must be above sqrt(mean) = 3.1622776601683795 for a negative binomial with mean 10: raise sd, or use poisson if the variance equals the mean"
        ) { _ = try NegativeBinomial(mean: 10, sd: 3) }
        expectError(.nonPositive(parameter: "p", value: 0), "p (0) must be positive: give it a value above 0") {
            _ = try NegativeBinomial(r: 1, p: 0)
        }
        expectError(
            .probabilityOutsideUnitInterval(parameter: "p", value: 1.5),
            "p (1.5) must be a probability: give it a value from 0 to 1"
        ) { _ = try NegativeBinomial(r: 1, p: 1.5) }
        expectError(.nonPositive(parameter: "dispersion", value: 0), "dispersion (0) must be positive: give it a value above 0") {
            _ = try NegativeBinomial(mean: 4, dispersion: 0)
        }
    }

}
