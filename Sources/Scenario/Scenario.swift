import Distributions
import Pricing
import Simulation

/// A loaded, validated scenario: what `tokencast run` simulates.
public struct Scenario: Sendable {
    /// The most trials a scenario (or `--trials`) may ask for: more would take hours.
    public static let allowedTrials: ClosedRange<Int> = 1...100_000_000

    /// The file it was read from.
    public var file: String
    public var name: String
    public var summary: String?
    public var trials: Int
    public var seed: UInt64
    public var calendar: WorkCalendar
    public var demand: ThreadDemand
    public var models: [ScenarioModel]
    /// Shares of threads per model, in `models` order.
    public var mix: [Double]
    public var priceCorrelation: Double
    /// The catalog prices were resolved against.
    public var catalog: PriceCatalog
    /// Plan comparison (`plans:`, `profiles:`, `self_hosting:`; ScenarioLoader+Plans.swift):
    /// the plans chosen, the developer profiles (the `developer:` one when there is no
    /// `profiles:`) and self-hosted setups.
    public var plans: [Plan] = []
    public var profiles: [PlanProfile] = []
    public var selfHosting: [SelfHostingOption] = []
    /// The team, when the scenario has a `team:` section.
    public var team: TeamScenario? = nil
    /// The spending limit of `budget:`, if any.
    public var budget: Budget? = nil

    /// The forecast this scenario asks for.
    public func forecastSpec(pricingMode: PricingMode = .fused) -> DeveloperForecastSpec {
        var spec = DeveloperForecastSpec(
            models: models.map(\.priced), mix: mix, uncertainty: models.map(\.uncertainty),
            pricePaths: models.map(\.pricePath), priceCorrelation: priceCorrelation, demand: demand,
            calendar: calendar, trials: trials, seed: seed, pricingMode: pricingMode)
        // Fitted models carry bootstrap replicates; each trial runs on one of them.
        if models.contains(where: { !$0.replicates.isEmpty }) { spec.behaviourReplicates = models.map(\.replicates) }
        return spec
    }
}

/// One model of a scenario: its name, prices, behaviour and the figures it is checked against.
public struct ScenarioModel: Sendable {
    public var name: String
    public var priced: PricedModel
    public var uncertainty: BehaviourUncertainty
    public var pricePath: PricePath
    /// The preset the behaviour started from, if any.
    public var preset: String?
    /// The behaviour as written (after the preset), for echoing.
    public var behaviourSpecs: [(key: String, value: String)]
    /// Published figures to show beside the simulated ones (e.g. Amp's table).
    public var published: PublishedFigures?
    /// The stored fit the behaviour came from (`fit:`), if any.
    public var fitID: Int64? = nil
    /// The fit's bootstrap replicates as behaviours (keys under `behaviour:` applied); empty
    /// without a fit.
    public var replicates: [ThreadBehaviour] = []
    /// The `fit:` entry as written, if any (resolved while loading by the ``FitResolver``).
    public var fit: FitReference? = nil
}

/// Figures someone published for a model, to compare a simulation with.
public struct PublishedFigures: Sendable, Hashable {
    public var source: String?
    public var averageThreadCost: Double?
    public var wasteShare: Double?
    public var medianThreadMinutes: Double?
}
