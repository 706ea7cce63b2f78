import Foundation
import Testing

@testable import Distributions

@Suite struct BatchExpTests {
    @Test(arguments: [-708.0, -300.5, -20, -1, -1e-9, 0, 1e-12, 0.5, 1, 2.302585092994046, 20, 300.25, 709])
    func withinTwoUlpOfLibm(x: Double) {
        let exact = Foundation.exp(x)
        #expect(abs(batchExp(x) - exact) <= 2 * exact.ulp, "exp(\(x))")
    }

    @Test func denseSweepStaysWithinTwoUlp() {
        var worst = 0.0
        var x = -50.0
        while x < 50 {
            let exact = Foundation.exp(x)
            worst = max(worst, abs(batchExp(x) - exact) / exact.ulp)
            x += 0.001_37
        }
        #expect(worst <= 2)
    }

    @Test func clampsInsteadOfOverflowing() {
        #expect(batchExp(1_000).isFinite)
        #expect(batchExp(-1_000) > 0)
    }
}
