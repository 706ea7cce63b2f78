import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct PERTTests {
    /// Reference values from scipy.stats 1.17.
    static let goldens: [Golden<PERT>] = [
        Golden(
            law: try! PERT(min: 1, mode: 3, max: 10),
            cdf: [
                (1.1, 0.001909410130445596), (2.0, 0.11992733461001337), (3.0, 0.3481374328691094), (6.0, 0.8939657155746442),
                (9.5, 0.99997075037534),
            ],
            quantile: [
                (1e-06, 1.0018110787132286), (0.01, 1.2444987486736885), (0.25, 2.591007308502382), (0.5, 3.638532776608698),
                (0.9, 6.064204993802898), (0.999999, 9.781270760308942),
            ],
            logDensity: [
                (1.1, -3.3344878004888807), (2.0, -1.6194202268976445), (3.0, -1.418720399009541), (6.0, -2.345266644253829),
                (9.5, -8.342970772980276),
            ],
            mean: 3.8333333333333335, variance: 2.4960317460317456),
        Golden(
            law: try! PERT(min: -2, mode: -2, max: 2),
            cdf: [
                (-1.9, 0.1189043066406251), (-1.0, 0.7626953125), (0.0, 0.96875), (1.0, 0.9990234375), (1.9, 0.999999990234375),
            ],
            quantile: [
                (1e-06, -1.99999919999968), (0.01, -1.9919678066457032), (0.25, -1.776350045179608), (0.5, -1.4822022531844965),
                (0.9, -0.523829377920773), (0.999999, 1.747617062206471),
            ],
            logDensity: [
                (-1.9, 0.12187231937705012), (-1.0, -0.9275847384929139), (0.0, -2.5494451709255714), (1.0, -5.322033893165353),
                (1.9, -14.532374265141533),
            ],
            mean: -1.3333333333333335, variance: 0.31746031746031744),
    ]

    /// The first draws at seed 42, recorded so that any change to the sampler shows up.
    static let firstSamples: [Double] = [
        2.947351129357007, 2.380385795699107, 6.655580863100729, 1.9623534097285114, 5.396474530420839,
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

    @Test(arguments: 0..<PERTTests.goldens.count)
    func samplerMatchesDistribution(index: Int) {
        expectKolmogorovSmirnovPasses(Self.goldens[index].law, seed: 1000 + UInt64(index))
    }

    @Test func samplesLieInSupport() async {
        seededPropertyCheck(count: 50, seed: 2_789_832_630, input: Gen.int(in: 0...Int(UInt32.max))) { seed in
            for golden in Self.goldens {
                let (lower, upper) = golden.law.support
                for x in draws(golden.law, count: 20, seed: UInt64(seed)) {
                    #expect(x >= lower && x <= upper, "\(x) outside support of \(golden.law)")
                }
            }
        }
    }

    @Test func cdfInvertsQuantile() async {
        seededPropertyCheck(seed: 1_061_168_652, input: Gen.double(in: 1e-9...(1 - 1e-9))) { p in
            for golden in Self.goldens {
                let x = golden.law.quantile(p)
                expectClose(golden.law.cdf(x), p, relative: 1e-9, absolute: 1e-13, "\(golden.law) at p = \(p)")
            }
        }
    }

    @Test func meanIsTheThreePointEstimate() throws {
        let law = try PERT(min: 2, mode: 5, max: 14)
        expectClose(law.mean, (2 + 4 * 5 + 14) / 6.0, relative: 1e-12)
        #expect(law.standard == (try Beta(alpha: 2, beta: 4)))
    }

    @Test func rejectsBadParameters() {
        expectError(
            .modeOutsideRange(min: 1, mode: 12, max: 10),
            "mode (12) must lie between min (1) and max (10): move the mode into the range or widen the range"
        ) { _ = try PERT(min: 1, mode: 12, max: 10) }
        expectError(.emptyRange(min: 4, max: 4), "max (4) must be above min (4): raise max or lower min") {
            _ = try PERT(min: 4, mode: 4, max: 4)
        }
        expectError(.notFinite(parameter: "mode", value: .nan), "mode (nan) must be a finite number: give it a finite value") {
            _ = try PERT(min: 0, mode: .nan, max: 1)
        }
    }

}
