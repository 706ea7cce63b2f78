import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct BetaTests {
    /// Reference values from scipy.stats 1.17.
    static let goldens: [Golden<Beta>] = [
        Golden(
            law: try! Beta(alpha: 0.5, beta: 0.7),
            cdf: [
                (1e-06, 0.0007981497847963977), (0.05, 0.17938195144567662), (0.4, 0.5290745979529031), (0.9, 0.8837889567707928),
                (0.999, 0.9954705468870126),
            ],
            quantile: [
                (1e-06, 1.5697528676016355e-12), (0.01, 0.00015697035848113614), (0.25, 0.09617666129459618),
                (0.5, 0.3610839131320438), (0.9, 0.9188348842782802), (0.999999, 0.9999999940130552),
            ],
            logDensity: [
                (1e-06, 5.989149299522604), (0.05, 0.5946478456335779), (0.4, -0.3072132263928079), (0.9, -0.17515049373255565),
                (0.999, 1.1542205544017503),
            ],
            mean: 0.4166666666666667, variance: 0.11047979797979797),
        Golden(
            law: try! Beta(alpha: 2, beta: 5),
            cdf: [
                (0.01, 0.0014604476049999997), (0.1, 0.11426500000000002), (0.3, 0.5798250000000003), (0.6, 0.95904),
                (0.95, 0.999998203125),
            ],
            quantile: [
                (1e-06, 0.00025828782935406356), (0.01, 0.026763191142755053), (0.25, 0.16116291679032652),
                (0.5, 0.26444998329566005), (0.9, 0.5103163065514917), (0.999999, 0.9555730480299243),
            ],
            logDensity: [
                (0.01, -1.2441741477399408), (0.1, 0.6771702260368047), (0.3, 0.7705248015812898), (0.6, -0.7747911696004555),
                (0.95, -8.633025006941354),
            ],
            mean: 0.2857142857142857, variance: 0.025510204081632654),
        Golden(
            law: try! Beta(alpha: 30, beta: 4),
            cdf: [
                (0.6, 8.949956565974161e-05), (0.8, 0.0808127257645497), (0.9, 0.5769436641256929), (0.95, 0.91919050658563),
                (0.99, 0.9996754666193255),
            ],
            quantile: [
                (1e-06, 0.5065932006126107), (0.01, 0.7265132635612903), (0.25, 0.85009170491376), (0.5, 0.8898512644844134),
                (0.9, 0.946071956946056), (0.999999, 0.9977473725781855),
            ],
            logDensity: [
                (0.6, -5.557146703650744), (0.8, 0.7061918557710705), (0.9, 2.0424583481263543), (0.95, 1.5309662232845174),
                (0.99, -2.1013017165303616),
            ],
            mean: 0.8823529411764706, variance: 0.002965892239248641),
    ]

    /// The first draws at seed 42, recorded so that any change to the sampler shows up.
    static let firstSamples: [Double] = [
        0.6747938735487164, 0.07164962762294677, 0.9564169470191713, 0.04741900784580165, 0.10999383101639937,
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

    @Test(arguments: 0..<BetaTests.goldens.count)
    func samplerMatchesDistribution(index: Int) {
        expectKolmogorovSmirnovPasses(Self.goldens[index].law, seed: 1000 + UInt64(index))
    }

    @Test func samplesLieInSupport() async {
        seededPropertyCheck(count: 50, seed: 1_627_078_535, input: Gen.int(in: 0...Int(UInt32.max))) { seed in
            for golden in Self.goldens {
                let (lower, upper) = golden.law.support
                for x in draws(golden.law, count: 20, seed: UInt64(seed)) {
                    #expect(x >= lower && x <= upper, "\(x) outside support of \(golden.law)")
                }
            }
        }
    }

    @Test func cdfInvertsQuantile() async {
        seededPropertyCheck(seed: 4_193_414_717, input: Gen.double(in: 1e-9...(1 - 1e-9))) { p in
            for golden in Self.goldens {
                let x = golden.law.quantile(p)
                expectClose(golden.law.cdf(x), p, relative: 1e-9, absolute: 1e-13, "\(golden.law) at p = \(p)")
            }
        }
    }

    @Test func meanAndSDParameterisation() throws {
        let law = try Beta(mean: 0.3, sd: 0.1)
        expectClose(law.mean, 0.3, relative: 1e-12)
        expectClose(law.standardDeviation, 0.1, relative: 1e-12)
    }

    @Test func rejectsBadParameters() {
        expectError(.nonPositive(parameter: "beta", value: 0), "beta (0) must be positive: give it a value above 0") {
            _ = try Beta(alpha: 1, beta: 0)
        }
        expectError(
            .outsideOpenUnitInterval(parameter: "mean", value: 1),
            "mean (1) must lie strictly between 0 and 1: give it a value above 0 and below 1"
        ) { _ = try Beta(mean: 1, sd: 0.1) }
        expectError(
            .varianceTooLarge(mean: 0.5, sd: 0.6, maximumSD: 0.5),
            "sd (0.6) is too large for a beta with mean 0.5: it must be below sqrt(mean * (1 - mean)) = 0.5, so lower sd"
        ) { _ = try Beta(mean: 0.5, sd: 0.6) }
    }

    @Test func tinyShapesStayInsideTheUnitInterval() {
        let law = try! Beta(alpha: 0.01, beta: 0.02)
        let samples = draws(law, count: 5_000, seed: 11)
        #expect(samples.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

}
