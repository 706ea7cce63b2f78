import Pricing
import Simulation

/// The `team:` section of a scenario: who uses agents, how much, on which models, and how the
/// head count moves over the horizon.
public struct TeamScenario: Sendable {
    public var profiles: [TeamProfile]
    /// Months a new hire takes to reach full use.
    public var rampUpMonths: Int
    public var adoption: AdoptionCurve
    /// Loaded cost of a developer hour, USD (0: time is not priced).
    public var hourlyRate: Double
    public var method: TeamMethod
    /// When in the day developers start threads (what seat plans' 5-hour windows see).
    public var workday = Workday()

    public init(
        profiles: [TeamProfile], rampUpMonths: Int = 0, adoption: AdoptionCurve = .full, hourlyRate: Double = 0,
        method: TeamMethod = .auto
    ) {
        self.profiles = profiles
        self.rampUpMonths = rampUpMonths
        self.adoption = adoption
        self.hourlyRate = hourlyRate
        self.method = method
    }
}

/// One developer profile of a team.
public struct TeamProfile: Sendable {
    public var name: String
    public var demand: ThreadDemand
    /// Shares of threads over the scenario's models, in `models` order.
    public var mix: [Double]
    public var plan: HeadCountPlan
    /// The routing roles the mix came from, when the profile routes by role.
    public var routing: [RoutingRole]
    /// The plan each of the profile's developers holds a seat on (`plan: claude-max-200`); nil:
    /// every thread at API prices.
    public var seatPlan: Plan?
}

/// One of Amp's routing roles: a kind of request, the model serving it and its share of threads.
public struct RoutingRole: Sendable, Hashable {
    public var role: String
    public var model: String
    public var share: Double

    /// Amp's roles and the models it routes them to (DOMAIN.md section 2).
    public static let ampDefaults: [(role: String, model: String)] = [
        ("smart", "Opus 4.6"), ("rush", "Haiku 4.5"), ("deep", "GPT-5.2 Codex"),
        ("oracle", "GPT-5.2"), ("librarian", "Sonnet 4.5"), ("search", "Gemini 3 Flash"),
    ]
    public static var roleNames: [String] { ampDefaults.map(\.role) }
}

/// A spending limit: a yearly amount, or one amount per month.
public struct Budget: Sendable, Hashable {
    /// Per month of the horizon, when the budget was given monthly.
    public var monthly: [Double]?
    /// The whole horizon's budget (the sum of `monthly` when given monthly).
    public var annual: Double

    public init(annual: Double) {
        self.annual = annual
        monthly = nil
    }

    public init(monthly: [Double]) {
        self.monthly = monthly
        annual = monthly.reduce(0, +)
    }
}

extension Scenario {
    /// The team this scenario describes: its `team:`, or else the single developer of
    /// `developer:` as a one-person team (which reproduces `run` exactly).
    public func teamSpec(pricingMode: PricingMode = .fused) -> TeamForecastSpec {
        guard let team else {
            return TeamForecastSpec(developer: forecastSpec(pricingMode: pricingMode))
        }
        let priced = models.map(\.priced)
        var spec = TeamForecastSpec(
            models: priced, uncertainty: models.map(\.uncertainty), pricePaths: models.map(\.pricePath),
            priceCorrelation: priceCorrelation,
            profiles: team.profiles.map {
                TeamProfileSpec(
                    name: $0.name, demand: $0.demand, mix: $0.mix, plan: $0.plan,
                    seat: $0.seatPlan.map { SeatPlan(plan: $0, models: priced, workday: team.workday) })
            },
            calendar: calendar, adoption: team.adoption, rampUpMonths: team.rampUpMonths, hourlyRate: team.hourlyRate,
            trials: trials, seed: seed, method: team.method, pricingMode: pricingMode)
        // Fitted models carry bootstrap replicates, as in forecastSpec(); each trial runs on one.
        if models.contains(where: { !$0.replicates.isEmpty }) { spec.behaviourReplicates = models.map(\.replicates) }
        return spec
    }
}
