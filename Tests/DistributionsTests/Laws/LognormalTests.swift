import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct LognormalTests {
    /// Reference values from scipy.stats 1.17.
    static let goldens: [Golden<Lognormal>] = [
        Golden(
            law: try! Lognormal(mu: 1.2, sigma: 0.8),
            cdf: [
                (0.5, 0.008980188728488134), (1.0, 0.06680720126885809), (3.3, 0.4969692987933695), (10.0, 0.9159340670432217),
                (50.0, 0.9996505735381981),
            ],
            quantile: [
                (1e-06, 0.07407038812030764), (0.01, 0.5162943144654164), (0.25, 1.9355822775457974), (0.5, 3.3201169227365472),
                (0.9, 9.255715498482534), (0.999999, 148.82028649135918),
            ],
            logDensity: [
                (0.5, -2.802652682004009), (1.0, -1.8207949818904627), (3.3, -1.8897463069171698), (10.0, -3.9481409243319217),
                (50.0, -10.353965473233854),
            ],
            mean: 4.572225195142159, variance: 18.741150837479847),
        Golden(
            law: try! Lognormal(mu: -3, sigma: 2.5),
            cdf: [
                (1e-05, 0.00033061415973614804), (0.01, 0.2604144919162716), (0.05, 0.5006810302774285),
                (1.0, 0.8849303297782918), (100.0, 0.998825206244877),
            ],
            quantile: [
                (1e-06, 3.4367796301767296e-07), (0.01, 0.0001483598694789798), (0.25, 0.009221437195816046),
                (0.5, 0.049787068367863944), (0.9, 1.2261496747376985), (0.999999, 7212.42687446585),
            ],
            logDensity: [
                (1e-05, 3.8801042021203145), (0.01, 2.56381521483046), (0.05, 1.160501551396042), (1.0, -2.555229265078827),
                (100.0, -11.067488535694292),
            ],
            mean: 1.1331484530668263, variance: 663.8576076276739),
    ]

    /// The first draws at seed 42, recorded so that any change to the sampler shows up.
    static let firstSamples: [Double] = [
        2.2380907873959917, 6.854772852420289, 3.197970510020562, 1.9115199839561958, 1.9410654627226018,
    ]

    @Test func matchesScipyReferenceValues() {
        for golden in Self.goldens { golden.check() }
    }

    @Test func firstSamplesAtSeed42AreUnchanged() {
        Self.goldens[0].expectFirstSamples(Self.firstSamples)
    }

    @Test func fillMatchesRepeatedSample() {
        Self.goldens[0].expectFillMatchesSample()
    }

    @Test(arguments: 0..<LognormalTests.goldens.count)
    func samplerMatchesDistribution(index: Int) {
        expectKolmogorovSmirnovPasses(Self.goldens[index].law, seed: 1000 + UInt64(index))
    }

    @Test func samplesLieInSupport() async {
        seededPropertyCheck(count: 50, seed: 1_251_942_789, input: Gen.int(in: 0...Int(UInt32.max))) { seed in
            for golden in Self.goldens {
                let (lower, upper) = golden.law.support
                for x in draws(golden.law, count: 20, seed: UInt64(seed)) {
                    #expect(x >= lower && x <= upper, "\(x) outside support of \(golden.law)")
                }
            }
        }
    }

    @Test func cdfInvertsQuantile() async {
        seededPropertyCheck(seed: 3_549_851_711, input: Gen.double(in: 1e-9...(1 - 1e-9))) { p in
            for golden in Self.goldens {
                let x = golden.law.quantile(p)
                expectClose(golden.law.cdf(x), p, relative: 1e-9, absolute: 1e-13, "\(golden.law) at p = \(p)")
            }
        }
    }

    @Test func alternativeParameterisations() throws {
        let fromMedian = try Lognormal(median: 12, p90: 40)
        expectClose(fromMedian.quantile(0.5), 12, relative: 1e-12)
        expectClose(fromMedian.quantile(0.9), 40, relative: 1e-12)
        let fromMoments = try Lognormal(mean: 10, sd: 4)
        expectClose(fromMoments.mean, 10, relative: 1e-12)
        expectClose(fromMoments.standardDeviation, 4, relative: 1e-12)
    }

    @Test func rejectsBadParameters() {
        expectError(.nonPositive(parameter: "sigma", value: 0), "sigma (0) must be positive: give it a value above 0") {
            _ = try Lognormal(mu: 1, sigma: 0)
        }
        expectError(.notFinite(parameter: "mu", value: .nan), "mu (nan) must be a finite number: give it a finite value") {
            _ = try Lognormal(mu: .nan, sigma: 1)
        }
        expectError(
            .quantilesOutOfOrder(lower: "median", lowerValue: 12, upper: "p90", upperValue: 5),
            "p90 (5) must be above the median (12): raise p90 or lower the median"
        ) { _ = try Lognormal(median: 12, p90: 5) }
        expectError(.nonPositive(parameter: "median", value: -1), "median (-1) must be positive: give it a value above 0") {
            _ = try Lognormal(median: -1, p90: 5)
        }
        expectError(.nonPositive(parameter: "sd", value: 0), "sd (0) must be positive: give it a value above 0") {
            _ = try Lognormal(mean: 3, sd: 0)
        }
        expectError(
            .notFinite(parameter: "mean", value: .infinity), "mean (inf) must be a finite number: give it a finite value"
        ) { _ = try Lognormal(mean: .infinity, sd: 1) }
    }

}
