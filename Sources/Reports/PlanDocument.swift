import Foundation
import Pricing
import Scenario
import Simulation

/// The JSON form of a plan comparison (`tokencast plans --format json`).
///
/// Encodable only: nothing reads it back, and ``Option`` holds the simulation's
/// ``OptionOutcome`` rather than a copy of its fields.
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
    /// The first day of the forecast: plans whose figures are older than
    /// ``Pricing/Plan/staleAfterDays`` on this day get a warning.
    public var forecastStart: String
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

    /// One option of a profile: the simulated ``OptionOutcome`` itself, with the names and
    /// units of the JSON, CSV and text renderings as computed properties.
    ///
    /// An earlier version copied every field of `OptionOutcome` into stored properties; the
    /// outcome is held instead, and read through computed properties, so that a new figure is
    /// declared once. A final class, not a struct: a struct holding the outcome and forwarding
    /// to it crashed Swift 6.3.1's release optimiser (CopyPropagation, "Found outside of
    /// lifetime use" in PlanText.render); a reference is not copied there.
    public final class Option: Encodable, Sendable {
        public let outcome: OptionOutcome
        /// Days from the plan's `as_of` to the forecast's start; nil for self-hosting.
        public let daysOld: Int?

        init(_ outcome: OptionOutcome, forecastStart: String) {
            self.outcome = outcome
            daysOld = outcome.plan?.daysOld(on: forecastStart)
        }

        public var name: String { outcome.name }
        public var kind: String { outcome.kind.rawValue }
        public var feePerMonth: Double? { outcome.plan?.monthlyFeeUSD }
        public var overLimit: String? { outcome.plan?.overLimit?.rawValue }
        public var allowance5h: String? { Self.allowance(outcome.plan?.allowance5h) }
        public var allowanceWeekly: String? { Self.allowance(outcome.plan?.allowanceWeekly) }
        public var includedUSDPerMonth: Double? { outcome.plan?.includedUSDPerMonth }
        public var limitsAreEstimates: Bool? { outcome.plan?.limitsAreEstimates }
        /// "5-hour calibrated from N snapshots; weekly estimate", when a calibration applied.
        public var allowanceBasis: String? { outcome.plan?.allowanceBasis }
        public var asOf: String? { outcome.plan?.asOf }
        public var source: String? { outcome.plan?.source }
        /// Whether the plan's figures are older than ``Pricing/Plan/staleAfterDays`` at the start.
        public var isStale: Bool { (daysOld ?? 0) > Plan.staleAfterDays }
        public var cost: SpendSummary { outcome.cost }
        public var saving: SpendSummary { outcome.saving }
        public var probabilityCheaper: Double { outcome.probabilityCheaper }
        public var overageMean: Double { outcome.overage.mean }
        public var blockedThreadsMean: Double { outcome.blockedThreads.mean }
        public var blockedShare: Double { outcome.blockedShare }
        public var blockedCostMean: Double { outcome.blockedCostMean }
        public var fallbackThreadsMean: Double? { outcome.fallbackThreads?.mean }
        public var completedThreadsMean: Double { outcome.completedThreadsMean }
        public var costPerCompletedThread: Double? { outcome.costPerCompletedThread }
        public var ifRefusedRunOnAPI: FallbackOutcome? { outcome.ifRefusedRunOnAPI }
        public var fiveHourHitPerDay: Double? { outcome.fiveHourHitPerDay }
        public var fiveHourHits: SpendSummary? { outcome.fiveHourHits }
        public var weeklyHitPerWeek: Double? { outcome.weeklyHitPerWeek }
        public var monthlyHitPerMonth: Double? { outcome.monthlyHitPerMonth }
        public var hoursLockedOutPerMonth: Double { outcome.hoursLockedOutPerMonth }
        public var peakFiveHourShare: SpendSummary? { outcome.peakFiveHourShare }
        public var peakWeeklyShare: SpendSummary? { outcome.peakWeeklyShare }
        public var peakWeeklyBelow80: Double? { outcome.peakWeeklyBelow80 }
        public var boxes: SpendSummary? { outcome.boxes }
        public var usdPerMillionTokens: SpendSummary? { outcome.usdPerMillionTokens }
        public var utilisationNeeded: SpendSummary? { outcome.utilisationNeeded }
        public var tokensCounted: String? { outcome.selfHosting?.counted.rawValue }
        public var breakEvenThreadsPerDay: Double? { outcome.breakEven.threadsPerDay }
        public var breakEvenMethod: String { outcome.breakEven.method.rawValue }
        public var breakEvenSearchedUpTo: Double? {
            outcome.breakEven.searchedUpTo.isFinite ? outcome.breakEven.searchedUpTo : nil
        }

        static func allowance(_ a: Allowance?) -> String? {
            a.map { if case let .tokens(t) = $0 { return "\(Money.grouped(t)) tokens" } else { return Money.full($0.amount) } }
        }
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, kind, scenario, file, trials, seed, months, weeks, currency, profiles
        case workingDays = "working_days", periodHours = "period_hours", breakEvenTrials = "break_even_trials"
        case elapsedSeconds = "elapsed_seconds", forecastStart = "forecast_start"
    }

    /// - Parameter today: the day to age plans against when the scenario's calendar has no
    ///   start month (ISO-8601; default today, UTC).
    public init(
        scenario: Scenario, comparison c: PlanComparison, profiles specs: [PlanProfile], version: String,
        today: String? = nil
    ) {
        self.version = version
        let start = scenario.calendar.months.first.map { $0 + "-01" }
        let day = start.flatMap { Plan.dayNumber($0) != nil ? $0 : nil } ?? today ?? Self.today()
        forecastStart = day
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
                api: p.api, options: p.options.map { Option($0, forecastStart: day) })
        }
    }

    /// Today (UTC) as an ISO-8601 day.
    static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }

    /// The plans of the comparison whose figures are stale at the forecast's start, once each
    /// (every profile lists the same plans).
    public var stalePlans: [Option] {
        var seen: Set<String> = []
        return profiles.flatMap(\.options).filter { $0.isStale && seen.insert($0.name).inserted }
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
        case name, kind, cost, saving, boxes, source
        case feePerMonth = "fee_per_month", overLimit = "over_limit", allowance5h = "allowance_5h"
        case allowanceWeekly = "allowance_weekly", includedUSDPerMonth = "included_usd_per_month"
        case limitsAreEstimates = "limits_are_estimates", allowanceBasis = "allowance_basis", asOf = "as_of", daysOld =
            "days_old", stale
        case probabilityCheaper = "probability_cheaper"
        case overageMean = "overage_mean", blockedThreadsMean = "blocked_threads_mean", blockedShare = "blocked_share"
        case blockedCostMean = "blocked_cost_mean", fallbackThreadsMean = "fallback_threads_mean"
        case completedThreadsMean = "completed_threads_mean", costPerCompletedThread = "cost_per_completed_thread"
        case ifRefusedRunOnAPI = "if_refused_run_on_api"
        case fiveHourHitPerDay = "five_hour_hit_per_day"
        case fiveHourHits = "five_hour_hits", weeklyHitPerWeek = "weekly_hit_per_week"
        case monthlyHitPerMonth = "monthly_hit_per_month", hoursLockedOutPerMonth = "hours_locked_out_per_month"
        case peakFiveHourShare = "peak_five_hour_share", peakWeeklyShare = "peak_weekly_share"
        case peakWeeklyBelow80 = "peak_weekly_below_80_percent", usdPerMillionTokens = "usd_per_million_tokens"
        case utilisationNeeded = "utilisation_needed", tokensCounted = "tokens_counted"
        case breakEvenThreadsPerDay = "break_even_threads_per_day", breakEvenMethod = "break_even_method"
        case breakEvenSearchedUpTo = "break_even_searched_up_to"
    }

    enum FallbackKeys: String, CodingKey {
        case cost, saving, probabilityCheaper = "probability_cheaper", costPerCompletedThread = "cost_per_completed_thread"
    }

    /// The keys of the former stored fields, in their order, then the new ones; optional
    /// values are left out when nil, as the synthesised encoder did.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(feePerMonth, forKey: .feePerMonth)
        try c.encodeIfPresent(overLimit, forKey: .overLimit)
        try c.encodeIfPresent(allowance5h, forKey: .allowance5h)
        try c.encodeIfPresent(allowanceWeekly, forKey: .allowanceWeekly)
        try c.encodeIfPresent(includedUSDPerMonth, forKey: .includedUSDPerMonth)
        try c.encodeIfPresent(limitsAreEstimates, forKey: .limitsAreEstimates)
        try c.encodeIfPresent(allowanceBasis, forKey: .allowanceBasis)
        try c.encodeIfPresent(asOf, forKey: .asOf)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encodeIfPresent(daysOld, forKey: .daysOld)
        if outcome.plan != nil { try c.encode(isStale, forKey: .stale) }
        try c.encode(cost, forKey: .cost)
        try c.encode(saving, forKey: .saving)
        try c.encode(probabilityCheaper, forKey: .probabilityCheaper)
        try c.encode(overageMean, forKey: .overageMean)
        try c.encode(blockedThreadsMean, forKey: .blockedThreadsMean)
        try c.encode(blockedShare, forKey: .blockedShare)
        try c.encode(blockedCostMean, forKey: .blockedCostMean)
        try c.encodeIfPresent(fallbackThreadsMean, forKey: .fallbackThreadsMean)
        try c.encode(completedThreadsMean, forKey: .completedThreadsMean)
        try c.encodeIfPresent(costPerCompletedThread, forKey: .costPerCompletedThread)
        if let f = ifRefusedRunOnAPI {
            var n = c.nestedContainer(keyedBy: FallbackKeys.self, forKey: .ifRefusedRunOnAPI)
            try n.encode(f.cost, forKey: .cost)
            try n.encode(f.saving, forKey: .saving)
            try n.encode(f.probabilityCheaper, forKey: .probabilityCheaper)
            try n.encodeIfPresent(f.costPerCompletedThread, forKey: .costPerCompletedThread)
        }
        try c.encodeIfPresent(fiveHourHitPerDay, forKey: .fiveHourHitPerDay)
        try c.encodeIfPresent(fiveHourHits, forKey: .fiveHourHits)
        try c.encodeIfPresent(weeklyHitPerWeek, forKey: .weeklyHitPerWeek)
        try c.encodeIfPresent(monthlyHitPerMonth, forKey: .monthlyHitPerMonth)
        try c.encode(hoursLockedOutPerMonth, forKey: .hoursLockedOutPerMonth)
        try c.encodeIfPresent(peakFiveHourShare, forKey: .peakFiveHourShare)
        try c.encodeIfPresent(peakWeeklyShare, forKey: .peakWeeklyShare)
        try c.encodeIfPresent(peakWeeklyBelow80, forKey: .peakWeeklyBelow80)
        try c.encodeIfPresent(boxes, forKey: .boxes)
        try c.encodeIfPresent(usdPerMillionTokens, forKey: .usdPerMillionTokens)
        try c.encodeIfPresent(utilisationNeeded, forKey: .utilisationNeeded)
        try c.encodeIfPresent(tokensCounted, forKey: .tokensCounted)
        try c.encodeIfPresent(breakEvenThreadsPerDay, forKey: .breakEvenThreadsPerDay)
        try c.encode(breakEvenMethod, forKey: .breakEvenMethod)
        try c.encodeIfPresent(breakEvenSearchedUpTo, forKey: .breakEvenSearchedUpTo)
    }
}
