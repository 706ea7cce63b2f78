import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct UniformTests {
    /// Reference values from scipy.stats 1.17.
    static let goldens: [Golden<Uniform>] = [
        Golden(
            law: try! Uniform(min: 2, max: 7),
            cdf: [(1.0, 0.0), (2.0, 0.0), (3.5, 0.3), (6.9, 0.9800000000000001), (8.0, 1.0)],
            quantile: [(0.0, 2.0), (0.01, 2.05), (0.5, 4.5), (0.9, 6.5), (1.0, 7.0)],
            logDensity: [
                (1.0, -.infinity), (2.0, -1.6094379124341003), (3.5, -1.6094379124341003), (6.9, -1.6094379124341003),
                (8.0, -.infinity),
            ],
            mean: 4.5, variance: 2.083333333333333)
    ]

    /// The first draws at seed 42, recorded so that any change to the sampler shows up.
    static let firstSamples: [Double] = [
        6.071525725614549, 3.594105200308306, 6.919470840887444, 5.505677990673778, 5.967522448458645,
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

    @Test(arguments: 0..<UniformTests.goldens.count)
    func samplerMatchesDistribution(index: Int) {
        expectKolmogorovSmirnovPasses(Self.goldens[index].law, seed: 1000 + UInt64(index))
    }

    @Test func samplesLieInSupport() async {
        seededPropertyCheck(count: 50, seed: 1_429_265_056, input: Gen.int(in: 0...Int(UInt32.max))) { seed in
            for golden in Self.goldens {
                let (lower, upper) = golden.law.support
                for x in draws(golden.law, count: 20, seed: UInt64(seed)) {
                    #expect(x >= lower && x <= upper, "\(x) outside support of \(golden.law)")
                }
            }
        }
    }

    @Test func cdfInvertsQuantile() async {
        seededPropertyCheck(seed: 3_426_323_226, input: Gen.double(in: 1e-9...(1 - 1e-9))) { p in
            for golden in Self.goldens {
                let x = golden.law.quantile(p)
                expectClose(golden.law.cdf(x), p, relative: 1e-9, absolute: 1e-13, "\(golden.law) at p = \(p)")
            }
        }
    }

    @Test func rejectsBadParameters() {
        expectError(.emptyRange(min: 5, max: 3), "max (3) must be above min (5): raise max or lower min") {
            _ = try Uniform(min: 5, max: 3)
        }
        expectError(
            .notFinite(parameter: "max", value: .infinity), "max (inf) must be a finite number: give it a finite value"
        ) { _ = try Uniform(min: 0, max: .infinity) }
    }

}
