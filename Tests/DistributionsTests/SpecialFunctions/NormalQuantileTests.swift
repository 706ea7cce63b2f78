import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct NormalQuantileTests {
    /// (x, Φ(x)) from scipy.special.ndtr.
    static let cdfReference: [(Double, Double)] = [
        (-30.0, 4.906713927147908e-198), (-10.0, 7.61985302416047e-24), (-3.0, 0.0013498980316300933),
        (-1.0, 0.15865525393145707), (0.0, 0.5), (0.5, 0.6914624612740131), (2.0, 0.9772498680518208), (6.0, 0.9999999990134123),
    ]
    /// (p, Φ⁻¹(p)) from scipy.special.ndtri.
    static let quantileReference: [(Double, Double)] = [
        (1e-300, -37.0470962993612), (1e-20, -9.262340089798409), (1e-05, -4.264890793922825), (0.02, -2.053748910631823),
        (0.3, -0.5244005127080409), (0.5, 0.0), (0.7, 0.5244005127080407), (0.975, 1.959963984540054),
        (0.9999999999, 6.361340889697422),
    ]

    @Test func cdfMatchesScipy() {
        for (x, expected) in Self.cdfReference { expectClose(normalCDF(x), expected, relative: 1e-13, "Φ(\(x))") }
    }

    @Test func quantileMatchesScipy() {
        for (p, expected) in Self.quantileReference {
            expectClose(normalQuantile(p), expected, relative: 1e-14, absolute: 1e-300, "Φ⁻¹(\(p))")
        }
    }

    @Test func quantileEdges() {
        #expect(normalQuantile(0) == -.infinity)
        #expect(normalQuantile(1) == .infinity)
        #expect(normalQuantile(-0.1).isNaN)
        #expect(normalQuantile(.nan).isNaN)
    }

    @Test func cdfInvertsQuantile() async {
        seededPropertyCheck(seed: 3_081_732_074, input: Gen.double(in: 1e-12...(1 - 1e-12))) { p in
            expectClose(normalCDF(normalQuantile(p)), p, relative: 1e-12, absolute: 1e-16)
        }
    }
}
