import Distributions
import Foundation
import Simulation

/// One complete set of fitted behaviour parameters: the point estimate, or one bootstrap
/// replicate. What a scenario's `fit:` turns into a ``ThreadBehaviour``.
public struct FitReplicate: Sendable, Hashable, Codable {
    public var turns: FittedLaw
    public var freshInputPerTurn: FittedLaw
    public var outputPerTurn: FittedLaw
    public var baseContext: Double
    public var cacheHitRate: FittedLaw
    /// nil when the logs carry no outcomes.
    public var oneShotRate: Double?
    public var offTheRailsRate: Double?
    public var threadsPerDay: Double?
    public var dayDispersion: Double?
    /// The law of each thread's own base context; nil (fits before it) means the constant
    /// `baseContext`.
    public var baseContextLaw: FittedLaw?
    /// Normal-score correlations of the Gaussian copula by `draw.draw` (the t copula's shape
    /// matrix when `copulaDegreesOfFreedom` is set); nil draws independently.
    public var correlations: [String: Double]?
    /// ν of a t copula (``StudentCopulaFit``); nil is the Gaussian copula.
    public var copulaDegreesOfFreedom: Double?
    /// The kernel copula (``KernelCopulaFit``), whose noise has `correlations`; nil is a
    /// Gaussian or t copula. Kept on the point estimate only: replicates draw the estimate's.
    public var kernelCopula: KernelCopulaParameters?
    /// The hit rate given the attempt's turns (``HitRateGivenTurns``, keys as
    /// `HitRateGivenTurnsFit.keys`); nil draws `h` from `cacheHitRate` for every length.
    public var cacheHitGivenTurns: [String: Double]?

    public init(
        turns: FittedLaw, freshInputPerTurn: FittedLaw, outputPerTurn: FittedLaw, baseContext: Double, cacheHitRate: FittedLaw,
        oneShotRate: Double?, offTheRailsRate: Double?, threadsPerDay: Double?, dayDispersion: Double?,
        baseContextLaw: FittedLaw? = nil, correlations: [String: Double]? = nil
    ) {
        self.turns = turns
        self.freshInputPerTurn = freshInputPerTurn
        self.outputPerTurn = outputPerTurn
        self.baseContext = baseContext
        self.cacheHitRate = cacheHitRate
        self.oneShotRate = oneShotRate
        self.offTheRailsRate = offTheRailsRate
        self.threadsPerDay = threadsPerDay
        self.dayDispersion = dayDispersion
        self.baseContextLaw = baseContextLaw
        self.correlations = correlations
    }

    enum CodingKeys: String, CodingKey {
        case turns, correlations
        case copulaDegreesOfFreedom = "copula_degrees_of_freedom"
        case kernelCopula = "kernel_copula"
        case cacheHitGivenTurns = "cache_hit_given_turns"
        case baseContextLaw = "base_context_law"
        case freshInputPerTurn = "fresh_input_per_turn", outputPerTurn = "output_per_turn"
        case baseContext = "base_context", cacheHitRate = "cache_hit_rate", oneShotRate = "one_shot_rate"
        case offTheRailsRate = "off_the_rails_rate", threadsPerDay = "threads_per_day", dayDispersion = "day_dispersion"
    }

    /// The laws by draw.
    public func laws() throws(FittingError) -> [BehaviourDraw: any UnivariateDistribution] {
        [
            .turns: try turns.make(), .freshInputPerTurn: try freshInputPerTurn.make(),
            .outputPerTurn: try outputPerTurn.make(), .cacheHitRate: try cacheHitRate.make(),
            .baseContext: try (baseContextLaw ?? FittedLaw(family: "constant", parameters: ["value": baseContext])).make(),
        ]
    }

    /// The law of `h` given the turns, when fitted.
    public func hitGivenTurns() throws(FittingError) -> HitRateGivenTurns? {
        guard let p = cacheHitGivenTurns else { return nil }
        return try HitRateGivenTurnsFit.law(p)
    }

    /// The copula these parameters draw: `kernel` (the point estimate's, built once, for a
    /// replicate) with the correlations as its noise's, else the estimate's own kernel copula,
    /// else a Gaussian or t copula; nil without correlations.
    public func drawDependence(kernel: KernelCopula? = nil) throws(DependenceError) -> DrawDependence? {
        guard let pairs = correlations else { return nil }
        var chosen = kernel
        if chosen == nil, let own = kernelCopula { chosen = try own.copula() }
        if let chosen { return try DrawDependence(correlation: DependenceFit.matrix(pairs), kernel: chosen) }
        return try DrawDependence(correlation: DependenceFit.matrix(pairs), degreesOfFreedom: copulaDegreesOfFreedom)
    }

    /// The behaviour with these laws; rates the logs do not give come from `defaultRates`.
    /// `kernel`: the point estimate's kernel copula, for a replicate of a fit that chose one
    /// (built once per fit: its tables took 60 ms at 300 threads, and grow with the threads).
    public func behaviour(
        oneShot: Double? = nil, offTheRails: Double? = nil, maxAttempts: Int = 3, contextWindow: Double? = nil,
        dependence: Bool = true, kernel: KernelCopula? = nil
    ) throws(FittingError) -> ThreadBehaviour {
        let l = try laws()
        guard let t = l[.turns], let u = l[.freshInputPerTurn], let o = l[.outputPerTurn],
            let h = l[.cacheHitRate], let s = l[.baseContext]
        else { throw .missingLaw }
        var behaviour = ThreadBehaviour(
            turns: t, freshInputPerTurn: u, outputPerTurn: o, cacheHitRate: h, baseContext: s,
            oneShotRate: oneShot ?? oneShotRate ?? 1, offTheRailsRate: offTheRails ?? offTheRailsRate ?? 0,
            maxAttempts: maxAttempts, contextWindow: contextWindow)
        behaviour.cacheHitGivenTurns = try hitGivenTurns()
        if dependence {
            do {
                if let d = try drawDependence(kernel: kernel) { behaviour.setDependence(d) }
            } catch {
                throw .badCorrelations(error)
            }
        }
        return behaviour
    }
}

/// A parameter's estimate and its bootstrap percentile interval (2.5 % to 97.5 %).
public struct ParameterInterval: Sendable, Hashable, Codable {
    public var name: String
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    /// How many bootstrap replicates the interval rests on when not all of them: a law's own
    /// parameters come from the replicates that chose the estimate's family (nil: all).
    public var replicates: Int?

    public init(name: String, estimate: Double, lower: Double, upper: Double, replicates: Int? = nil) {
        self.name = name
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.replicates = replicates
    }
}

/// Outcome counts and the rates' posteriors.
public struct OutcomeReport: Sendable, Hashable, Codable {
    public var threads: Int
    public var success: Int
    public var failure: Int
    public var abandoned: Int
    /// p: successes among attempts that stayed on the rails (success + failure).
    public var oneShot: RateFit.Posterior
    /// q: abandoned threads (taken as off the rails) among all threads with an outcome.
    public var offTheRails: RateFit.Posterior

    enum CodingKeys: String, CodingKey {
        case threads, success, failure, abandoned
        case oneShot = "one_shot_rate", offTheRails = "off_the_rails_rate"
    }
}

/// Everything `tokencast fit` learns about one model; stored as the fit's JSON payload.
public struct BehaviourFit: Sendable, Codable {
    /// Payload schema version; readers refuse versions they do not know.
    public var schema = 1
    public var model: String
    public var since: Date?
    public var until: Date?
    public var threads: Int
    public var threadsWithRequests: Int
    public var seed: UInt64
    public var bootstrapReplicates: Int
    public var turns: SelectionReport
    public var freshInputPerTurn: SelectionReport
    public var outputPerTurn: SelectionReport
    public var baseContextMethod: String
    public var baseContextRows: Int
    public var cacheHitRateThreads: Int
    public var outcomes: OutcomeReport?
    public var threadsPerDay: DemandFit?
    /// The point estimate.
    public var estimate: FitReplicate
    public var intervals: [ParameterInterval]
    public var replicates: [FitReplicate]
    public var check: FitCheck?
    /// The candidates for the per-thread base context; nil when it is one constant.
    public var baseContext: SelectionReport?
    /// Whether the draws are fitted dependent, and why.
    public var dependence: DependenceReport?
    /// MODEL.md's per-turn form against the request rows; nil without request rows.
    public var structure: RequestStructure?
    /// Whether the hit rate's spread depends on the thread's length; nil with too few threads.
    public var cacheHitSpread: CacheHitSpread?

    enum CodingKeys: String, CodingKey {
        case schema, model, since, until, threads, seed, turns, outcomes, estimate, intervals, replicates, check, dependence,
            structure
        case cacheHitSpread = "cache_hit_spread"
        case baseContext = "base_context"
        case threadsWithRequests = "threads_with_requests", bootstrapReplicates = "bootstrap_replicates"
        case freshInputPerTurn = "fresh_input_per_turn", outputPerTurn = "output_per_turn"
        case baseContextMethod = "base_context_method", baseContextRows = "base_context_rows"
        case cacheHitRateThreads = "cache_hit_rate_threads", threadsPerDay = "threads_per_day"
    }

    /// The JSON payload stored in the `fits` table.
    public func payload() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads a stored payload.
    /// - Throws: ``FittingError/badPayload(id:reason:)``.
    public static func decode(_ payload: String, id: Int64) throws(FittingError) -> BehaviourFit {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let fit: BehaviourFit
        do {
            fit = try decoder.decode(BehaviourFit.self, from: Data(payload.utf8))
        } catch {
            throw .badPayload(id: id, reason: "\(error)")
        }
        guard fit.schema == 1 else {
            throw .badPayload(id: id, reason: "schema version \(fit.schema) is newer than this tokencast")
        }
        return fit
    }
}
