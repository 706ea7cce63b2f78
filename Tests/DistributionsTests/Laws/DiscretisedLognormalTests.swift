import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct DiscretisedLognormalTests {
    /// Reference values from scipy.stats 1.17.
    static let goldens: [Golden<DiscretisedLognormal>] = [
        Golden(
            law: try! DiscretisedLognormal(median: 5, p90: 20),
            cdf: [
                (1.0, 0.06839716788976108), (2.0, 0.19848097616225036), (5.0, 0.5), (13.0, 0.8114674527623758),
                (60.0, 0.9891950967943787),
            ],
            quantile: [(1e-06, 1.0), (0.01, 1.0), (0.25, 3.0), (0.5, 5.0), (0.9, 20.0), (0.999999, 856.0)],
            logDensity: [
                (1.0, -2.6824238603313), (2.0, -2.0395763572236563), (5.0, -2.5045133459015947), (13.0, -3.8808892074608363),
                (60.0, -7.704061327379448),
            ],
            mean: 9.474427310554844, variance: 179.145750400701)
    ]

    /// The first draws at seed 42, recorded so that any change to the sampler shows up.
    static let firstSamples: [Double] = [3.0, 14.0, 5.0, 3.0, 3.0]

    @Test func matchesScipyReferenceValues() {
        for golden in Self.goldens { golden.check() }
    }

    @Test func firstSamplesAtSeed42AreUnchanged() {
        Self.goldens[0].expectFirstSamples(Self.firstSamples)
    }

    @Test func fillMatchesRepeatedSample() {
        Self.goldens[0].expectFillMatchesSample()
    }

    @Test(arguments: 0..<DiscretisedLognormalTests.goldens.count)
    func samplerMatchesDistribution(index: Int) {
        expectChiSquarePasses(Self.goldens[index].law, seed: 1000 + UInt64(index))
    }

    @Test func samplesLieInSupport() async {
        seededPropertyCheck(count: 50, seed: 3_045_164_176, input: Gen.int(in: 0...Int(UInt32.max))) { seed in
            for golden in Self.goldens {
                let (lower, upper) = golden.law.support
                for x in draws(golden.law, count: 20, seed: UInt64(seed)) {
                    #expect(x >= lower && x <= upper, "\(x) outside support of \(golden.law)")
                }
            }
        }
    }

    @Test func quantileIsSmallestValueReachingP() async {
        seededPropertyCheck(seed: 747_164_970, input: Gen.double(in: 1e-9...(1 - 1e-9))) { p in
            for golden in Self.goldens {
                let law = golden.law
                let k = law.quantile(p)
                #expect(law.cdf(k) >= p, "\(law).cdf(quantile(\(p)))")
                if k > law.support.lower { #expect(law.cdf(k - 1) < p, "\(law) at p = \(p)") }
            }
        }
    }

    @Test func valuesAreWholeNumbersFromOne() {
        let samples = draws(Self.goldens[0].law, count: 2_000, seed: 3)
        #expect(samples.allSatisfy { $0 >= 1 && $0 == $0.rounded() })
        #expect(Self.goldens[0].law.cdf(0.99) == 0)
        #expect(Self.goldens[0].law.cdf(2.7) == Self.goldens[0].law.cdf(2))
    }

    @Test func rejectsBadParameters() {
        expectError(
            .quantilesOutOfOrder(lower: "median", lowerValue: 3, upper: "p90", upperValue: 3),
            "p90 (3) must be above the median (3): raise p90 or lower the median"
        ) { _ = try DiscretisedLognormal(median: 3, p90: 3) }
        expectError(.nonPositive(parameter: "sigma", value: -2), "sigma (-2) must be positive: give it a value above 0") {
            _ = try DiscretisedLognormal(mu: 1, sigma: -2)
        }
        expectError(.nonPositive(parameter: "mean", value: 0), "mean (0) must be positive: give it a value above 0") {
            _ = try DiscretisedLognormal(mean: 0, sd: 2)
        }
    }

}
