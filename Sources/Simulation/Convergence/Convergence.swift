import Foundation

/// The stopping rule of `run --target-rse`: add trials until the relative standard error of the
/// mean and of the P90 are both below a target.
///
/// - Mean: `RSE = (s / √n) / mean`, `s` the sample standard deviation.
/// - P90: batch means. The trials, in order, are split into ``batchCount`` equal groups; the
///   P90 of each group is computed; `RSE = sd(group P90s) / √batchCount / P90(all trials)`.
///   Groups are contiguous runs of trial indices, which are independent draws, so the groups
///   are independent samples.
public enum Convergence {
    public static let batchCount = 20

    /// One look at the estimates.
    public struct Step: Sendable, Hashable, Codable {
        public var trials: Int
        public var mean: Double
        public var p90: Double
        public var meanRSE: Double
        public var p90RSE: Double

        enum CodingKeys: String, CodingKey {
            case trials, mean, p90, meanRSE = "mean_rse", p90RSE = "p90_rse"
        }

        public var worst: Double { max(meanRSE, p90RSE) }
    }

    /// The estimates and their relative standard errors for `values` (trial order).
    /// - Complexity: O(n log n) for n values (sorts for the summary and for each batch).
    public static func step(_ values: [Double]) -> Step {
        let s = SpendSummary(values)
        let meanRSE = s.mean != 0 ? s.standardError / abs(s.mean) : .infinity
        var p90RSE = Double.infinity
        let size = values.count / batchCount
        if size >= 10, s.p90 != 0 {
            let p90s = (0..<batchCount).map { b in SpendSummary.quantile(values[(b * size)..<((b + 1) * size)].sorted(), 0.9) }
            let m = p90s.reduce(0, +) / Double(batchCount)
            let v = p90s.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(batchCount - 1)
            p90RSE = v.squareRoot() / Double(batchCount).squareRoot() / abs(s.p90)
        }
        return Step(trials: values.count, mean: s.mean, p90: s.p90, meanRSE: meanRSE, p90RSE: p90RSE)
    }

    /// Grows a sample until both relative standard errors are at most `target`.
    ///
    /// - Parameters:
    ///   - target: e.g. 0.005 for 0.5 %.
    ///   - initial: trials of the first look (at least 20 batches of 10).
    ///   - maxTrials: never more than this; the last step then misses the target.
    ///   - align: rounds a proposed trial count up to one `extend` accepts.
    ///   - extend: simulates trials up to the given count and returns every value so far.
    /// - Returns: the steps taken; the last is the result.
    ///
    /// The next count is the one the current RSEs predict (RSE falls as `1/√n`) with 10 % to
    /// spare, at least 1.25 times the current one and at most 4 times.
    /// - Complexity: `extend` is called O(log(final / initial)) times (each look grows the
    ///   sample at least 1.25-fold), plus one O(n log n) ``step(_:)`` per look.
    public static func run<E: Error>(
        target: Double, initial: Int, maxTrials: Int, align: (Int) -> Int = { $0 },
        extend: (Int) throws(E) -> [Double]
    ) throws(E) -> [Step] {
        var n = min(align(max(initial, batchCount * 10)), maxTrials)
        var steps: [Step] = []
        while true {
            let values = try extend(n)
            let s = step(values)
            steps.append(s)
            if s.worst <= target || n >= maxTrials { return steps }
            let ratio = s.worst.isFinite ? s.worst / target : 4
            let wanted = Double(n) * min(max(ratio * ratio * 1.1, 1.25), 4)
            n = min(maxTrials, max(align(Int(wanted.rounded(.up))), n + 1))
        }
    }
}
