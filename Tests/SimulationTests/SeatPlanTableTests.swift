import Distributions
import Foundation
import Testing

@testable import Simulation

/// The seat table's pure parts: its node grid, the developer spread it stands on, and the
/// lookup between nodes. (The table itself is checked against the exact path by
/// `make accuracy-check` and the team forecast tests.)
@Suite struct SeatPlanTableTests {
    @Test func groupMeansAreGeometric() {
        let g = SeatPlanTable.geometric(from: 0.5, to: 32, count: 7)
        #expect(g.first == 0.5 && abs(g[6] - 32) < 1e-12)
        for i in 1..<7 { #expect(abs(g[i] / g[i - 1] - 2) < 1e-12) }
    }

    @Test(arguments: [0.3, 1.0, 2.0])
    func spreadMultipliersAreTheGammaBinsConditionalMeans(cv: Double) throws {
        let m = SeatPlanTable.spreadMultipliers(cv: cv)
        #expect(m.count == SeatPlanTable.spreadBins)
        // Mean 1, ascending, and their spread is the gamma's less the within-bin part: below cv².
        let mean = m.reduce(0, +) / Double(m.count)
        #expect(abs(mean - 1) < 1e-9)
        #expect(zip(m, m.dropFirst()).allSatisfy { $0 < $1 })
        let variance = m.reduce(0) { $0 + ($1 - 1) * ($1 - 1) } / Double(m.count)
        #expect(variance < cv * cv && variance > 0.9 * cv * cv)
        // The heaviest bin's mean lies above the gamma's quantile at its lower edge.
        let g = try Gamma(shape: 1 / (cv * cv), scale: cv * cv)
        #expect(m[m.count - 1] > g.quantile(1 - 1 / Double(m.count)))
        #expect(SeatPlanTable.spreadMultipliers(cv: 0) == [1])
    }

    @Test func interpolationIsLinearBetweenNodesTowardsZeroBelowAndFlatAbove() {
        // Two scales (S = 2); values at nodes 1, 2, 4 for scale index 1: 10, 20, 40.
        let v: [Double] = [0, 10, 0, 20, 0, 40]
        let nodes: [Double] = [1, 2, 4]
        func at(_ x: Double) -> Double { SeatPlanTable.interpolate(v, nodes: nodes, scaleIndex: 1, scales: 2, at: x) }
        #expect(at(0.5) == 5 && at(0) == 0 && at(-1) == 0)
        #expect(at(1.5) == 15 && at(3) == 30 && at(2) == 20)
        #expect(at(9) == 40)
    }
}
