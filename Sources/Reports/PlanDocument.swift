import Pricing
import Scenario
import Simulation

/// The JSON form of a plan comparison (`tokencast plans --format json`).
public struct PlanDocument: Codable, Sendable {
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

    public struct Profile: Codable, Sendable {
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

    public struct Option: Codable, Sendable {
        public var name: String
        public var kind: String
        public var feePerMonth: Double?
        public var overLimit: String?
        public var allowance5h: String?
        public var allowanceWeekly: String?
        public var includedUSDPerMonth: Double?
        public var limitsAreEstimates: Bool?
        public var cost: SpendSummary
        public var saving: SpendSummary
        public var probabilityCheaper: Double
        public var overageMean: Double
        public var blockedThreadsMean: Double
        public var blockedShare: Double
        public var blockedCostMean: Double
        public var fiveHourHitPerDay: Double?
        public var fiveHourHits: SpendSummary?
        public var weeklyHitPerWeek: Double?
        public var monthlyHitPerMonth: Double?
        public var hoursLockedOutPerMonth: Double
        public var peakFiveHourShare: SpendSummary?
        public var peakWeeklyShare: SpendSummary?
        public var peakWeeklyBelow80: Double?
        public var boxes: SpendSummary?
        public var usdPerMillionTokens: SpendSummary?
        public var utilisationNeeded: SpendSummary?
        public var tokensCounted: String?
        public var breakEvenThreadsPerDay: Double?
        public var breakEvenMethod: String
        public var breakEvenSearchedUpTo: Double?
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
                api: p.api, options: p.options.map(Self.option))
        }
    }

    static func option(_ o: OptionOutcome) -> Option {
        func allowance(_ a: Allowance?) -> String? {
            a.map { if case let .tokens(t) = $0 { return "\(Money.grouped(t)) tokens" } else { return Money.full($0.amount) } }
        }
        return Option(
            name: o.name, kind: o.kind.rawValue, feePerMonth: o.plan?.monthlyFeeUSD, overLimit: o.plan?.overLimit?.rawValue,
            allowance5h: allowance(o.plan?.allowance5h), allowanceWeekly: allowance(o.plan?.allowanceWeekly),
            includedUSDPerMonth: o.plan?.includedUSDPerMonth, limitsAreEstimates: o.plan?.limitsAreEstimates,
            cost: o.cost, saving: o.saving, probabilityCheaper: o.probabilityCheaper, overageMean: o.overage.mean,
            blockedThreadsMean: o.blockedThreads.mean, blockedShare: o.blockedShare, blockedCostMean: o.blockedCostMean,
            fiveHourHitPerDay: o.fiveHourHitPerDay, fiveHourHits: o.fiveHourHits, weeklyHitPerWeek: o.weeklyHitPerWeek,
            monthlyHitPerMonth: o.monthlyHitPerMonth, hoursLockedOutPerMonth: o.hoursLockedOutPerMonth,
            peakFiveHourShare: o.peakFiveHourShare, peakWeeklyShare: o.peakWeeklyShare, peakWeeklyBelow80: o.peakWeeklyBelow80,
            boxes: o.boxes, usdPerMillionTokens: o.usdPerMillionTokens, utilisationNeeded: o.utilisationNeeded,
            tokensCounted: o.selfHosting?.counted.rawValue, breakEvenThreadsPerDay: o.breakEven.threadsPerDay,
            breakEvenMethod: o.breakEven.method.rawValue,
            breakEvenSearchedUpTo: o.breakEven.searchedUpTo.isFinite ? o.breakEven.searchedUpTo : nil)
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
