import NumericalMethods

/// The ratios every per-model sum of spend reports, written once for ``ThreadTotals`` (the
/// kernel's whole-number counts) and ``CellTotals`` (a team cell's expected counts).
///
/// The two sums stay two types because they sum different things: the kernel counts threads
/// and attempts as integers in its inner loop and adds tokens and turns; a team cell adds
/// expected counts (`N x E[attempts]` on the aggregated path) as doubles and developer hours.
/// What they share is the spend and what is derived from it, here.
public protocol SpendTotals {
    /// Threads started (a count, or an expected count).
    var threadCount: Double { get }
    /// Tasks completed (a count, or an expected count).
    var completedCount: Double { get }
    /// Total spend, USD.
    var cost: CompensatedSum { get }
    /// Spend on off-the-rails attempts, USD.
    var waste: CompensatedSum { get }
}

extension SpendTotals {
    /// Mean cost of a thread, USD; 0 without threads.
    public var costPerThread: Double { threadCount > 0 ? cost.value / threadCount : 0 }
    /// Spend divided by tasks completed, USD (abandoned tasks' spend included); NaN without one.
    public var costPerCompletedTask: Double { completedCount > 0 ? cost.value / completedCount : .nan }
    /// Wasted spend over total spend; 0 without spend.
    public var wasteShare: Double { cost.value > 0 ? waste.value / cost.value : 0 }
}

extension ThreadTotals: SpendTotals {
    public var threadCount: Double { Double(threads) }
    public var completedCount: Double { Double(completed) }
}

extension CellTotals: SpendTotals {
    public var threadCount: Double { threads }
    public var completedCount: Double { completed }
}
