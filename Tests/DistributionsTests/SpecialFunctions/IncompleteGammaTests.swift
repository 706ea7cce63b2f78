import TestSupport
import Testing

@testable import Distributions

@Suite struct IncompleteGammaTests {
    /// (a, x, P(a, x), Q(a, x)) from scipy.special.gammainc / gammaincc.
    static let reference: [(Double, Double, Double, Double)] = [
        (0.5, 0.1, 0.34527915398142317, 0.6547208460185768), (0.5, 3.0, 0.9856941215645704, 0.014305878435429641),
        (2.0, 1.0, 0.2642411176571153, 0.7357588823428847), (7.5, 3.0, 0.020252253282186623, 0.9797477467178134),
        (7.5, 12.0, 0.9349065136011695, 0.06509348639883054), (50.0, 45.0, 0.24680203440017026, 0.7531979655998298),
        (50.0, 70.0, 0.994859497541494, 0.0051405024585059085), (0.001, 0.01, 0.9959694030335132, 0.004030596966486843),
        (300.0, 280.0, 0.12260728267114329, 0.8773927173288567),
    ]

    @Test func matchesScipy() {
        for (a, x, p, q) in Self.reference {
            expectClose(regularizedGammaP(a, x), p, relative: 1e-11, "P(\(a), \(x))")
            expectClose(regularizedGammaQ(a, x), q, relative: 1e-11, "Q(\(a), \(x))")
        }
    }

    @Test func edgesAndDomain() {
        #expect(regularizedGammaP(2, 0) == 0)
        #expect(regularizedGammaQ(2, .infinity) == 0)
        #expect(regularizedGammaP(0, 1).isNaN)
        #expect(regularizedGammaQ(1, -1).isNaN)
    }
}
