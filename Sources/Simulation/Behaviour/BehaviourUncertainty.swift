import Foundation

/// How unsure we are of a model's behaviour parameters: the spread of the per-trial shifts of
/// ``TrialBehaviour``. Zero everywhere means the behaviour is known exactly.
///
/// Scales are lognormal with mean 1 and the given coefficient of variation; the rates move on
/// the log-odds scale by a normal whose standard deviation is the given one on the probability
/// scale divided by `p(1-p)` (the delta method), so they stay inside (0, 1).
public struct BehaviourUncertainty: Sendable, Hashable {
    public var turnsCV: Double
    public var tokensCV: Double
    /// Standard deviation of the shift of the cache hit rate's log-odds.
    public var cacheHitLogitSD: Double
    public var oneShotSD: Double
    public var offTheRailsSD: Double
    /// Correlation between the turns and tokens scales (long threads tend to be wordy ones).
    public var turnsTokensCorrelation: Double

    public init(
        turnsCV: Double = 0, tokensCV: Double = 0, cacheHitLogitSD: Double = 0, oneShotSD: Double = 0,
        offTheRailsSD: Double = 0, turnsTokensCorrelation: Double = 0
    ) {
        self.turnsCV = turnsCV
        self.tokensCV = tokensCV
        self.cacheHitLogitSD = cacheHitLogitSD
        self.oneShotSD = oneShotSD
        self.offTheRailsSD = offTheRailsSD
        self.turnsTokensCorrelation = turnsTokensCorrelation
    }

    public static let none = BehaviourUncertainty()

    public var isNone: Bool { self == .none }

    /// Normal draws per model that ``trialBehaviour(_:z:)`` consumes.
    public static let dimensions = 5

    /// This trial's behaviour from five correlated standard normals `z` (turns, tokens, cache,
    /// one-shot, off-the-rails).
    public func trialBehaviour(_ b: ThreadBehaviour, z: UnsafeBufferPointer<Double>) -> TrialBehaviour {
        func lognormalScale(_ cv: Double, _ z: Double) -> Double {
            guard cv > 0 else { return 1 }
            let s2 = log1p(cv * cv)
            return exp(sqrt(s2) * z - s2 / 2)
        }
        func shifted(_ p: Double, sd: Double, _ z: Double) -> Double {
            guard sd > 0, p > 0, p < 1 else { return p }
            let logit = log(p / (1 - p)) + sd / (p * (1 - p)) * z
            return 1 / (1 + exp(-logit))
        }
        return TrialBehaviour(
            turnsScale: lognormalScale(turnsCV, z[0]),
            tokensScale: lognormalScale(tokensCV, z[1]),
            cacheHitLogitShift: cacheHitLogitSD * z[2],
            oneShotRate: shifted(b.oneShotRate, sd: oneShotSD, z[3]),
            offTheRailsRate: shifted(b.offTheRailsRate, sd: offTheRailsSD, z[4]))
    }
}
