/// Everything one developer's forecast needs: models with their behaviour and prices, the
/// uncertainty shared by a trial, the demand for threads and the calendar.
public struct DeveloperForecastSpec: Sendable {
    public var models: [PricedModel]
    /// Shares of threads per model, in `models` order; they sum to 1.
    public var mix: [Double]
    /// Per model: how unsure its behaviour parameters are.
    public var uncertainty: [BehaviourUncertainty]
    /// Per model: how its prices move over the horizon.
    public var pricePaths: [PricePath]
    /// Correlation between the price-path draws of different models.
    public var priceCorrelation: Double
    public var demand: ThreadDemand
    public var calendar: WorkCalendar
    public var trials: Int
    public var seed: UInt64
    public var pricingMode: PricingMode
    /// Per model, how many simulated threads' costs to keep for thread-level percentiles.
    public var threadSampleCap: Int
    /// Parallel workers; nil uses every core. Results do not depend on it.
    public var workers: Int?
    /// Per model: fitted behaviour replicates, one drawn per trial (``BehaviourReplicates``);
    /// empty for a model whose behaviour is known or given with ``BehaviourUncertainty``.
    public var behaviourReplicates: [[ThreadBehaviour]] = []

    public init(
        models: [PricedModel], mix: [Double], uncertainty: [BehaviourUncertainty]? = nil,
        pricePaths: [PricePath]? = nil, priceCorrelation: Double = 0, demand: ThreadDemand,
        calendar: WorkCalendar, trials: Int, seed: UInt64, pricingMode: PricingMode = .fused,
        threadSampleCap: Int = 50_000
    ) {
        self.models = models
        self.mix = mix
        self.uncertainty = uncertainty ?? Array(repeating: .none, count: models.count)
        self.pricePaths = pricePaths ?? Array(repeating: .flat, count: models.count)
        self.priceCorrelation = priceCorrelation
        self.demand = demand
        self.calendar = calendar
        self.trials = trials
        self.seed = seed
        self.pricingMode = pricingMode
        self.threadSampleCap = threadSampleCap
        self.workers = nil
    }
}
