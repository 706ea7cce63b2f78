import Foundation
import NumericalMethods

/// What every forecast reports about a distribution of spend: mean, its standard error and
/// the percentiles MODEL.md asks for.
public struct SpendSummary: Sendable, Hashable, Codable {
    public var mean: Double
    /// Standard error of the mean: sample standard deviation over the square root of the count.
    public var standardError: Double
    public var standardDeviation: Double
    public var p5: Double, p10: Double, p50: Double, p90: Double, p95: Double, p99: Double
    public var min: Double, max: Double
    public var count: Int

    enum CodingKeys: String, CodingKey {
        case mean, standardError = "standard_error", standardDeviation = "standard_deviation"
        case p5, p10, p50, p90, p95, p99, min, max, count
    }

    /// Summarises `values` (any order). Empty input gives zeros.
    /// - Complexity: O(n log n) for n values (one sort), two compensated passes.
    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else {
            mean = 0; standardError = 0; standardDeviation = 0
            p5 = 0; p10 = 0; p50 = 0; p90 = 0; p95 = 0; p99 = 0; min = 0; max = 0
            return
        }
        let sorted = values.sorted()
        let m = CompensatedSum(values).value / Double(values.count)
        var ss = CompensatedSum()
        for v in values { ss.add((v - m) * (v - m)) }
        let variance = values.count > 1 ? ss.value / Double(values.count - 1) : 0
        mean = m
        standardDeviation = variance.squareRoot()
        standardError = (variance / Double(values.count)).squareRoot()
        p5 = Self.quantile(sorted, 0.05)
        p10 = Self.quantile(sorted, 0.10)
        p50 = Self.quantile(sorted, 0.50)
        p90 = Self.quantile(sorted, 0.90)
        p95 = Self.quantile(sorted, 0.95)
        p99 = Self.quantile(sorted, 0.99)
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }

    /// Linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default).
    /// - Complexity: O(1); `sorted` must already be in ascending order.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = Swift.min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// Probability that the spend exceeds `threshold`: the share of trials above it.
    /// - Complexity: O(n).
    public static func exceedance(_ values: [Double], _ threshold: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        return Double(values.lazy.filter { $0 > threshold }.count) / Double(values.count)
    }
}
