import Distributions
import Simulation

/// Where something was written in a scenario file, for errors that point at it.
public struct FilePosition: Sendable, Hashable {
    public var file: String
    /// 1-based; 0 when the whole file is meant.
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A ``ScenarioError`` at this position.
    public func error(_ rule: ScenarioError.Rule) -> ScenarioError {
        ScenarioError(file: file, line: line, column: column, rule: rule)
    }
}

/// A model's `fit:` entry as the scenario file writes it: which stored fit, for which model, in
/// which thread database. The scenario layer does not open the database; a ``FitResolver``
/// given to ``ScenarioLoader`` by the layer that composes the run (`StoredFits` in
/// `Composition`) turns the reference into a ``StoredFit``.
public struct FitReference: Sendable, Hashable {
    /// `fit: latest` or `fit: <id>`.
    public enum Wanted: Sendable, Hashable {
        /// The newest stored fit of the model.
        case latest
        /// The stored fit with this id (`tokencast fit` prints it).
        case id(Int64)
    }

    /// The scenario's top-level `db:` entry.
    public struct Database: Sendable, Hashable {
        /// The path, tilde expanded and resolved against the scenario's folder.
        public var path: String
        /// Where `db:` was written.
        public var position: FilePosition

        public init(path: String, position: FilePosition) {
            self.path = path
            self.position = position
        }
    }

    public var wanted: Wanted
    /// The model's name in the scenario.
    public var model: String
    /// The catalog key the model is priced as; a stored fit of either name matches.
    public var priceKey: String
    /// The `db:` entry; nil means the default thread database.
    public var database: Database?
    /// Where `fit:` was written.
    public var position: FilePosition

    public init(wanted: Wanted, model: String, priceKey: String, database: Database?, position: FilePosition) {
        self.wanted = wanted
        self.model = model
        self.priceKey = priceKey
        self.database = database
        self.position = position
    }
}

/// A stored fit resolved for one model: the laws and rates that replace the preset's, and the
/// bootstrap replicates the forecaster draws one of per trial.
public struct StoredFit: Sendable {
    /// A fitted law with the family and parameters it was fitted as, for echoing.
    public struct Law: Sendable {
        public var law: any UnivariateDistribution
        public var family: String
        public var parameters: [String: Double]

        public init(law: any UnivariateDistribution, family: String, parameters: [String: Double]) {
            self.law = law
            self.family = family
            self.parameters = parameters
        }
    }

    /// One bootstrap replicate: laws by draw, and the rates the logs gave (nil when not).
    public struct Replicate: Sendable {
        public var laws: [BehaviourDraw: any UnivariateDistribution]
        public var oneShotRate: Double?
        public var offTheRailsRate: Double?
        /// This replicate's own dependence between the draws; nil for independent draws.
        public var dependence: DrawDependence?
        /// This replicate's hit rate given the turns; nil draws `h` from its law.
        public var hitGivenTurns: HitRateGivenTurns?
        /// The family each fitted law chose on this replicate's resample (for the echo).
        public var families: [BehaviourDraw: String]

        public init(
            laws: [BehaviourDraw: any UnivariateDistribution], oneShotRate: Double?, offTheRailsRate: Double?,
            dependence: DrawDependence? = nil, hitGivenTurns: HitRateGivenTurns? = nil, families: [BehaviourDraw: String] = [:]
        ) {
            self.families = families
            self.hitGivenTurns = hitGivenTurns
            self.laws = laws
            self.oneShotRate = oneShotRate
            self.offTheRailsRate = offTheRailsRate
            self.dependence = dependence
        }
    }

    /// The stored fit's id.
    public var id: Int64
    /// The point estimate by draw.
    public var estimate: [BehaviourDraw: Law]
    public var oneShotRate: Double?
    public var offTheRailsRate: Double?
    public var replicates: [Replicate]
    /// The point estimate's dependence between the draws; nil for independent draws.
    public var dependence: DrawDependence?
    /// The point estimate's hit rate given the turns; nil draws `h` from its law.
    public var hitGivenTurns: HitRateGivenTurns?

    public init(
        id: Int64, estimate: [BehaviourDraw: Law], oneShotRate: Double?, offTheRailsRate: Double?, replicates: [Replicate],
        dependence: DrawDependence? = nil, hitGivenTurns: HitRateGivenTurns? = nil
    ) {
        self.hitGivenTurns = hitGivenTurns
        self.dependence = dependence
        self.id = id
        self.estimate = estimate
        self.oneShotRate = oneShotRate
        self.offTheRailsRate = offTheRailsRate
        self.replicates = replicates
    }
}

/// Turns a scenario's `fit:` references into stored fits while the scenario is read, so that
/// every mistake is still reported in file order with the position it was written at.
public protocol FitResolver {
    /// The stored fit `reference` names.
    /// - Throws: ``ScenarioError`` at `reference.position` (or at `db:` when the database
    ///   cannot be read) saying what is wrong and how to fix it.
    func resolve(_ reference: FitReference) throws(ScenarioError) -> StoredFit
}
