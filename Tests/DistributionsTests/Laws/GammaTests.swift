import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct GammaTests {
    /// Reference values from scipy.stats 1.17.
    static let goldens: [Golden<Gamma>] = [
        Golden(
            law: try! Gamma(shape: 0.4, scale: 2),
            cdf: [
                (0.0001, 0.021455025061355038), (0.1, 0.3352563336976129), (0.8, 0.7014412706419407), (3.0, 0.9385588273767907),
                (12.0, 0.9996494475432603),
            ],
            quantile: [
                (1e-06, 1.483070936512799e-15), (0.01, 1.4830787919215435e-05), (0.25, 0.04712989287481675),
                (0.5, 0.2901562832868709), (0.9, 2.2596856509452974), (0.999999, 23.011714957961356),
            ],
            logDensity: [
                (0.0001, 4.452217533259947), (0.1, 0.25761436587066533), (0.8, -1.3400505591372363), (3.0, -3.233104063126628),
                (12.0, -8.564880679798561),
            ],
            mean: 0.8, variance: 1.6),
        Golden(
            law: try! Gamma(shape: 3.5, scale: 1.5),
            cdf: [
                (0.2, 6.710047852652078e-05), (2.0, 0.08596694989894603), (5.0, 0.535608718914148), (9.0, 0.8994411314916412),
                (25.0, 0.9999770534363155),
            ],
            quantile: [
                (1e-06, 0.05889270074277746), (0.01, 0.9292817291759474), (0.25, 3.191139137659886), (0.5, 4.759358396641137),
                (0.9, 9.012777467835399), (0.999999, 30.39137342558604),
            ],
            logDensity: [
                (0.2, -6.777029595144234), (2.0, -2.22056686265912), (5.0, -1.929840032973732), (9.0, -3.1270400373851013),
                (25.0, -11.239578585221816),
            ],
            mean: 5.25, variance: 7.875),
        Golden(
            law: try! Gamma(shape: 150, scale: 0.1),
            cdf: [
                (11.0, 0.00016911572034396008), (14.0, 0.2095436239186071), (15.0, 0.5108582297493597),
                (16.0, 0.7956261882343225), (20.0, 0.9999032137800506),
            ],
            quantile: [
                (1e-06, 9.879846349277472), (0.01, 12.298623960631836), (0.25, 14.156764953371985), (0.5, 14.966679867460904),
                (0.9, 16.58942598622696), (0.999999, 21.557067886121274),
            ],
            logDensity: [
                (11.0, -7.335310959263316), (14.0, -1.402164493547152), (15.0, -1.1222266419913374), (16.0, -1.5059869924932534),
                (20.0, -8.257597846675926),
            ],
            mean: 15.0, variance: 1.5),
    ]

    /// The first draws at seed 42, recorded so that any change to the sampler shows up.
    static let firstSamples: [Double] = [
        1.2180185044988945, 0.2656973063273378, 0.06359125156681082, 1.2562188833524623, 0.08081292330217697,
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

    @Test(arguments: 0..<GammaTests.goldens.count)
    func samplerMatchesDistribution(index: Int) {
        expectKolmogorovSmirnovPasses(Self.goldens[index].law, seed: 1000 + UInt64(index))
    }

    @Test func samplesLieInSupport() async {
        seededPropertyCheck(count: 50, seed: 2_677_096_191, input: Gen.int(in: 0...Int(UInt32.max))) { seed in
            for golden in Self.goldens {
                let (lower, upper) = golden.law.support
                for x in draws(golden.law, count: 20, seed: UInt64(seed)) {
                    #expect(x >= lower && x <= upper, "\(x) outside support of \(golden.law)")
                }
            }
        }
    }

    @Test func cdfInvertsQuantile() async {
        seededPropertyCheck(seed: 110_653_253, input: Gen.double(in: 1e-9...(1 - 1e-9))) { p in
            for golden in Self.goldens {
                let x = golden.law.quantile(p)
                expectClose(golden.law.cdf(x), p, relative: 1e-9, absolute: 1e-13, "\(golden.law) at p = \(p)")
            }
        }
    }

    @Test func alternativeParameterisations() throws {
        #expect(try Gamma(shape: 2, rate: 4) == Gamma(shape: 2, scale: 0.25))
        let fromMoments = try Gamma(mean: 6, sd: 2)
        expectClose(fromMoments.shape, 9, relative: 1e-12)
        expectClose(fromMoments.scale, 2.0 / 3.0, relative: 1e-12)
    }

    @Test func rejectsBadParameters() {
        expectError(.nonPositive(parameter: "shape", value: 0), "shape (0) must be positive: give it a value above 0") {
            _ = try Gamma(shape: 0, scale: 1)
        }
        expectError(.nonPositive(parameter: "rate", value: -0.5), "rate (-0.5) must be positive: give it a value above 0") {
            _ = try Gamma(shape: 1, rate: -0.5)
        }
        expectError(.notFinite(parameter: "sd", value: .infinity), "sd (inf) must be a finite number: give it a finite value") {
            _ = try Gamma(mean: 1, sd: .infinity)
        }
    }

}
