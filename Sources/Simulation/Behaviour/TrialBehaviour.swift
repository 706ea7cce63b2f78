/// The shared draws of one trial that shift a model's behaviour for everyone in it.
///
/// MODEL.md: uncertainty about the behaviour parameters themselves must be drawn once per trial
/// and applied to every thread and developer of that trial, or a large team's forecast shows an
/// absurdly narrow band. The kernel applies these on top of the per-attempt draws.
public struct TrialBehaviour: Sendable, Hashable {
    /// Multiplies every drawn `T` (before rounding up).
    public var turnsScale: Double
    /// Multiplies every drawn `u`, `o` and `s`.
    public var tokensScale: Double
    /// Added to the log-odds of every drawn cache hit rate.
    public var cacheHitLogitShift: Double
    /// This trial's one-shot rate `p`.
    public var oneShotRate: Double
    /// This trial's off-the-rails rate `q`.
    public var offTheRailsRate: Double

    public init(
        turnsScale: Double = 1, tokensScale: Double = 1, cacheHitLogitShift: Double = 0, oneShotRate: Double,
        offTheRailsRate: Double
    ) {
        self.turnsScale = turnsScale
        self.tokensScale = tokensScale
        self.cacheHitLogitShift = cacheHitLogitShift
        self.oneShotRate = oneShotRate
        self.offTheRailsRate = offTheRailsRate
    }

    /// No shift: the behaviour as given.
    public static func nominal(_ behaviour: ThreadBehaviour) -> TrialBehaviour {
        TrialBehaviour(oneShotRate: behaviour.oneShotRate, offTheRailsRate: behaviour.offTheRailsRate)
    }
}
