/// What a stretch of usage costs on a plan, and how often it met the plan's limits.
public struct PlanUsage: Sendable, Hashable {
    /// All threads at API prices (the pay-as-you-go alternative).
    public var apiCostUSD: Double = 0
    /// Fees plus overage: what the plan costs for the period.
    public var planCostUSD: Double = 0
    /// Fee x months in the period.
    public var feesUSD: Double = 0
    /// API-priced usage past the limits (policy `.overage`).
    public var overageUSD: Double = 0
    public var servedThreads = 0
    /// Threads refused because a limit was reached (policy `.blocked`).
    public var blockedThreads = 0
    /// API-equivalent cost of the blocked threads.
    public var blockedCostUSD: Double = 0
    /// Threads a limit refused that ran at API prices instead (policy `.fallbackToAPI`), and
    /// their cost (also in ``overageUSD``).
    public var fallbackThreads = 0
    public var fallbackCostUSD: Double = 0
    /// Hours during which a limit refused new threads (union of lockouts, within the period).
    public var hoursLockedOut: Double = 0
    /// 5-hour windows opened, and those in which the 5-hour limit was reached.
    public var fiveHourWindows = 0
    public var fiveHourWindowsAtLimit = 0
    /// Weeks with usage, and those in which the weekly limit was reached.
    public var weeks = 0
    public var weeksAtLimit = 0
    /// Months with usage, and those in which the included usage ran out.
    public var months = 0
    public var monthsAtLimit = 0
    /// Highest usage served in any 5-hour window / week (overage included) as a share of the
    /// allowance: 0 without that limit, above 1 when usage went past it.
    public var peakFiveHourShare: Double = 0
    public var peakWeeklyShare: Double = 0

    public init() {}

    /// Threads whose work got done: on the plan or, refused, at API prices; blocked threads
    /// are not.
    public var completedThreads: Int { servedThreads + fallbackThreads }

    /// What the plan costs per completed thread; nil when none completed.
    public var costPerCompletedThread: Double? {
        completedThreads > 0 ? planCostUSD / Double(completedThreads) : nil
    }
}
