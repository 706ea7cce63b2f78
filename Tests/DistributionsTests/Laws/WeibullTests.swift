import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct WeibullTests {
    /// Reference values from scipy.stats 1.17 (`weibull_min(shape, scale=scale)`).
    static let goldens: [Golden<Weibull>] = [
        Golden(
            law: try! Weibull(shape: 0.6, scale: 2),
            cdf: [
                (0.0001, 0.0026230814981834487), (0.1, 0.15271884805450844), (1.0, 0.48302148137559764),
                (5.0, 0.8232222717036051), (40.0, 0.9976045312249092),
            ],
            quantile: [
                (1e-06, 2.0000016666680537e-10), (0.01, 0.0009361187710390962), (0.25, 0.250736750683602),
                (0.5, 1.0857731489699236), (0.9, 8.030134327080225), (0.999999, 159.08951608066997),
            ],
            logDensity: [
                (0.0001, 2.754795688884111), (0.1, -0.17140259577133898), (1.0, -1.5864678874884048), (5.0, -3.303351204963464),
                (40.0, -8.436442050292696),
            ],
            mean: 3.0091509765031126, variance: 27.98712347311259),
        Golden(
            law: try! Weibull(shape: 1.5, scale: 800),
            cdf: [
                (5.0, 0.000493983834191546), (200.0, 0.1175030974154046), (700.0, 0.5589017121199562),
                (1500.0, 0.9232690006245969), (4000.0, 0.9999860543076221),
            ],
            quantile: [
                (1e-06, 0.08000002666668227), (0.01, 37.25721347761575), (0.25, 348.630345362419), (0.5, 626.5758150197211),
                (0.9, 1394.9772108771294), (0.999999, 4606.113264175827),
            ],
            logDensity: [
                (5.0, -8.817227633061076), (200.0, -7.097293800119708), (700.0, -7.1643998692288235),
                (1500.0, -8.532291778154041), (4000.0, -16.65476755084166),
            ],
            mean: 722.1962343607469, variance: 240441.78228091646),
        Golden(
            law: try! Weibull(shape: 4, scale: 3),
            cdf: [
                (0.5, 0.0007713073277320646), (2.0, 0.17924519170173195), (3.0, 0.6321205588285577), (4.0, 0.9575952047305074),
                (6.0, 0.9999998874648253),
            ],
            quantile: [
                (1e-06, 0.09486834166359828), (0.01, 0.9498748707848582), (0.25, 2.1970981297438366), (0.5, 2.7373329173520853),
                (0.9, 3.695516765550701), (0.999999, 5.783796305162703),
            ],
            logDensity: [
                (0.5, -5.088367940170656), (2.0, -1.1262441160702434), (3.0, -0.7123179275482192), (4.0, -2.0097655373533696),
                (6.0, -13.632876385868384),
            ],
            mean: 2.7192074311664314, variance: 0.5819532753640805),
    ]

    /// The first draws at seed 42, recorded so that any change to the sampler shows up (the
    /// same bits as the law had in `Fitting` before it moved here).
    static let firstSamples: [Double] = [
        0.14303256668573405, 2.4994996492237935, 0.0020822697451471873, 0.35605790184396063, 0.17430524381311815,
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

    @Test(arguments: 0..<WeibullTests.goldens.count)
    func samplerMatchesDistribution(index: Int) {
        expectKolmogorovSmirnovPasses(Self.goldens[index].law, seed: 1700 + UInt64(index))
    }

    @Test func samplesLieInSupport() async {
        seededPropertyCheck(count: 50, seed: 3_141_592_653, input: Gen.int(in: 0...Int(UInt32.max))) { seed in
            for golden in Self.goldens {
                let (lower, upper) = golden.law.support
                for x in draws(golden.law, count: 20, seed: UInt64(seed)) {
                    #expect(x >= lower && x <= upper, "\(x) outside support of \(golden.law)")
                }
            }
        }
    }

    @Test func cdfInvertsQuantile() async {
        seededPropertyCheck(seed: 271_828_182, input: Gen.double(in: 1e-9...(1 - 1e-9))) { p in
            for golden in Self.goldens {
                let x = golden.law.quantile(p)
                expectClose(golden.law.cdf(x), p, relative: 1e-9, absolute: 1e-13, "\(golden.law) at p = \(p)")
            }
        }
    }

    @Test func rejectsBadParameters() {
        expectError(.nonPositive(parameter: "shape", value: 0), "shape (0) must be positive: give it a value above 0") {
            _ = try Weibull(shape: 0, scale: 1)
        }
        expectError(.nonPositive(parameter: "scale", value: -2), "scale (-2) must be positive: give it a value above 0") {
            _ = try Weibull(shape: 1.5, scale: -2)
        }
        expectError(.notFinite(parameter: "shape", value: .nan), "shape (nan) must be a finite number: give it a finite value") {
            _ = try Weibull(shape: .nan, scale: 1)
        }
        expectError(
            .notFinite(parameter: "scale", value: .infinity), "scale (inf) must be a finite number: give it a finite value"
        ) {
            _ = try Weibull(shape: 1, scale: .infinity)
        }
    }
}
