import Pricing
import Scenario
import Simulation

/// The JSON form of a plan comparison (`tokencast plans --format json`).
public struct PlanDocument: Encodable, Sendable {
    public var tool = "tokencast"
    public var version: String
    public var kind = "plan-comparison"
    public var scenario: String
    public var file: String
    public var trials: Int
    public var seed: UInt64
    public var months: Int
    public var workingDays: Int
    public var weeks: Int
    public var periodHours: Double
    public var breakEvenTrials: Int
    public var elapsedSeconds: Double
    public var currency = "USD"
    public var profiles: [Profile]

    public struct Profile: Encodable, Sendable {
        public var name: String
        public var threadsPerDayMean: Double
        public var workdayStartHour: Double
        public var workdayHours: Double
        public var threads: SpendSummary
        public var costPerThread: Double
        public var tokens: Double
        /// All threads at API prices over the period.
        public var api: SpendSummary
        public var options: [Option]
    }

    /// One option of a profile: the simulated ``OptionOutcome`` itself. The JSON gives the
    /// outcome's fields with the plan's terms beside them, the means of the overage and blocked
    /// threads, and the break-even flattened; renderers read the outcome's fields through it
    /// (`o.cost`, `o.saving`, ...).
    @dynamicMemberLookup
    public struct Option: Encodable, Sendable {
        public var outcome: OptionOutcome

        public init(_ outcome: OptionOutcome) { self.outcome = outcome }

        public subscript<T>(dynamicMember path: KeyPath<OptionOutcome, T>) -> T { outcome[keyPath: path] }

        public var kind: String { outcome.kind.rawValue }
        public var feePerMonth: Double? { outcome.plan?.monthlyFeeUSD }
        public var overLimit: String? { outcome.plan?.overLimit?.rawValue }
        public var allowance5h: String? { Self.allowance(outcome.plan?.allowance5h) }
        public var allowanceWeekly: String? { Self.allowance(outcome.plan?.allowanceWeekly) }
        public var includedUSDPerMonth: Double? { outcome.plan?.includedUSDPerMonth }
        public var limitsAreEstimates: Bool? { outcome.plan?.limitsAreEstimates }
        public var overageMean: Double { outcome.overage.mean }
        public var blockedThreadsMean: Double { outcome.blockedThreads.mean }
        public var tokensCounted: String? { outcome.selfHosting?.counted.rawValue }
        public var breakEvenThreadsPerDay: Double? { outcome.breakEven.threadsPerDay }
        public var breakEvenMethod: String { outcome.breakEven.method.rawValue }
        public var breakEvenSearchedUpTo: Double? {
            outcome.breakEven.searchedUpTo.isFinite ? outcome.breakEven.searchedUpTo : nil
        }

        static func allowance(_ a: Allowance?) -> String? {
            a.map { if case let .tokens(t) = $0 { return "\(Money.grouped(t)) tokens" } else { return Money.full($0.amount) } }
        }

        public func encode(to encoder: any Encoder) throws {
            let o = outcome
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(o.name, forKey: .name)
            try c.encode(kind, forKey: .kind)
            try c.encodeIfPresent(feePerMonth, forKey: .feePerMonth)
            try c.encodeIfPresent(overLimit, forKey: .overLimit)
            try c.encodeIfPresent(allowance5h, forKey: .allowance5h)
            try c.encodeIfPresent(allowanceWeekly, forKey: .allowanceWeekly)
            try c.encodeIfPresent(includedUSDPerMonth, forKey: .includedUSDPerMonth)
            try c.encodeIfPresent(limitsAreEstimates, forKey: .limitsAreEstimates)
            try c.encode(o.cost, forKey: .cost)
            try c.encode(o.saving, forKey: .saving)
            try c.encode(o.probabilityCheaper, forKey: .probabilityCheaper)
            try c.encode(overageMean, forKey: .overageMean)
            try c.encode(blockedThreadsMean, forKey: .blockedThreadsMean)
            try c.encode(o.blockedShare, forKey: .blockedShare)
            try c.encode(o.blockedCostMean, forKey: .blockedCostMean)
            try c.encodeIfPresent(o.fiveHourHitPerDay, forKey: .fiveHourHitPerDay)
            try c.encodeIfPresent(o.fiveHourHits, forKey: .fiveHourHits)
            try c.encodeIfPresent(o.weeklyHitPerWeek, forKey: .weeklyHitPerWeek)
            try c.encodeIfPresent(o.monthlyHitPerMonth, forKey: .monthlyHitPerMonth)
            try c.encode(o.hoursLockedOutPerMonth, forKey: .hoursLockedOutPerMonth)
            try c.encodeIfPresent(o.peakFiveHourShare, forKey: .peakFiveHourShare)
            try c.encodeIfPresent(o.peakWeeklyShare, forKey: .peakWeeklyShare)
            try c.encodeIfPresent(o.peakWeeklyBelow80, forKey: .peakWeeklyBelow80)
            try c.encodeIfPresent(o.boxes, forKey: .boxes)
            try c.encodeIfPresent(o.usdPerMillionTokens, forKey: .usdPerMillionTokens)
            try c.encodeIfPresent(o.utilisationNeeded, forKey: .utilisationNeeded)
            try c.encodeIfPresent(tokensCounted, forKey: .tokensCounted)
            try c.encodeIfPresent(breakEvenThreadsPerDay, forKey: .breakEvenThreadsPerDay)
            try c.encode(breakEvenMethod, forKey: .breakEvenMethod)
            try c.encodeIfPresent(breakEvenSearchedUpTo, forKey: .breakEvenSearchedUpTo)
        }
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, kind, scenario, file, trials, seed, months, weeks, currency, profiles
        case workingDays = "working_days", periodHours = "period_hours", breakEvenTrials = "break_even_trials"
        case elapsedSeconds = "elapsed_seconds"
    }

    public init(scenario: Scenario, comparison c: PlanComparison, profiles specs: [PlanProfile], version: String) {
        self.version = version
        self.scenario = scenario.name
        file = scenario.file
        trials = c.trials
        seed = c.seed
        months = c.months
        workingDays = c.workingDays
        weeks = c.weeks
        periodHours = c.periodHours
        breakEvenTrials = c.breakEvenTrials
        elapsedSeconds = c.elapsedSeconds
        profiles = zip(c.profiles, specs).map { p, spec in
            Profile(
                name: p.name, threadsPerDayMean: p.meanThreadsPerDay, workdayStartHour: spec.workday.startHour,
                workdayHours: spec.workday.hours, threads: p.threads, costPerThread: p.costPerThread, tokens: p.tokens,
                api: p.api, options: p.options.map(Option.init))
        }
    }
}

extension PlanDocument.Profile {
    enum CodingKeys: String, CodingKey {
        case name, threads, tokens, api, options
        case threadsPerDayMean = "threads_per_day_mean", workdayStartHour = "workday_start_hour", workdayHours = "workday_hours"
        case costPerThread = "cost_per_thread"
    }
}

extension PlanDocument.Option {
    enum CodingKeys: String, CodingKey {
        case name, kind, cost, saving, boxes
        case feePerMonth = "fee_per_month", overLimit = "over_limit", allowance5h = "allowance_5h"
        case allowanceWeekly = "allowance_weekly", includedUSDPerMonth = "included_usd_per_month"
        case limitsAreEstimates = "limits_are_estimates", probabilityCheaper = "probability_cheaper"
        case overageMean = "overage_mean", blockedThreadsMean = "blocked_threads_mean", blockedShare = "blocked_share"
        case blockedCostMean = "blocked_cost_mean", fiveHourHitPerDay = "five_hour_hit_per_day"
        case fiveHourHits = "five_hour_hits", weeklyHitPerWeek = "weekly_hit_per_week"
        case monthlyHitPerMonth = "monthly_hit_per_month", hoursLockedOutPerMonth = "hours_locked_out_per_month"
        case peakFiveHourShare = "peak_five_hour_share", peakWeeklyShare = "peak_weekly_share"
        case peakWeeklyBelow80 = "peak_weekly_below_80_percent", usdPerMillionTokens = "usd_per_million_tokens"
        case utilisationNeeded = "utilisation_needed", tokensCounted = "tokens_counted"
        case breakEvenThreadsPerDay = "break_even_threads_per_day", breakEvenMethod = "break_even_method"
        case breakEvenSearchedUpTo = "break_even_searched_up_to"
    }
}
