import Foundation
import Testing

@testable import Simulation

/// The closed-form thread moments of the aggregated team path (ThreadCostMoments): attempts
/// stop at the first success or at the cap, independent of each attempt's cost.
@Suite struct ThreadCostMomentsTests {
    /// E[A], Var A and P(complete) by summing over the attempt count's distribution directly.
    static func bySum(success ps: Double, cap: Int) -> (mean: Double, variance: Double, completion: Double) {
        var mean = 0.0, square = 0.0, completion = 0.0
        for a in 1...cap {
            // A = a: a - 1 failures, then a success, or the cap reached.
            let reach = pow(1 - ps, Double(a - 1))
            let stopHere = a == cap ? reach : reach * ps
            mean += Double(a) * stopHere
            square += Double(a * a) * stopHere
            completion += reach * ps
        }
        return (mean, square - mean * mean, completion)
    }

    @Test(arguments: [(0.6, 0.03, 3), (0.3, 0.1, 1), (0.9, 0, 5), (0.05, 0.2, 40)])
    func momentsMatchTheAttemptDistribution(oneShot: Double, offTheRails: Double, cap: Int) {
        let trial = TrialBehaviour(oneShotRate: oneShot, offTheRailsRate: offTheRails)
        let mu = 0.8, m2 = 1.3  // an attempt's mean cost and mean square (variance 0.66)
        let m = ThreadCostMoments.threadMoments(attemptMean: mu, attemptMeanSquare: m2, trial: trial, maxAttempts: cap)
        let exact = Self.bySum(success: (1 - offTheRails) * oneShot, cap: cap)
        #expect(abs(m.expectedAttempts - exact.mean) < 1e-12)
        #expect(abs(m.completion - exact.completion) < 1e-12)
        #expect(abs(m.threadMean - exact.mean * mu) < 1e-12)
        // Var X = E[A] Var C + Var(A) E[C]^2 (Wald's identity for a stopping count).
        #expect(abs(m.threadVariance - (exact.mean * (m2 - mu * mu) + exact.variance * mu * mu)) < 1e-12)
    }

    @Test func oneAttemptHasTheAttemptsOwnVariance() {
        let m = ThreadCostMoments.threadMoments(
            attemptMean: 2, attemptMeanSquare: 5, trial: TrialBehaviour(oneShotRate: 0.5, offTheRailsRate: 0), maxAttempts: 1)
        #expect(m.expectedAttempts == 1 && m.threadMean == 2 && m.threadVariance == 1 && m.completion == 0.5)
    }
}
