/// What `tokencast validate` reports: a fit on part of one model's threads against the held-out
/// rest, with the draws as fitted and, when the fit chose dependence, independent side by side.
///
/// Encodes as the command's JSON (`held_out`, `relative_error`, ...).
public struct ValidationDocument: Sendable, Encodable {
    /// One quantile or the mean of one metric.
    public struct Row: Sendable, Encodable {
        public var metric, quantile: String
        public var heldOut, simulated: Double
        /// (simulated - held out) / held out.
        public var relativeError: Double
        /// 95 % bootstrap interval of the relative error (held-out resamples, each against one fit
        /// replicate's simulated threads when ``ValidationDocument/replicatesSimulated`` > 0).
        public var lower, upper: Double

        public init(
            metric: String, quantile: String, heldOut: Double, simulated: Double, relativeError: Double, lower: Double,
            upper: Double
        ) {
            self.metric = metric
            self.quantile = quantile
            self.heldOut = heldOut
            self.simulated = simulated
            self.relativeError = relativeError
            self.lower = lower
            self.upper = upper
        }

        enum CodingKeys: String, CodingKey {
            case metric, quantile, simulated, lower, upper
            case heldOut = "held_out", relativeError = "relative_error"
        }
    }

    /// Distances between the held-out and simulated distributions of one metric.
    public struct Test: Sendable, Encodable {
        public var metric: String
        public var ks, ksP, ad, adP: Double

        public init(metric: String, ks: Double, ksP: Double, ad: Double, adP: Double) {
            self.metric = metric
            self.ks = ks
            self.ksP = ksP
            self.ad = ad
            self.adP = adP
        }

        enum CodingKeys: String, CodingKey {
            case metric, ks, ad
            case ksP = "ks_p", adP = "ad_p"
        }
    }

    /// The logged training threads against the logged held-out ones for one metric.
    public struct SplitTest: Sendable, Encodable {
        public var metric: String
        public var trainingP50, heldOutP50, ks, ksP: Double

        public init(metric: String, trainingP50: Double, heldOutP50: Double, ks: Double, ksP: Double) {
            self.metric = metric
            self.trainingP50 = trainingP50
            self.heldOutP50 = heldOutP50
            self.ks = ks
            self.ksP = ksP
        }

        enum CodingKeys: String, CodingKey {
            case metric, ks
            case ksP = "ks_p", trainingP50 = "training_p50", heldOutP50 = "held_out_p50"
        }
    }

    /// The share of held-out threads inside a simulated band.
    public struct Coverage: Sendable, Encodable {
        public var band: String
        public var nominal, observed: Double

        public init(band: String, nominal: Double, observed: Double) {
            self.band = band
            self.nominal = nominal
            self.observed = observed
        }
    }

    /// Everything measured with one setting of dependence.
    public struct Figures: Sendable, Encodable {
        public var rows: [Row]
        public var tests: [Test]
        public var coverage: [Coverage]

        public init(rows: [Row], tests: [Test], coverage: [Coverage]) {
            self.rows = rows
            self.tests = tests
            self.coverage = coverage
        }
    }

    public var model: String
    public var priceKey: String
    public var threads, trainingThreads, heldOutThreads: Int
    public var holdout: Double
    /// Cross-validation folds; nil for a single split.
    public var folds: Int?
    public var seed: UInt64
    public var simulatedThreads: Int
    /// `gaussian_copula`, `t_copula`, `kernel_copula`, `independence` or `mixed` (folds chose differently), and why.
    public var dependence: String
    public var dependenceReason: String
    public var figures: Figures
    public var independent: Figures?
    /// Held-out and simulated costs at 99 probabilities (1 %...99 %): [p, held out, simulated].
    public var costQuantiles: [[Double]]
    /// The two parts of a single split against each other, both logged (nil when cross-validated).
    public var splitTests: [SplitTest]?
    /// Fit replicates simulated for the error intervals (0: held-out resamples only).
    public var replicatesSimulated: Int
    /// The held-out threads against the fit replicates' simulated threads pooled: what a forecast,
    /// which draws one replicate per trial, draws (nil without replicates).
    public var forecastMix: Figures?

    public init(
        model: String, priceKey: String, threads: Int, trainingThreads: Int, heldOutThreads: Int, holdout: Double, folds: Int?,
        seed: UInt64, simulatedThreads: Int, dependence: String, dependenceReason: String, figures: Figures,
        independent: Figures?,
        costQuantiles: [[Double]], splitTests: [SplitTest]? = nil, replicatesSimulated: Int = 0,
        forecastMix: Figures? = nil
    ) {
        self.model = model
        self.priceKey = priceKey
        self.threads = threads
        self.trainingThreads = trainingThreads
        self.heldOutThreads = heldOutThreads
        self.holdout = holdout
        self.folds = folds
        self.seed = seed
        self.simulatedThreads = simulatedThreads
        self.dependence = dependence
        self.dependenceReason = dependenceReason
        self.figures = figures
        self.independent = independent
        self.costQuantiles = costQuantiles
        self.splitTests = splitTests
        self.replicatesSimulated = replicatesSimulated
        self.forecastMix = forecastMix
    }

    enum CodingKeys: String, CodingKey {
        case model, threads, holdout, folds, seed, dependence, figures, independent
        case priceKey = "price_key", trainingThreads = "training_threads", heldOutThreads = "held_out_threads"
        case simulatedThreads = "simulated_threads", dependenceReason = "dependence_reason", costQuantiles = "cost_quantiles"
        case splitTests = "split_tests", replicatesSimulated = "replicates_simulated", forecastMix = "forecast_mix"
    }
}
