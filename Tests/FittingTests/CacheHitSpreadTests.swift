import Distributions
import Foundation
import Testing

@testable import Fitting

@Suite struct CacheHitSpreadTests {
    /// Lengths uniform on 2...80 and hit rates from a beta law with mean `mean` and concentration
    /// `kappa (T / 30)^gamma`: the test's own alternative, with a known exponent.
    static func synthetic(count: Int, gamma: Double, seed: UInt64, mean: Double = 0.96, kappa: Double = 14) throws -> (
        turns: [Double], hits: [Double]
    ) {
        var rng = RandomStream(seed: seed)
        var turns: [Double] = [], hits: [Double] = []
        for _ in 0..<count {
            let t = Double(2 + rng.next(upperBound: UInt64(79)))
            let k = kappa * pow(t / 30, gamma)
            turns.append(t)
            hits.append(try Beta(alpha: mean * k, beta: (1 - mean) * k).sample(using: &rng))
        }
        return (turns, hits)
    }

    @Test func recoversAKnownNarrowingAndSaysWhatItDoesToTheTail() throws {
        for seed: UInt64 in 1...3 {
            let d = try Self.synthetic(count: 400, gamma: 1, seed: seed)
            let s = try #require(CacheHitSpread.test(turns: d.turns, hits: d.hits))
            #expect(abs(s.exponent - 1) < 0.3, "seed \(seed): exponent \(s.exponent)")
            #expect(s.pValue < 0.0001)
            #expect(s.longMissP90 < s.shortMissP90)
            #expect(s.verdict.hasPrefix("narrows as threads get longer"))
            #expect(
                s.verdict.hasSuffix("so long threads' hit rates vary too much and the cost P99 is overstated (docs/fitting.md)"))
        }
    }

    @Test func aWideningIsCalledAWidening() throws {
        let d = try Self.synthetic(count: 400, gamma: -1, seed: 4)
        let s = try #require(CacheHitSpread.test(turns: d.turns, hits: d.hits))
        #expect(abs(s.exponent + 1) < 0.3)
        #expect(s.verdict.hasPrefix("widens as threads get longer"))
    }

    /// One spread for every length: at the 1 % level, at most one of ten seeds may be flagged.
    @Test func oneSpreadIsNotFoundToNarrow() throws {
        var flagged = 0
        for seed: UInt64 in 10..<20 {
            let d = try Self.synthetic(count: 300, gamma: 0, seed: seed)
            let s = try #require(CacheHitSpread.test(turns: d.turns, hits: d.hits))
            #expect(abs(s.exponent) < 0.5, "seed \(seed): exponent \(s.exponent)")
            if s.pValue < CacheHitSpread.significance { flagged += 1 }
        }
        #expect(flagged <= 1)
    }

    /// A hit rate whose mean rises with length, at one concentration, is a trend of the mean (what
    /// the copula carries), not a narrowing.
    @Test func aRisingMeanIsNotTakenForANarrowing() throws {
        var rng = RandomStream(seed: 21)
        var turns: [Double] = [], hits: [Double] = []
        for _ in 0..<400 {
            let t = Double(2 + rng.next(upperBound: UInt64(79)))
            let m = 1 / (1 + exp(-(2.5 + 0.8 * log(t / 30))))
            turns.append(t)
            hits.append(try Beta(alpha: m * 30, beta: (1 - m) * 30).sample(using: &rng))
        }
        let s = try #require(CacheHitSpread.test(turns: turns, hits: hits))
        #expect(s.pValue >= CacheHitSpread.significance, "exponent \(s.exponent), p \(s.pValue)")
    }

    @Test func tooFewThreadsOrOneLengthGiveNoVerdict() throws {
        let d = try Self.synthetic(count: 29, gamma: 1, seed: 5)
        #expect(CacheHitSpread.test(turns: d.turns, hits: d.hits) == nil)
        let e = try Self.synthetic(count: 100, gamma: 0, seed: 6)
        #expect(CacheHitSpread.test(turns: Array(repeating: 12, count: 100), hits: e.hits) == nil)
    }

    @Test func verdictsReadExactly() {
        #expect(
            CacheHitSpread.verdict(exponent: 1.4767, ratio: 184.24, p: 5.8e-42, shortP90: 0.14439, longP90: 0.034295)
                == "narrows as threads get longer (concentration as T^1.48, likelihood ratio 184.2, p < 0.0001; "
                + "1 - h P90 0.1444 in the shortest third of threads, 0.0343 in the longest): h is drawn from one law "
                + "for every length, so long threads' hit rates vary too much and the cost P99 is overstated (docs/fitting.md)")
        #expect(
            CacheHitSpread.verdict(exponent: 0.14, ratio: 2.74, p: 0.0976, shortP90: 0.2, longP90: 0.19)
                == "one spread fits every thread length (concentration as T^0.14, likelihood ratio 2.7, p 0.0976)")
    }
}
