import TestSupport
import Testing

@testable import Distributions

@Suite struct IncompleteBetaTests {
    /// (a, b, x, I_x(a, b), 1 - I_x(a, b)) from scipy.special.betainc / betaincc.
    static let reference: [(Double, Double, Double, Double, Double)] = [
        (0.5, 0.5, 0.1, 0.20483276469913345, 0.7951672353008665), (2.0, 3.0, 0.4, 0.5247999999999999, 0.47519999999999996),
        (2.0, 3.0, 0.95, 0.99951875, 0.00048125000000000126), (0.1, 8.0, 0.001, 0.6444798310985543, 0.3555201689014458),
        (30.0, 40.0, 0.5, 0.8857998873233515, 0.11420011267664848), (5.0, 0.7, 0.999, 0.973625404730876, 0.026374595269124043),
        (200.0, 300.0, 0.35, 0.010341770254687632, 0.9896582297453124),
    ]

    @Test func matchesScipy() {
        for (a, b, x, i, complement) in Self.reference {
            expectClose(regularizedIncompleteBeta(a, b, x), i, relative: 1e-11, "I(\(a), \(b), \(x))")
            expectClose(
                regularizedIncompleteBetaComplement(a, b, x), complement, relative: 1e-11,
                "1 - I(\(a), \(b), \(x))")
        }
    }

    @Test func edgesAndDomain() {
        #expect(regularizedIncompleteBeta(2, 3, 0) == 0)
        #expect(regularizedIncompleteBeta(2, 3, 1) == 1)
        #expect(regularizedIncompleteBeta(2, 3, 1.5).isNaN)
        #expect(regularizedIncompleteBeta(-1, 3, 0.5).isNaN)
    }
}
