import Foundation

/// What `tokencast fit` reports: per fitted model the data, the candidate laws per quantity,
/// every parameter with its bootstrap interval, and the fit check; with the stored payload, which
/// is the JSON form.
public struct FitDocument: Sendable {
    public var fits: [Fit]

    public init(fits: [Fit]) { self.fits = fits }

    /// A fitted law: its family and parameters by name.
    public struct Law: Sendable {
        public var family: String
        public var parameters: [String: Double]

        public init(family: String, parameters: [String: Double]) {
            self.family = family
            self.parameters = parameters
        }

        /// `family(name value, ...)`, parameters in name order.
        public var summary: String {
            "\(family)("
                + parameters.keys.sorted().map { "\($0) \(SignificantDigits.four(parameters[$0] ?? .nan))" }.joined(
                    separator: ", ") + ")"
        }
    }

    /// One candidate law for one quantity, fitted and scored; p-values nil when not computed.
    public struct Candidate: Sendable {
        public var law: Law
        public var logLikelihood, aic, bic, ks, ad: Double
        public var ksP, adP: Double?

        public init(law: Law, logLikelihood: Double, aic: Double, bic: Double, ks: Double, ksP: Double?, ad: Double, adP: Double?)
        {
            self.law = law
            self.logLikelihood = logLikelihood
            self.aic = aic
            self.bic = bic
            self.ks = ks
            self.ksP = ksP
            self.ad = ad
            self.adP = adP
        }
    }

    /// The candidates for one quantity (`title`) and the one chosen by AIC.
    public struct Selection: Sendable {
        public var title: String
        public var observations: Int
        public var chosen: Law
        public var candidates: [Candidate]
        /// How many bootstrap replicates chose each family on their resample, most first (empty
        /// without replicates).
        public var replicateFamilies: [(family: String, count: Int)]

        public init(
            title: String, observations: Int, chosen: Law, candidates: [Candidate],
            replicateFamilies: [(family: String, count: Int)] = []
        ) {
            self.title = title
            self.observations = observations
            self.chosen = chosen
            self.candidates = candidates
            self.replicateFamilies = replicateFamilies
        }
    }

    /// An estimate with its 95 % interval.
    public struct Interval: Sendable {
        public var name: String
        public var estimate, lower, upper: Double
        /// The bootstrap replicates behind the interval when not all of them (nil: all).
        public var replicates: Int?

        public init(name: String, estimate: Double, lower: Double, upper: Double, replicates: Int? = nil) {
            self.name = name
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
            self.replicates = replicates
        }
    }

    /// Logged outcomes and the posteriors of the one-shot and off-the-rails rates.
    public struct Outcomes: Sendable {
        public var threads, success, failure, abandoned: Int
        /// Posterior means with their 95 % credible intervals.
        public var oneShot, offTheRails: Interval

        public init(threads: Int, success: Int, failure: Int, abandoned: Int, oneShot: Interval, offTheRails: Interval) {
            self.threads = threads
            self.success = success
            self.failure = failure
            self.abandoned = abandoned
            self.oneShot = oneShot
            self.offTheRails = offTheRails
        }
    }

    /// Threads per working day.
    public struct Demand: Sendable {
        public var developerDays, developers: Int
        public var developerCV: Double

        public init(developerDays: Int, developers: Int, developerCV: Double) {
            self.developerDays = developerDays
            self.developers = developers
            self.developerCV = developerCV
        }
    }

    /// MODEL.md's per-turn form tested against request rows, as verdict sentences.
    public struct RequestRows: Sendable {
        public var threads, increments: Int
        public var verdicts: [String]

        public init(threads: Int, increments: Int, verdicts: [String]) {
            self.threads = threads
            self.increments = increments
            self.verdicts = verdicts
        }
    }

    /// Whether the draws were fitted dependent (a Gaussian or a t copula), why, and the
    /// correlations (with the t copula's degrees of freedom).
    public struct Dependence: Sendable {
        public var copula: Bool
        /// "Gaussian copula", "t copula", "kernel copula" or "independent draws".
        public var family: String
        public var reason: String
        public var correlations: [Interval]
        public var degreesOfFreedom: Interval?

        public init(copula: Bool, family: String, reason: String, correlations: [Interval], degreesOfFreedom: Interval? = nil) {
            self.copula = copula
            self.family = family
            self.reason = reason
            self.correlations = correlations
            self.degreesOfFreedom = degreesOfFreedom
        }
    }

    /// The fit's simulated threads against the logged ones.
    public struct Check: Sendable {
        public struct Row: Sendable {
            public var metric, quantile: String
            public var logged, simulated, relativeError: Double

            public init(metric: String, quantile: String, logged: Double, simulated: Double, relativeError: Double) {
                self.metric = metric
                self.quantile = quantile
                self.logged = logged
                self.simulated = simulated
                self.relativeError = relativeError
            }
        }

        public var simulatedThreads, loggedThreads: Int
        public var priceKey: String
        public var rows: [Row]
        /// Two-sample KS distance per metric.
        public var ks: [String: Double]
        /// The same with the draws independent, when the fit has dependence.
        public var independentRows: [Row]?
        public var independentKS: [String: Double]?

        public init(
            simulatedThreads: Int, loggedThreads: Int, priceKey: String, rows: [Row], ks: [String: Double],
            independentRows: [Row]?,
            independentKS: [String: Double]?
        ) {
            self.simulatedThreads = simulatedThreads
            self.loggedThreads = loggedThreads
            self.priceKey = priceKey
            self.rows = rows
            self.ks = ks
            self.independentRows = independentRows
            self.independentKS = independentKS
        }
    }

    /// One model's fit.
    public struct Fit: Sendable {
        /// The stored fit's number; nil when not stored (`--dry-run`).
        public var id: Int64?
        public var model: String
        public var threads, threadsWithRequests: Int
        public var since, until: Date?
        public var seed: UInt64
        public var bootstrapReplicates: Int
        /// Turns, fresh input, output and (when fitted per thread) the base context, in that order.
        public var laws: [Selection]
        /// The base context fitted from request rows (else from thread totals), over this many threads.
        public var baseContextFromRequests: Bool
        public var baseContextRows: Int
        /// Whether the base context was split per thread (else one constant).
        public var baseContextPerThread: Bool
        public var cacheHitRate: Law
        public var cacheHitRateThreads: Int
        /// The verdict on whether the hit rate's spread depends on thread length; nil when untested.
        public var cacheHitSpread: String?
        public var outcomes: Outcomes?
        public var threadsPerDay: Demand?
        public var requestRows: RequestRows?
        public var dependence: Dependence?
        public var intervals: [Interval]
        /// nil when the catalog has no price for the model.
        public var check: Check?
        /// The fit as stored (JSON).
        public var payload: String

        public init(
            id: Int64?, model: String, threads: Int, threadsWithRequests: Int, since: Date?, until: Date?, seed: UInt64,
            bootstrapReplicates: Int, laws: [Selection], baseContextFromRequests: Bool, baseContextRows: Int,
            baseContextPerThread: Bool, cacheHitRate: Law, cacheHitRateThreads: Int, outcomes: Outcomes?, threadsPerDay: Demand?,
            requestRows: RequestRows?, dependence: Dependence?, intervals: [Interval], check: Check?, payload: String,
            cacheHitSpread: String? = nil
        ) {
            self.cacheHitSpread = cacheHitSpread
            self.id = id
            self.model = model
            self.threads = threads
            self.threadsWithRequests = threadsWithRequests
            self.since = since
            self.until = until
            self.seed = seed
            self.bootstrapReplicates = bootstrapReplicates
            self.laws = laws
            self.baseContextFromRequests = baseContextFromRequests
            self.baseContextRows = baseContextRows
            self.baseContextPerThread = baseContextPerThread
            self.cacheHitRate = cacheHitRate
            self.cacheHitRateThreads = cacheHitRateThreads
            self.outcomes = outcomes
            self.threadsPerDay = threadsPerDay
            self.requestRows = requestRows
            self.dependence = dependence
            self.intervals = intervals
            self.check = check
            self.payload = payload
        }
    }
}
