import Pricing

/// One kind of developer in a plan comparison (heavy, light, ...): how many threads they start,
/// on which models, and when in the day.
public struct PlanProfile: Sendable {
    public var name: String
    public var demand: ThreadDemand
    /// Shares of threads per model, in the spec's `models` order; they sum to 1.
    public var mix: [Double]
    public var workday: Workday

    public init(name: String, demand: ThreadDemand, mix: [Double], workday: Workday = Workday()) {
        self.name = name
        self.demand = demand
        self.mix = mix
        self.workday = workday
    }
}

/// A self-hosted setup compared like a plan.
public struct SelfHostingOption: Sendable, Hashable {
    public var name: String
    public var hosting: SelfHosting
    /// Which tokens the hardware must process (see ``HostedTokens``).
    public var counted: HostedTokens

    public init(name: String, hosting: SelfHosting, counted: HostedTokens = .uncached) {
        self.name = name
        self.hosting = hosting
        self.counted = counted
    }
}

/// Which of a thread's tokens count against a self-hosted server's throughput.
public enum HostedTokens: String, Sendable, Hashable, CaseIterable {
    /// Every token an API would bill, cache reads included.
    case all
    /// Everything but cache reads: a server with prefix caching keeps the re-sent context's
    /// attention state, so re-reading it costs (almost) no compute; fresh input, cache misses
    /// and output must be processed.
    case uncached
}

/// Everything a plan comparison needs: the models (as in a developer forecast), the profiles,
/// the plans and self-hosted setups to compare with API prices, and the Monte Carlo settings.
public struct PlanComparisonSpec: Sendable {
    public var models: [PricedModel]
    public var uncertainty: [BehaviourUncertainty]
    public var pricePaths: [PricePath]
    public var priceCorrelation: Double
    /// Per model: fitted behaviour replicates, one per trial; empty when there are none.
    public var behaviourReplicates: [[ThreadBehaviour]] = []
    public var profiles: [PlanProfile]
    public var plans: [Plan]
    public var selfHosting: [SelfHostingOption]
    /// Months in the period (12: a year) and working days in it.
    public var months: Int
    public var workingDays: Int
    public var trials: Int
    public var seed: UInt64
    /// Parallel workers; nil uses every core. Results do not depend on it.
    public var workers: Int?
    /// Trials of the break-even scan for plans whose cost depends on usage (overage).
    public var breakEvenTrials: Int = 400
    /// Points of the break-even scan's grid of threads per day.
    public var breakEvenGrid: Int = 32

    public init(
        models: [PricedModel], uncertainty: [BehaviourUncertainty]? = nil, pricePaths: [PricePath]? = nil,
        priceCorrelation: Double = 0, profiles: [PlanProfile], plans: [Plan], selfHosting: [SelfHostingOption] = [],
        months: Int = 12, workingDays: Int = 230, trials: Int, seed: UInt64
    ) {
        self.models = models
        self.uncertainty = uncertainty ?? Array(repeating: .none, count: models.count)
        self.pricePaths = pricePaths ?? Array(repeating: .flat, count: models.count)
        self.priceCorrelation = priceCorrelation
        self.profiles = profiles
        self.plans = plans
        self.selfHosting = selfHosting
        self.months = months
        self.workingDays = workingDays
        self.trials = trials
        self.seed = seed
    }

    /// The working days of the period on the plans' hour axis.
    public var timeline: PlanTimeline { PlanTimeline(months: months, workingDays: workingDays) }
}
