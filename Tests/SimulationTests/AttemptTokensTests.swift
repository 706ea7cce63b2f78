import Testing

@testable import Simulation

/// A turn-by-turn reference of MODEL.md, written independently of the closed forms: it walks
/// the turns, compacting when a turn's context would pass the window.
func referenceTokens(
    turns: Int, base s: Double, fresh u: Double, output o: Double, hitRate h: Double,
    tier: Double, window: Double, summary: Double, explicit: Bool
) -> SIMD8<Double> {
    var newLo = 0.0, reusedLo = 0.0, outLo = 0.0, newHi = 0.0, reusedHi = 0.0, outHi = 0.0
    var segmentBase = s, newFirst = s + u, k = 0
    for _ in 0..<turns {
        k += 1
        var c = segmentBase + u * Double(k) + o * Double(k - 1)
        if c > window && k > 1 {
            let previous = segmentBase + u * Double(k - 1) + o * Double(k - 2)
            if previous + o <= tier {
                reusedLo += previous + o; outLo += summary
            } else {
                reusedHi += previous + o; outHi += summary
            }
            segmentBase = s + summary
            newFirst = summary + u
            k = 1
            c = segmentBase + u
        }
        let new = k == 1 ? newFirst : u + o
        if c <= tier { newLo += new; reusedLo += c - new; outLo += o } else { newHi += new; reusedHi += c - new; outHi += o }
    }
    if explicit {
        return SIMD8(0, h * reusedLo, newLo + (1 - h) * reusedLo, outLo, 0, h * reusedHi, newHi + (1 - h) * reusedHi, outHi)
    }
    return SIMD8(newLo + (1 - h) * reusedLo, h * reusedLo, 0, outLo, newHi + (1 - h) * reusedHi, h * reusedHi, 0, outHi)
}

func close(_ a: SIMD8<Double>, _ b: SIMD8<Double>, relative: Double = 1e-12) -> Bool {
    (0..<8).allSatisfy { abs(a[$0] - b[$0]) <= relative * max(1, abs(b[$0])) }
}

@Suite struct AttemptTokensTests {
    @Test func matchesModelFormulasWithoutTierOrWindow() {
        // T = 10, s = 10k, u = 1k, o = 500: I = 177,500, N = 24,500, R = 153,000.
        let t = AttemptTokens.compute(
            turns: 10, base: 10_000, fresh: 1_000, output: 500, hitRate: 0.8,
            tierThreshold: .infinity, window: .infinity, summary: 0, explicitCache: true)
        #expect(close(t, SIMD8(0, 122_400, 55_100, 5_000, 0, 0, 0, 0)))
        let implicit = AttemptTokens.compute(
            turns: 10, base: 10_000, fresh: 1_000, output: 500, hitRate: 0.8,
            tierThreshold: .infinity, window: .infinity, summary: 0, explicitCache: false)
        #expect(close(implicit, SIMD8(55_100, 122_400, 0, 5_000, 0, 0, 0, 0)))
    }

    @Test func splitsTurnsAtTheTierThreshold() {
        // c_k = 150k + 10k*k stays at or below 200k for k <= 5: five turns below, five above.
        let t = AttemptTokens.compute(
            turns: 10, base: 150_000, fresh: 10_000, output: 0, hitRate: 0,
            tierThreshold: 200_000, window: .infinity, summary: 0, explicitCache: false)
        let below = (1...5).reduce(0.0) { $0 + 150_000 + 10_000 * Double($1) }
        let above = (6...10).reduce(0.0) { $0 + 150_000 + 10_000 * Double($1) }
        #expect(t[0] == below)
        #expect(t[4] == above)
    }

    @Test(arguments: [
        (40, 20_000.0, 3_000.0, 800.0, 200_000.0, .infinity),
        (120, 20_000.0, 3_000.0, 800.0, 200_000.0, 150_000.0),
        (200, 30_000.0, 5_000.0, 1_000.0, 128_000.0, 100_000.0),
        (7, 250_000.0, 100.0, 50.0, 200_000.0, 260_000.0),
        (1, 5_000.0, 0.0, 0.0, 1_000.0, 4_000.0),
    ])
    func agreesWithTurnByTurnReference(turns: Int, base: Double, fresh: Double, output: Double, window: Double, tier: Double) {
        for explicit in [true, false] {
            let closed = AttemptTokens.compute(
                turns: Double(turns), base: base, fresh: fresh, output: output, hitRate: 0.7,
                tierThreshold: tier, window: window, summary: 12_000, explicitCache: explicit)
            let walked = referenceTokens(
                turns: turns, base: base, fresh: fresh, output: output, hitRate: 0.7, tier: tier,
                window: window, summary: 12_000, explicit: explicit)
            for c in 0..<8 {
                #expect(abs(closed[c] - walked[c]) <= 1e-9 * max(1, abs(walked[c])), "class \(c)")
            }
        }
    }

    @Test func totalInputIsQuadraticInTurns() {
        func input(_ t: Double) -> Double {
            let v = AttemptTokens.compute(
                turns: t, base: 0, fresh: 1_000, output: 0, hitRate: 0, tierThreshold: .infinity,
                window: .infinity, summary: 0, explicitCache: false)
            return v[0] + v[1]
        }
        // u*T(T+1)/2: doubling T from 100 to 200 multiplies input by 201*200 / (101*100).
        #expect(abs(input(200) / input(100) - 40_200.0 / 10_100.0) < 1e-12)
    }
}
