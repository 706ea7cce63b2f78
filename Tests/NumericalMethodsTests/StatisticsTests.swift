// Tests: Statistics.swift, CompensatedSum.swift
import Testing

@testable import NumericalMethods

/// Sums that keep what a plain sum loses, and the type-7 quantiles and KS distance every
/// check and report uses.
@Suite struct StatisticsTests {
    @Test func compensatedSumsKeepTheSmallTerms() {
        // 1 + 1e-16 ten million times: a plain sum stays at 1, the compensated one reaches 1 + 1e-9.
        var s = CompensatedSum()
        var plain = 0.0
        s.add(1)
        plain += 1
        for _ in 0..<10_000_000 {
            s.add(1e-16)
            plain += 1e-16
        }
        #expect(plain == 1)
        #expect(abs(s.value - (1 + 1e-9)) < 1e-15)
        // Large terms that cancel: what is left is exact.
        #expect(CompensatedSum([1e100, 1, -1e100]).value == 1)
        var a = CompensatedSum([0.1, 0.2]), b = CompensatedSum([0.3])
        a.add(b)
        #expect(a.value == 0.6)
        b.add(CompensatedSum())
        #expect(b.value == 0.3)
        #expect(Stats.sum([Double](repeating: 0.1, count: 10)) == 1)
    }

    @Test func meanVarianceAndQuantilesAsNumPyGivesThem() {
        let x = [4.0, 1, 3, 2]
        #expect(Stats.mean(x) == 2.5)
        #expect(Stats.variance(x) == 1.25)
        #expect(Stats.mean([]).isNaN)
        // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) = 1, 1.75, 2.5, 3.7, 4
        let q = [0, 0.25, 0.5, 0.9, 1].map { Stats.quantile(x, $0) }
        #expect(zip(q, [1, 1.75, 2.5, 3.7, 4]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(q)")
        #expect(Stats.quantile(sorted: [7], 0.3) == 7)
        #expect(Stats.quantile(sorted: [], 0.5).isNaN)
    }

    @Test func ksDistanceIsTheLargestGapBetweenTheCDFs() {
        #expect(Stats.ksDistance([1, 2, 3], [1, 2, 3]) == 0)
        #expect(Stats.ksDistance([1, 2], [3, 4]) == 1)
        // F_a jumps to 1/2 at 1; F_b is 0 until 2.
        #expect(abs(Stats.ksDistance([1, 3], [2, 3]) - 0.5) < 1e-12)
        // Ties move both CDFs at once.
        #expect(Stats.ksDistance([1, 1, 2], [1, 2, 2]) == 1.0 / 3)
        #expect(Stats.ksDistance([], [1]).isNaN)
    }
}
