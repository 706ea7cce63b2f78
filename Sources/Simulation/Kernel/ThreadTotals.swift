import NumericalMethods

/// Sums over simulated threads of one model: what a forecast reports per model.
///
/// Not ``CellTotals``: the kernel adds whole-number counts in its inner loop, and tokens and
/// turns; a team cell holds expected counts and developer hours. The spend ratios both report
/// are written once, in ``SpendTotals``.
public struct ThreadTotals: Sendable {
    public var threads = 0
    public var attempts = 0
    public var completed = 0
    public var offTheRailsAttempts = 0
    /// Total spend, USD.
    public var cost = CompensatedSum()
    /// Spend on off-the-rails attempts, USD.
    public var waste = CompensatedSum()
    /// Tokens by class (``Pricing/TokenClass`` order).
    public var tokens = SIMD8<Double>()
    /// Turns over all attempts.
    public var turns = 0.0

    public init() {}

    public mutating func add(_ other: ThreadTotals) {
        threads += other.threads
        attempts += other.attempts
        completed += other.completed
        offTheRailsAttempts += other.offTheRailsAttempts
        cost.add(other.cost)
        waste.add(other.waste)
        tokens += other.tokens
        turns += other.turns
    }
}

extension ThreadTotals {
    /// Scales the dollar sums (a month's price multiplier); token counts stay as they are.
    mutating func scaleMoney(by factor: Double) {
        var c = CompensatedSum(), w = CompensatedSum()
        c.add(cost.value * factor)
        w.add(waste.value * factor)
        cost = c
        waste = w
    }
}
