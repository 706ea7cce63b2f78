import Distributions
import Foundation

/// The cache hit rate of an attempt given its turns (a refinement of MODEL.md, docs/fitting.md):
///
///     logit h = a + b log(T / T₀) + sqrt(v_b + v_w / T) z,   z standard normal
///
/// A thread's `h` is an average over its turns, so its spread has a part that does not shrink
/// with length (`v_b`, between threads) and one that averages out (`v_w / T`, between turns).
/// One law of `h` for every length gives a long thread, whose re-sent input `R` is large, a short
/// thread's spread of misses `(1 - h) R`. `z` is a fresh normal without dependence and the
/// copula's score of `h` with it, so both paths are closed forms.
public struct HitRateGivenTurns: Sendable, Hashable {
    /// `a`: the logit of the median hit rate at `T₀`.
    public var location: Double
    /// `b`: how the median's logit moves with `log(T / T₀)`.
    public var slope: Double
    /// `T₀`, where the median is `logistic(a)`.
    public var referenceTurns: Double
    /// `v_b`: the variance of the logit that does not shrink with length.
    public var varianceBetween: Double
    /// `v_w`: the variance of the logit of a one-turn attempt that averages out over turns.
    public var variancePerTurn: Double

    /// - Throws: ``DistributionError`` unless every parameter is finite, `T₀ > 0`, both
    ///   variances are at least 0 and not both 0.
    public init(
        location: Double, slope: Double, referenceTurns: Double, varianceBetween: Double, variancePerTurn: Double
    ) throws(DistributionError) {
        for (name, value) in [
            ("location", location), ("slope", slope), ("reference_turns", referenceTurns),
            ("variance_between", varianceBetween), ("variance_per_turn", variancePerTurn),
        ] where !value.isFinite {
            throw .notFinite(parameter: name, value: value)
        }
        guard referenceTurns > 0 else { throw .nonPositive(parameter: "reference_turns", value: referenceTurns) }
        guard varianceBetween >= 0 else { throw .negative(parameter: "variance_between", value: varianceBetween) }
        guard variancePerTurn >= 0 else { throw .negative(parameter: "variance_per_turn", value: variancePerTurn) }
        guard varianceBetween + variancePerTurn > 0 else {
            throw .nonPositive(parameter: "variance_between + variance_per_turn", value: 0)
        }
        self.location = location
        self.slope = slope
        self.referenceTurns = referenceTurns
        self.varianceBetween = varianceBetween
        self.variancePerTurn = variancePerTurn
    }

    /// The median hit rate's logit and the logit's standard deviation at `turns`.
    @inlinable
    public func logitLaw(turns: Double) -> (mean: Double, sd: Double) {
        let t = max(turns, 1)
        return (location + slope * log(t / referenceTurns), (varianceBetween + variancePerTurn / t).squareRoot())
    }

    /// `h` for an attempt of `turns` turns at standard normal score `z`.
    @inlinable
    public func hitRate(turns: Double, score z: Double) -> Double {
        let l = logitLaw(turns: turns)
        return 1 / (1 + exp(-(l.mean + l.sd * z)))
    }

    /// Replaces each score in `scores` by the hit rate of its attempt's `turns`.
    @inlinable
    public func apply(turns: UnsafeBufferPointer<Double>, scores: UnsafeMutableBufferPointer<Double>) {
        for j in 0..<min(turns.count, scores.count) { scores[j] = hitRate(turns: turns[j], score: scores[j]) }
    }
}
