import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct PoissonTests {
    /// Reference values from scipy.stats 1.17.
    static let goldens: [Golden<Poisson>] = [
        Golden(
            law: try! Poisson(mean: 3.5),
            cdf: [
                (0.0, 0.0301973834223185), (1.0, 0.13588822540043327), (3.0, 0.536632667900785), (7.0, 0.9732610779086803),
                (15.0, 0.9999990816141368),
            ],
            quantile: [(1e-06, 0.0), (0.01, 0.0), (0.25, 2.0), (0.5, 3.0), (0.9, 6.0), (0.999999, 15.0)],
            logDensity: [
                (0.0, -3.5), (1.0, -2.247237031504632), (3.0, -1.5334705637419508), (7.0, -3.2558205815978383),
                (15.0, -12.607826856410373),
            ],
            mean: 3.5, variance: 3.5),
        Golden(
            law: try! Poisson(mean: 42),
            cdf: [
                (20.0, 0.00012706561400666492), (35.0, 0.15765322751668628), (42.0, 0.5409141683524781),
                (50.0, 0.9024562525323899), (80.0, 0.9999999389035936),
            ],
            quantile: [(1e-06, 15.0), (0.01, 28.0), (0.25, 38.0), (0.5, 42.0), (0.9, 50.0), (0.999999, 76.0)],
            logDensity: [
                (20.0, -9.582224095086119), (35.0, -3.317738963769173), (42.0, -2.7897574318435687), (50.0, -3.594286037604604),
                (80.0, -16.65955482302428),
            ],
            mean: 42.0, variance: 42.0),
    ]

    /// The first draws at seed 42, recorded so that any change to the sampler shows up.
    static let firstSamples: [Double] = [5.0, 2.0, 8.0, 4.0, 5.0]

    @Test func matchesScipyReferenceValues() {
        for golden in Self.goldens { golden.check() }
    }

    @Test func firstSamplesAtSeed42AreUnchanged() {
        Self.goldens[0].expectFirstSamples(Self.firstSamples)
    }

    @Test func fillMatchesRepeatedSample() {
        Self.goldens[0].expectFillMatchesSample()
    }

    @Test(arguments: 0..<PoissonTests.goldens.count)
    func samplerMatchesDistribution(index: Int) {
        expectChiSquarePasses(Self.goldens[index].law, seed: 1000 + UInt64(index))
    }

    @Test func samplesLieInSupport() async {
        seededPropertyCheck(count: 50, seed: 1_971_524_641, input: Gen.int(in: 0...Int(UInt32.max))) { seed in
            for golden in Self.goldens {
                let (lower, upper) = golden.law.support
                for x in draws(golden.law, count: 20, seed: UInt64(seed)) {
                    #expect(x >= lower && x <= upper, "\(x) outside support of \(golden.law)")
                }
            }
        }
    }

    @Test func quantileIsSmallestValueReachingP() async {
        seededPropertyCheck(seed: 3_968_484_763, input: Gen.double(in: 1e-9...(1 - 1e-9))) { p in
            for golden in Self.goldens {
                let law = golden.law
                let k = law.quantile(p)
                #expect(law.cdf(k) >= p, "\(law).cdf(quantile(\(p)))")
                if k > law.support.lower { #expect(law.cdf(k - 1) < p, "\(law) at p = \(p)") }
            }
        }
    }

    @Test func zeroMeanIsThePointMassAtZero() throws {
        let law = try Poisson(mean: 0)
        #expect(draws(law, count: 100, seed: 5).allSatisfy { $0 == 0 })
        #expect(law.cdf(0) == 1)
        #expect(law.quantile(0.7) == 0)
        #expect(law.logDensity(0) == 0)
    }

    @Test func hugeMeansUseTheRejectionSampler() throws {
        let law = try Poisson(mean: 1e7)
        let samples = draws(law, count: 2_000, seed: 9)
        let mean = samples.reduce(0, +) / 2_000
        #expect(abs(mean - 1e7) < 5 * (1e7 / 2_000).squareRoot())
    }

    @Test func rejectsBadParameters() {
        expectError(.negative(parameter: "mean", value: -1), "mean (-1) must not be negative: give it a value of 0 or more") {
            _ = try Poisson(mean: -1)
        }
        expectError(.notFinite(parameter: "mean", value: .nan), "mean (nan) must be a finite number: give it a finite value") {
            _ = try Poisson(mean: .nan)
        }
    }

}
