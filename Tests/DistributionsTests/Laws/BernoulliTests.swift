import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct BernoulliTests {
    /// Reference values from scipy.stats 1.17, except quantile(0): scipy gives support.lower - 1,
    /// tokencast the lower end of the support.
    static let goldens: [Golden<Bernoulli>] = [
        Golden(
            law: try! Bernoulli(p: 0.3),
            cdf: [(0.0, 0.7), (1.0, 1.0)],
            quantile: [(0.0, 0.0), (0.5, 0.0), (0.7, 0.0), (0.7000001, 1.0), (1.0, 1.0)],
            logDensity: [(0.0, -0.35667494393873245), (1.0, -1.2039728043259361)],
            mean: 0.3, variance: 0.21)
    ]

    /// The first draws at seed 42, recorded so that any change to the sampler shows up.
    static let firstSamples: [Double] = [0.0, 0.0, 0.0, 0.0, 0.0]

    @Test func matchesScipyReferenceValues() {
        for golden in Self.goldens { golden.check() }
    }

    @Test func firstSamplesAtSeed42AreUnchanged() {
        Self.goldens[0].expectFirstSamples(Self.firstSamples)
    }

    @Test func fillMatchesRepeatedSample() {
        Self.goldens[0].expectFillMatchesSample()
    }

    @Test(arguments: 0..<BernoulliTests.goldens.count)
    func samplerMatchesDistribution(index: Int) {
        expectChiSquarePasses(Self.goldens[index].law, seed: 1000 + UInt64(index))
    }

    @Test func samplesLieInSupport() async {
        seededPropertyCheck(count: 50, seed: 224_058_222, input: Gen.int(in: 0...Int(UInt32.max))) { seed in
            for golden in Self.goldens {
                let (lower, upper) = golden.law.support
                for x in draws(golden.law, count: 20, seed: UInt64(seed)) {
                    #expect(x >= lower && x <= upper, "\(x) outside support of \(golden.law)")
                }
            }
        }
    }

    @Test func quantileIsSmallestValueReachingP() async {
        seededPropertyCheck(seed: 2_488_502_996, input: Gen.double(in: 1e-9...(1 - 1e-9))) { p in
            for golden in Self.goldens {
                let law = golden.law
                let k = law.quantile(p)
                #expect(law.cdf(k) >= p, "\(law).cdf(quantile(\(p)))")
                if k > law.support.lower { #expect(law.cdf(k - 1) < p, "\(law) at p = \(p)") }
            }
        }
    }

    @Test func extremeProbabilitiesAreAllowed() throws {
        #expect(draws(try Bernoulli(p: 0), count: 1_000, seed: 2).allSatisfy { $0 == 0 })
        #expect(draws(try Bernoulli(p: 1), count: 1_000, seed: 2).allSatisfy { $0 == 1 })
    }

    @Test func rejectsBadParameters() {
        expectError(
            .probabilityOutsideUnitInterval(parameter: "p", value: -0.1),
            "p (-0.1) must be a probability: give it a value from 0 to 1"
        ) { _ = try Bernoulli(p: -0.1) }
        expectError(.notFinite(parameter: "p", value: .nan), "p (nan) must be a finite number: give it a finite value") {
            _ = try Bernoulli(p: .nan)
        }
    }

}
