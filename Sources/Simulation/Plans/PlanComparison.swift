import Pricing

/// The outcome of a plan comparison: per profile, API prices against every plan and
/// self-hosted setup.
public struct PlanComparison: Sendable {
    public var trials: Int
    public var seed: UInt64
    public var months: Int
    public var periodHours: Double
    public var workingDays: Int
    /// Weeks of the period with a working day.
    public var weeks: Int
    public var breakEvenTrials: Int
    public var profiles: [ProfileComparison]
    public var elapsedSeconds: Double
}

/// One profile's comparison.
public struct ProfileComparison: Sendable {
    public var name: String
    /// The profile's mean threads per working day (over developers of the profile).
    public var meanThreadsPerDay: Double
    /// Threads started over the period, over trials.
    public var threads: SpendSummary
    /// All threads at API prices over the period: the pay-as-you-go alternative.
    public var api: SpendSummary
    /// API cost per trial (for P(cheaper) and savings against other options).
    public var apiByTrial: [Double]
    /// Mean API cost of a thread.
    public var costPerThread: Double
    /// Tokens of all classes over the period, mean over trials.
    public var tokens: Double
    public var options: [OptionOutcome]
}

/// One plan or self-hosted setup for one profile.
public struct OptionOutcome: Sendable {
    public enum Kind: String, Sendable { case plan, selfHosting = "self_hosting" }
    public var name: String
    public var kind: Kind
    public var plan: Plan?
    public var selfHosting: SelfHostingOption?
    /// What the option costs over the period: fees plus overage, or the self-hosted cost.
    public var cost: SpendSummary
    /// API cost minus the option's cost, per trial: above 0, the option saves money.
    public var saving: SpendSummary
    /// Share of trials in which the option costs less than API prices.
    public var probabilityCheaper: Double
    public var overage: SpendSummary
    /// Threads refused because a limit was reached, over the period, and their share of all threads.
    public var blockedThreads: SpendSummary
    public var blockedShare: Double
    /// API-equivalent cost of the refused threads, mean over trials.
    public var blockedCostMean: Double
    /// Threads a limit refused that ran at API prices instead (policy fallback to API), over
    /// the period; nil for other policies.
    public var fallbackThreads: SpendSummary?
    /// Threads whose work got done (all but the blocked ones), mean over trials.
    public var completedThreadsMean: Double
    /// The option's mean cost over its mean completed threads: what a finished piece of work
    /// costs. For a blocked plan this is the figure to compare with the API's cost per
    /// thread, since its cost leaves the refused work out; nil when no thread completes.
    public var costPerCompletedThread: Double?
    /// For a blocked plan: the same plan with its refused threads run at API prices (policy
    /// fallback to API), computed from the same trials. nil for other options.
    public var ifRefusedRunOnAPI: FallbackOutcome?
    /// Share of working days on which a 5-hour window reached its limit; nil without a 5-hour limit.
    public var fiveHourHitPerDay: Double?
    /// 5-hour windows that reached the limit over the period, over trials.
    public var fiveHourHits: SpendSummary?
    /// Share of weeks (with a working day) in which the weekly limit was reached; nil without one.
    public var weeklyHitPerWeek: Double?
    /// Share of months in which the included usage ran out; nil without included usage.
    public var monthlyHitPerMonth: Double?
    /// Hours during which a limit refused new threads (wall clock, nights and weekends of a
    /// weekly lockout included), per month, mean over trials.
    public var hoursLockedOutPerMonth: Double
    /// Highest 5-hour window / week of the period as a share of the allowance, over trials.
    public var peakFiveHourShare: SpendSummary?
    public var peakWeeklyShare: SpendSummary?
    /// Share of trials whose busiest week stayed below 80 % of the weekly allowance.
    public var peakWeeklyBelow80: Double?
    /// Self-hosting: boxes needed, USD per million tokens, share of one box's year the volume needs.
    public var boxes: SpendSummary?
    public var usdPerMillionTokens: SpendSummary?
    public var utilisationNeeded: SpendSummary?
    public var breakEven: BreakEven
}

/// A blocked plan's figures had its refused threads been run at API prices: the same threads
/// served (a refused thread counts against no limit either way), plus their API cost.
public struct FallbackOutcome: Sendable {
    /// Fees plus the refused threads' API cost, per trial.
    public var cost: SpendSummary
    public var saving: SpendSummary
    public var probabilityCheaper: Double
    /// Mean cost over the mean of all threads (every thread completes).
    public var costPerCompletedThread: Double?
}

/// The mean threads per working day at which an option's expected cost equals the expected API
/// cost: above it the option is cheaper on average.
public struct BreakEven: Sendable, Hashable {
    public enum Method: String, Sendable {
        /// Exact in expectation for options whose cost does not depend on usage (a blocked plan's
        /// fee; self-hosting with its fixed cost and power per token): API cost is proportional
        /// to the mean threads per day, so the break-even is a ratio.
        case linear
        /// A scan of the mean threads per day with common random numbers (thinning), for
        /// options whose cost depends on usage (overage).
        case scan
    }
    /// nil when the option is not cheaper at any usage searched (see `searchedUpTo`).
    public var threadsPerDay: Double?
    public var method: Method
    /// The highest mean threads per day the search covered; infinity for `.linear`.
    public var searchedUpTo: Double
}
