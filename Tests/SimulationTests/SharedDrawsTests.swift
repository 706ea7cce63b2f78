import Distributions
import LinearAlgebra
import Testing

@testable import Simulation

/// The normals a trial shares with everyone in it: the turns/tokens correlation within a model
/// and the price-path correlation across models, through one GEMM by the Cholesky factor.
@Suite struct SharedDrawsTests {
    static func correlation(_ x: [Double], _ k: Int, _ a: Int, _ b: Int) -> Double {
        let n = x.count / k
        var sa = 0.0, sb = 0.0, saa = 0.0, sbb = 0.0, sab = 0.0
        for r in 0..<n {
            let u = x[r * k + a], v = x[r * k + b]
            sa += u; sb += v; saa += u * u; sbb += v * v; sab += u * v
        }
        let m = Double(n)
        return (sab / m - sa / m * sb / m) / ((saa / m - sa * sa / (m * m)) * (sbb / m - sb * sb / (m * m))).squareRoot()
    }

    @Test func drawsHaveTheStatedCorrelations() throws {
        let shared = try SharedDraws(
            uncertainties: [BehaviourUncertainty(turnsTokensCorrelation: 0.6), BehaviourUncertainty()], priceCorrelation: 0.8)
        #expect(shared.dimension == 12 && !shared.independent)
        let rows = 40_000
        var streams = (0..<rows).map { RandomStream(seed: UInt64($0) + 1) }
        var out: [Double] = []
        shared.draw(rows: rows, streams: &streams, into: &out)
        let k = shared.dimension
        // Standard errors of a correlation near these values at 40,000 rows are below 0.005.
        #expect(abs(Self.correlation(out, k, 0, 1) - 0.6) < 0.02)
        #expect(abs(Self.correlation(out, k, shared.priceOffset(model: 0), shared.priceOffset(model: 1)) - 0.8) < 0.02)
        #expect(abs(Self.correlation(out, k, 6, 7)) < 0.02)  // the second model's turns and tokens
        #expect(abs(Self.correlation(out, k, 0, shared.priceOffset(model: 0))) < 0.02)
    }

    @Test func withoutCorrelationsTheRowsAreTheStreamsOwnNormals() throws {
        let shared = try SharedDraws(uncertainties: [BehaviourUncertainty()], priceCorrelation: 0.5)
        #expect(shared.independent)  // one model: no other price path to correlate with
        var streams = [RandomStream(seed: 5), RandomStream(seed: 6)]
        var copies = streams
        var out: [Double] = []
        shared.draw(rows: 2, streams: &streams, into: &out)
        let expected = (0..<2).flatMap { r in (0..<6).map { _ in copies[r].standardNormal() } }
        #expect(out == expected)
    }

    @Test func inconsistentCorrelationsAreRefused() {
        // Three price paths pairwise at -0.9: no correlation matrix has that.
        #expect(throws: LAPACK.Failure.self) {
            try SharedDraws(uncertainties: Array(repeating: BehaviourUncertainty(), count: 3), priceCorrelation: -0.9)
        }
    }
}
