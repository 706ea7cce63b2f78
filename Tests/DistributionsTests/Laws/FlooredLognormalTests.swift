import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct FlooredLognormalTests {
    /// Reference values from mpmath 1.3 at 40 digits: cdf(x) = Φ((ln(⌊x⌋ + 1) - μ)/σ), the pmf
    /// as a difference of normal tails, the quantile by search, and the moments as
    /// 1 + Σ_{j>=2} P(X > j) and 1 + Σ_{j>=2} (2j - 1) P(X > j) summed to j = 200,000.
    static let goldens: [Golden<FlooredLognormal>] = [
        Golden(
            law: try! FlooredLognormal(median: 5, p90: 20),
            cdf: [
                (1.0, 0.19848097616225036), (1.5, 0.19848097616225036), (2.0, 0.3183814193861988), (5.0, 0.5669231511630619),
                (13.0, 0.8294072659406144), (60.0, 0.9896232089414969),
            ],
            // Not 0.9: Q_X(0.9) is 20 to the last bit, so cdf(19) = F_X(20) = 0.9 up to rounding.
            quantile: [(1e-06, 1.0), (0.01, 1.0), (0.25, 2.0), (0.5, 4.0), (0.75, 10.0), (0.95, 29.0), (0.999999, 855.0)],
            logDensity: [
                (1.0, -1.6170620214211937), (2.0, -2.1210935203420864), (5.0, -2.7042103154625514), (13.0, -4.020732836104778),
                (60.0, -7.756125370727999), (150.0, -10.964157307834226),
            ],
            mean: 8.542824478444606, variance: 178.05021574095574),
        // The turns of the numpy reference (scripts/reference_numpy.py): ln 30, 0.6.
        Golden(
            law: try! FlooredLognormal(mu: 3.4011973816621555, sigma: 0.6),
            cdf: [
                (0.5, 0.0), (1.0, 3.189571029732635e-06), (7.0, 0.01379996827520096), (29.0, 0.5), (30.0, 0.5217912303661745),
                (64.9, 0.9012400714033979), (150.0, 0.996464382603834),
            ],
            quantile: [(1e-06, 1.0), (0.01, 7.0), (0.25, 20.0), (0.5, 29.0), (0.9, 64.0), (0.999999, 519.0)],
            logDensity: [
                (1.0, -12.65562412364793), (2.0, -9.739310010411035), (5.0, -6.1000289864581), (13.0, -3.896952389378502),
                (30.0, -3.8262476669030927), (60.0, -5.194025466714032), (150.0, -9.034534131125122),
            ],
            mean: 35.41652090141872, variance: 559.0767492669349),
    ]

    /// The first draws at seed 42, recorded so that any change to the sampler shows up.
    static let firstSamples: [Double] = [2.0, 13.0, 4.0, 2.0, 2.0]

    @Test func matchesReferenceValues() {
        for golden in Self.goldens { golden.check() }
    }

    @Test func firstSamplesAtSeed42AreUnchanged() {
        Self.goldens[0].expectFirstSamples(Self.firstSamples)
    }

    @Test func fillMatchesRepeatedSample() {
        Self.goldens[0].expectFillMatchesSample()
    }

    /// The draws are exactly max(1, ⌊x⌋) of the continuous law's draws from the same stream, as
    /// `np.maximum(1, np.floor(rng.lognormal(mu, sigma)))` is of numpy's.
    @Test func drawsAreTheFloorOfTheContinuousDraws() {
        for (index, golden) in Self.goldens.enumerated() {
            let floored = draws(golden.law, count: 10_000, seed: 77 + UInt64(index))
            let continuous = draws(golden.law.continuous, count: 10_000, seed: 77 + UInt64(index))
            #expect(floored == continuous.map { max(1, $0.rounded(.down)) })
        }
    }

    @Test(arguments: 0..<FlooredLognormalTests.goldens.count)
    func samplerMatchesDistribution(index: Int) {
        expectChiSquarePasses(Self.goldens[index].law, seed: 1000 + UInt64(index))
    }

    /// Kolmogorov–Smirnov against the exact cdf at a fixed seed. The law is discrete, so the
    /// distance is taken at the support points (the empirical and exact cdfs are both flat in
    /// between); the continuous critical value is conservative for a discrete law.
    @Test(arguments: 0..<FlooredLognormalTests.goldens.count)
    func kolmogorovSmirnovAgainstExactCDF(index: Int) {
        let law = Self.goldens[index].law
        let count = 20_000
        let samples = draws(law, count: count, seed: 2000 + UInt64(index))
        var counts: [Double: Int] = [:]
        for x in samples { counts[x, default: 0] += 1 }
        let top = samples.max() ?? 1
        var below = 0, d = 0.0
        var k = 1.0
        while k <= top {
            below += counts[k, default: 0]
            d = max(d, abs(Double(below) / Double(count) - law.cdf(k)))
            k += 1
        }
        #expect(d < kolmogorovSmirnovCritical(count), "KS D = \(d) for \(law)")
    }

    @Test func samplesLieInSupport() async {
        seededPropertyCheck(count: 50, seed: 1_877_220_943, input: Gen.int(in: 0...Int(UInt32.max))) { seed in
            for golden in Self.goldens {
                let (lower, upper) = golden.law.support
                for x in draws(golden.law, count: 20, seed: UInt64(seed)) {
                    #expect(x >= lower && x <= upper, "\(x) outside support of \(golden.law)")
                }
            }
        }
    }

    @Test func quantileIsSmallestValueReachingP() async {
        seededPropertyCheck(seed: 2_390_152_331, input: Gen.double(in: 1e-9...(1 - 1e-9))) { p in
            for golden in Self.goldens {
                let law = golden.law
                let k = law.quantile(p)
                #expect(law.cdf(k) >= p, "\(law).cdf(quantile(\(p)))")
                if k > law.support.lower { #expect(law.cdf(k - 1) < p, "\(law) at p = \(p)") }
            }
        }
    }

    @Test func pmfSumsToTheCDF() {
        for golden in Self.goldens {
            var total = 0.0
            for k in 1...400 {
                total += Double.exp(golden.law.logDensity(Double(k)))
                expectClose(total, golden.law.cdf(Double(k)), relative: 1e-12, absolute: 1e-15, "\(golden.law) at \(k)")
            }
        }
    }

    /// Flooring instead of rounding up moves every non-integer value down by one, except the
    /// values below 2, which both send to 1: E max(1, ⌊X⌋) = E⌈X⌉ - P(X > 1).
    @Test func meanIsTheCeilingLawsLessTheMassAboveOne() throws {
        let floored = try FlooredLognormal(median: 5, p90: 20)
        let ceiling = try DiscretisedLognormal(median: 5, p90: 20)
        expectClose(floored.mean, ceiling.mean - (1 - floored.continuous.cdf(1)), relative: 1e-12)
    }

    @Test func valuesAreWholeNumbersFromOne() {
        let law = Self.goldens[0].law
        let samples = draws(law, count: 2_000, seed: 3)
        #expect(samples.allSatisfy { $0 >= 1 && $0 == $0.rounded() })
        #expect(law.cdf(0.99) == 0)
        #expect(law.cdf(2.7) == law.cdf(2))
        #expect(law.logDensity(2.5) == -.infinity)
        #expect(law.logDensity(0) == -.infinity)
        #expect(law.quantile(1) == .infinity)
        #expect(law.quantile(0) == 1)
        #expect(law.quantile(1.5).isNaN)
        #expect(law.cdf(.nan).isNaN)
    }

    @Test func rejectsBadParameters() {
        expectError(
            .quantilesOutOfOrder(lower: "median", lowerValue: 3, upper: "p90", upperValue: 3),
            "p90 (3) must be above the median (3): raise p90 or lower the median"
        ) { _ = try FlooredLognormal(median: 3, p90: 3) }
        expectError(.nonPositive(parameter: "sigma", value: -2), "sigma (-2) must be positive: give it a value above 0") {
            _ = try FlooredLognormal(mu: 1, sigma: -2)
        }
        expectError(.nonPositive(parameter: "sigma", value: 0), "sigma (0) must be positive: give it a value above 0") {
            _ = try FlooredLognormal(mu: 1, sigma: 0)
        }
        expectError(.notFinite(parameter: "mu", value: .infinity), "mu (inf) must be a finite number: give it a finite value") {
            _ = try FlooredLognormal(mu: .infinity, sigma: 1)
        }
        expectError(.nonPositive(parameter: "mean", value: 0), "mean (0) must be positive: give it a value above 0") {
            _ = try FlooredLognormal(mean: 0, sd: 2)
        }
    }
}
