/// Everything a team's forecast needs: the models, the profiles of developers with
/// their head-count plans, the uncertainty shared by a trial, the calendar.
///
/// Models are listed once for the whole team; each profile's `mix` gives its shares of
/// threads over them (zeros for models a profile does not use), so shared draws (behaviour,
/// prices) are per model and hit every profile using that model at once.
public struct TeamForecastSpec: Sendable {
    public var models: [PricedModel]
    public var uncertainty: [BehaviourUncertainty]
    public var pricePaths: [PricePath]
    public var priceCorrelation: Double
    public var profiles: [TeamProfileSpec]
    public var calendar: WorkCalendar
    public var adoption: AdoptionCurve
    /// Months a new hire takes to reach full use (see ``DeveloperGroup/rampFactor(month:rampUpMonths:)``).
    public var rampUpMonths: Int
    /// Loaded cost of a developer hour, USD, for the time lost to off-the-rails attempts.
    public var hourlyRate: Double
    public var trials: Int
    public var seed: UInt64
    public var method: TeamMethod
    public var pricingMode: PricingMode
    /// Seat-months per node of an aggregated seat profile's ``SeatPlanTable`` (its accuracy for
    /// rare limit hits grows with it; tests lower it to stay quick in debug builds).
    public var seatTableMonths = SeatPlanTable.seatMonths
    /// Parallel workers; nil uses every core. Results do not depend on it.
    public var workers: Int?
    /// Per model: fitted behaviour replicates, one drawn per trial (``BehaviourReplicates``) for
    /// the exact profiles; empty for a model whose behaviour is known or given with
    /// ``BehaviourUncertainty``. The aggregated profiles' moment tables stay at `models`.
    public var behaviourReplicates: [[ThreadBehaviour]] = []

    public init(
        models: [PricedModel], uncertainty: [BehaviourUncertainty]? = nil, pricePaths: [PricePath]? = nil,
        priceCorrelation: Double = 0, profiles: [TeamProfileSpec], calendar: WorkCalendar,
        adoption: AdoptionCurve = .full, rampUpMonths: Int = 0, hourlyRate: Double = 0,
        trials: Int, seed: UInt64, method: TeamMethod = .auto, pricingMode: PricingMode = .fused
    ) {
        self.models = models
        self.uncertainty = uncertainty ?? Array(repeating: .none, count: models.count)
        self.pricePaths = pricePaths ?? Array(repeating: .flat, count: models.count)
        self.priceCorrelation = priceCorrelation
        self.profiles = profiles
        self.calendar = calendar
        self.adoption = adoption
        self.rampUpMonths = rampUpMonths
        self.hourlyRate = hourlyRate
        self.trials = trials
        self.seed = seed
        self.method = method
        self.pricingMode = pricingMode
    }

    /// The same team as a one-developer spec: what ``DeveloperForecaster`` runs for
    /// a single-profile, one-developer team.
    public init(developer spec: DeveloperForecastSpec, profileName: String = "developer") {
        self.init(
            models: spec.models, uncertainty: spec.uncertainty, pricePaths: spec.pricePaths,
            priceCorrelation: spec.priceCorrelation,
            profiles: [TeamProfileSpec(name: profileName, demand: spec.demand, mix: spec.mix, plan: .constant(1))],
            calendar: spec.calendar, trials: spec.trials, seed: spec.seed, method: .exact, pricingMode: spec.pricingMode)
        workers = spec.workers
        behaviourReplicates = spec.behaviourReplicates
    }
}

/// One kind of developer: how many threads they start, on which models, and how many of them
/// there are month by month.
public struct TeamProfileSpec: Sendable {
    public var name: String
    public var demand: ThreadDemand
    /// Shares of threads over the spec's models; they sum to 1.
    public var mix: [Double]
    public var plan: HeadCountPlan
    /// The subscription each developer holds; nil: every thread at API prices.
    public var seat: SeatPlan?

    public init(name: String, demand: ThreadDemand, mix: [Double], plan: HeadCountPlan, seat: SeatPlan? = nil) {
        self.name = name
        self.demand = demand
        self.mix = mix
        self.plan = plan
        self.seat = seat
    }
}

/// How a profile's threads are simulated.
public enum TeamMethod: String, Sendable, CaseIterable {
    /// Exact up to ``TeamForecaster/exactHeadCountLimit`` developers in a profile, aggregated above.
    case auto
    /// Every developer, day and thread through the kernel.
    case exact
    /// Per profile-model-month sums drawn from moments (docs/team-forecasts.md).
    case aggregate
}
