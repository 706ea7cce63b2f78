import Distributions
import Foundation

/// How a model behaves on one thread: the laws of MODEL.md's per-attempt draws and the rates
/// that decide each attempt's outcome.
///
/// Given or fitted; immutable. The kernel draws every quantity per attempt.
public struct ThreadBehaviour: Sendable {
    /// `T`, turns per attempt. Non-integer draws are rounded up; values below 1 count as 1.
    public var turns: any UnivariateDistribution { didSet { reattachDependence() } }
    /// `u`, fresh input tokens per turn (tool results, user text), the attempt's mean.
    public var freshInputPerTurn: any UnivariateDistribution { didSet { reattachDependence() } }
    /// `o`, output tokens per turn, the attempt's mean.
    public var outputPerTurn: any UnivariateDistribution { didSet { reattachDependence() } }
    /// `h`, share of re-sent input served from the cache, clamped to [0, 1].
    public var cacheHitRate: any UnivariateDistribution { didSet { reattachDependence() } }
    /// `h` given the attempt's turns, which then replaces `cacheHitRate`'s draw (its score is
    /// a fresh normal, or the copula's); nil draws `h` from `cacheHitRate` for every length.
    public var cacheHitGivenTurns: HitRateGivenTurns? { didSet { reattachDependence() } }
    /// `s`, base context: system prompt plus tool definitions, in tokens.
    public var baseContext: any UnivariateDistribution { didSet { reattachDependence() } }
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
    /// How the five draws depend on each other within an attempt; nil draws them independently
    /// (each law's own `fill`, the numbers of every earlier version).
    public private(set) var dependence: DrawDependence?

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

    /// Sets (or, with nil or an identity matrix, clears) the dependence between the draws; the
    /// kernel then draws through the Gaussian copula.
    /// - Complexity: builds a ``NormalScoreMap`` per law (a table of 545 quantiles for laws
    ///   without a closed form; none for `cacheHitRate` while `cacheHitGivenTurns` is set),
    ///   again whenever a law or `cacheHitGivenTurns` is replaced.
    public mutating func setDependence(_ dependence: DrawDependence?) {
        guard let dependence, !dependence.isIndependence else {
            self.dependence = nil
            return
        }
        self.dependence = dependence.attached(to: self)
    }

    mutating func reattachDependence() {
        if let d = dependence { dependence = d.attached(to: self) }
    }

    /// Probability that one attempt succeeds: on the rails, then successful.
    public var attemptSuccessProbability: Double {
        AttemptOutcome.successProbability(offTheRails: offTheRailsRate, oneShot: oneShotRate)
    }

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
