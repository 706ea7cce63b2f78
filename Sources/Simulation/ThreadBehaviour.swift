import Distributions
import Foundation

/// How a model behaves on one thread: the laws of MODEL.md's per-attempt draws and the rates
/// that decide each attempt's outcome.
///
/// Given or fitted; immutable. The kernel draws every quantity per attempt.
public struct ThreadBehaviour: Sendable {
    /// `T`, turns per attempt. Non-integer draws are rounded up; values below 1 count as 1.
    public var turns: any UnivariateDistribution
    /// `u`, fresh input tokens per turn (tool results, user text), the attempt's mean.
    public var freshInputPerTurn: any UnivariateDistribution
    /// `o`, output tokens per turn, the attempt's mean.
    public var outputPerTurn: any UnivariateDistribution
    /// `h`, share of re-sent input served from the cache, clamped to [0, 1].
    public var cacheHitRate: any UnivariateDistribution
    /// `s`, base context: system prompt plus tool definitions, in tokens.
    public var baseContext: any UnivariateDistribution
    /// `p`, probability that an attempt which stayed on the rails succeeds.
    public var oneShotRate: Double
    /// `q`, probability that an attempt goes off the rails (all its spend is waste).
    public var offTheRailsRate: Double
    /// Attempts after which the task is abandoned.
    public var maxAttempts: Int
    /// Context window in tokens; nil means unbounded. Past it the context is compacted.
    public var contextWindow: Double?
    /// Tokens the context falls back to (a summary) when it is compacted.
    public var compactionSummary: Double
    /// Median wall-clock minutes of a thread, when known (reported beside cost).
    public var medianThreadMinutes: Double?

    public init(
        turns: any UnivariateDistribution, freshInputPerTurn: any UnivariateDistribution,
        outputPerTurn: any UnivariateDistribution, cacheHitRate: any UnivariateDistribution,
        baseContext: any UnivariateDistribution, oneShotRate: Double, offTheRailsRate: Double,
        maxAttempts: Int, contextWindow: Double? = nil, compactionSummary: Double = 20_000,
        medianThreadMinutes: Double? = nil
    ) {
        self.turns = turns
        self.freshInputPerTurn = freshInputPerTurn
        self.outputPerTurn = outputPerTurn
        self.cacheHitRate = cacheHitRate
        self.baseContext = baseContext
        self.oneShotRate = oneShotRate
        self.offTheRailsRate = offTheRailsRate
        self.maxAttempts = maxAttempts
        self.contextWindow = contextWindow
        self.compactionSummary = compactionSummary
        self.medianThreadMinutes = medianThreadMinutes
    }

    /// Probability that one attempt succeeds: on the rails, then successful.
    public var attemptSuccessProbability: Double { (1 - offTheRailsRate) * oneShotRate }

    /// Expected attempts per thread, `sum_{a<M} (1 - ps)^a`.
    public var expectedAttempts: Double {
        let fail = 1 - attemptSuccessProbability
        var total = 0.0, term = 1.0
        for _ in 0..<maxAttempts { total += term; term *= fail }
        return total
    }

    /// Probability that the task is completed within `maxAttempts`.
    public var completionProbability: Double {
        1 - pow(1 - attemptSuccessProbability, Double(maxAttempts))
    }
}
