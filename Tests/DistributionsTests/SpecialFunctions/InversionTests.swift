import Foundation
import TestSupport
import Testing

@testable import Distributions

/// The generic quantile solvers against laws whose quantiles have closed forms.
@Suite struct InversionTests {
    /// Exponential(rate 2): x = -ln(1 - p) / 2, solved from poor starting points and in both tails.
    @Test func continuousQuantilesMatchTheClosedForm() {
        let rate = 2.0
        for p in [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-9] {
            for initial in [0.001, 1, 50, -3, Double.nan] {
                let x = invertContinuousCDF(
                    p, initial: initial, lower: 0, upper: .infinity, cdf: { -expm1(-rate * $0) }, survival: { exp(-rate * $0) },
                    density: { rate * exp(-rate * $0) })
                expectClose(x, -log1p(-p) / rate, relative: 1e-12, "p \(p) from \(initial)")
            }
        }
        let cdf: (Double) -> Double = { -expm1(-rate * $0) }
        let survival: (Double) -> Double = { exp(-rate * $0) }
        let density: (Double) -> Double = { rate * exp(-rate * $0) }
        #expect(
            invertContinuousCDF(0, initial: 1, lower: 0, upper: .infinity, cdf: cdf, survival: survival, density: density) == 0)
        #expect(
            invertContinuousCDF(1, initial: 1, lower: 0, upper: .infinity, cdf: cdf, survival: survival, density: density)
                == .infinity)
        #expect(
            invertContinuousCDF(1.5, initial: 1, lower: 0, upper: .infinity, cdf: cdf, survival: survival, density: density).isNaN
        )
    }

    /// A law on the whole line (logistic): quantile ln(p / (1 - p)), negative and positive.
    @Test func continuousQuantilesOnTheWholeLine() {
        for p in [1e-10, 0.2, 0.5, 0.8, 1 - 1e-10] {
            let x = invertContinuousCDF(
                p, initial: 0, lower: -.infinity, upper: .infinity, cdf: { 1 / (1 + exp(-$0)) },
                survival: { 1 / (1 + exp($0)) },
                density: {
                    let e = exp(-abs($0)); return e / ((1 + e) * (1 + e))
                })
            expectClose(x, log(p / (1 - p)), relative: 1e-10, absolute: 1e-12, "p \(p)")
        }
    }

    /// Geometric on 1, 2, ... with success 0.1: the smallest k with 1 - 0.9^k >= p, from any start.
    @Test func discreteQuantilesAreTheSmallestIntegerReachingP() {
        let cdf: (Double) -> Double = { $0 < 1 ? 0 : 1 - pow(0.9, $0.rounded(.down)) }
        for p in [0.05, 0.1, 0.1000001, 0.5, 0.99, 0.999999] {
            let expected = max(1, (log1p(-p) / log(0.9)).rounded(.up))
            for start in [1.0, 7, 400, .nan] {
                let k = invertDiscreteCDF(p, start: start, lower: 1, cdf: cdf)
                #expect(k == expected, "p \(p) from \(start): \(k)")
                #expect(cdf(k) >= p && (k == 1 || cdf(k - 1) < p))
            }
        }
        #expect(invertDiscreteCDF(0, start: 5, lower: 1, cdf: cdf) == 1)
        #expect(invertDiscreteCDF(1, start: 5, lower: 1, cdf: cdf) == .infinity)
        #expect(invertDiscreteCDF(-0.1, start: 5, lower: 1, cdf: cdf).isNaN)
    }
}
