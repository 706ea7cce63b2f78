import Distributions
import TestSupport
import Testing

@Suite struct StudentTTests {
    /// Reference values from scipy.stats (`t(df)`).
    static let goldens: [Golden<StudentT>] = [
        Golden(
            law: try! StudentT(degreesOfFreedom: 2.0),
            cdf: [
                (-30.0, 0.0005546313409798295), (-2.0, 0.09175170953613698), (-0.3, 0.3962428304200888),
                (0.5, 0.6666666666666666), (4.0, 0.9714045207910317), (100.0, 0.9999500074987502),
            ],
            quantile: [
                (1e-06, -707.1057205259339), (0.01, -6.964556734283274), (0.25, -0.8164965809277261), (0.5, 0.0),
                (0.9, 1.8856180831641272), (0.999999, 707.1057205157672),
            ],
            logDensity: [
                (-30.0, -10.206921780093936), (-2.0, -2.687639203842082), (-0.3, -1.1057460989650794), (0.5, -1.216395324324493),
                (4.0, -4.335557636844247), (100.0, -13.815810527968274),
            ],
            mean: 0.0, variance: Double.infinity),
        Golden(
            law: try! StudentT(degreesOfFreedom: 4.5),
            cdf: [
                (-8.0, 0.00039804739408227035), (-1.7, 0.07817695606794896), (0.1, 0.5376779661846572), (1.3, 0.871901956027983),
                (6.0, 0.9986792620972242),
            ],
            quantile: [
                (1e-06, -31.081356583149244), (0.02, -2.860076882142053), (0.3, -0.5635058039393779), (0.6, 0.2687518355421751),
                (0.95, 2.065575888878524), (0.999999, 31.081356582949844),
            ],
            logDensity: [
                (-8.0, -8.461640647643037), (-1.7, -2.3381991192958465), (0.1, -0.980165020320657), (1.3, -1.8509193365709309),
                (6.0, -7.0164282769649),
            ],
            mean: 0.0, variance: 1.8),
        Golden(
            law: try! StudentT(degreesOfFreedom: 30.0),
            cdf: [
                (-5.0, 1.16483427335039e-05), (-1.0, 0.1626543077130151), (0.2, 0.5785849214703376), (2.5, 0.9909421754659666),
                (7.0, 0.9999999556502067),
            ],
            quantile: [
                (1e-06, -5.871117120418882), (0.05, -1.6972608865939574), (0.4, -0.2556053649519128), (0.5, 0.0),
                (0.99, 2.457261542400591), (0.999999, 5.871117120408624),
            ],
            logDensity: [
                (-5.0, -10.32237528071874), (-1.0, -1.4355125791352066), (0.2, -0.9479232265024166), (2.5, -3.8605213197760384),
                (7.0, -15.935152622854272),
            ],
            mean: 0.0, variance: 1.0714285714285714),
    ]

    @Test func matchesScipyReferenceValues() {
        for golden in Self.goldens { golden.check() }
    }

    @Test func fillMatchesRepeatedSample() {
        Self.goldens[1].expectFillMatchesSample()
    }

    @Test(arguments: 0..<StudentTTests.goldens.count)
    func samplerMatchesDistribution(index: Int) {
        expectKolmogorovSmirnovPasses(Self.goldens[index].law, seed: 1900 + UInt64(index))
    }

    /// Both tails keep their digits: the CDF far out is the tail itself, not 1 minus it.
    @Test func cdfInvertsQuantileInBothTails() throws {
        let law = try StudentT(degreesOfFreedom: 3)
        for p in [1e-12, 1e-6, 0.001, 0.2, 0.4999, 0.5001, 0.8, 0.999] {
            expectClose(law.cdf(law.quantile(p)), p, relative: 1e-9, "p = \(p)")
        }
        // A large ν's tail inside x² < ν (scipy's t(200).cdf at -8 and -0.5).
        let wide = try StudentT(degreesOfFreedom: 200)
        expectClose(wide.cdf(-8), 4.939600454665298e-14, relative: 1e-9, "nu 200 at -8")
        expectClose(wide.cdf(-0.5), 0.30881237615823043, relative: 1e-12, "nu 200 at -0.5")
        // scipy's t(3).cdf(-1e4): 1 - cdf(1e4) would have kept none of its digits.
        expectClose(law.cdf(-1e4), 1.102657751147905e-12, relative: 1e-9, "lower tail")
    }

    @Test func rejectsBadParameters() {
        expectError(
            .nonPositive(parameter: "degrees_of_freedom", value: 0),
            "degrees_of_freedom (0) must be positive: give it a value above 0"
        ) {
            _ = try StudentT(degreesOfFreedom: 0)
        }
        expectError(
            .notFinite(parameter: "degrees_of_freedom", value: .infinity),
            "degrees_of_freedom (inf) must be a finite number: give it a finite value"
        ) {
            _ = try StudentT(degreesOfFreedom: .infinity)
        }
    }
}
