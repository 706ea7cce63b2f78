import Distributions
import Testing

@testable import Simulation

/// A developer's thread mix: cumulative shares and the split of a count of threads over models.
@Suite struct ThreadMixTests {
    @Test func cumulativeSharesEndAtOne() {
        #expect(ThreadMix.cumulative([0.25, 0.5, 0.25]) == [0.25, 0.75, 1])
        #expect(ThreadMix.cumulative([1]) == [1])
    }

    @Test func splitKeepsEveryThreadAndFollowsTheMix() {
        var counts = [7, 7, 7]  // cleared by the split
        var rng = RandomStream(seed: 3)
        let n = 120_000
        ThreadMix.split(n, cumulative: ThreadMix.cumulative([0.1, 0.6, 0.3]), counts: &counts, rng: &rng)
        #expect(counts.reduce(0, +) == n)
        // Binomial counts: within 4 standard deviations of n p.
        for (c, p) in zip(counts, [0.1, 0.6, 0.3]) {
            #expect(abs(Double(c) - Double(n) * p) < 4 * (Double(n) * p * (1 - p)).squareRoot(), "\(counts)")
        }
        // The same stream, the same split.
        var again = [0, 0, 0]
        var rng2 = RandomStream(seed: 3)
        ThreadMix.split(n, cumulative: ThreadMix.cumulative([0.1, 0.6, 0.3]), counts: &again, rng: &rng2)
        #expect(again == counts)
    }

    @Test func oneModelTakesEveryThreadWithoutDrawing() {
        var counts = [0]
        var rng = RandomStream(seed: 5)
        let before = rng
        ThreadMix.split(42, cumulative: [1], counts: &counts, rng: &rng)
        #expect(counts == [42])
        var a = rng, b = before
        #expect(a.uniform() == b.uniform())
    }
}
