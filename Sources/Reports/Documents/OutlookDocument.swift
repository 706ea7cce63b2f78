import Foundation

/// What `tokencast outlook` prints: the current 5-hour window, week and month, or the
/// backtest of past readings. Times are absolute; the renderings show them in `timeZone`.
public struct OutlookDocument: Sendable, Codable {
    /// Where one period is heading (the fitting layer's simulation of its rest).
    public struct Forecast: Sendable, Codable {
        public var probabilityOfHit: Double?
        public var hitTimeP10: Date?
        public var hitTimeMedian: Date?
        public var hitTimeP90: Date?
        public var endP10: Double
        public var endP50: Double
        public var endP90: Double
        public var endMean: Double
        /// The period's level against the user's habits: prior (past periods) and posterior (with
        /// the pace so far); 1 is a typical period.
        public var priorLevel: Double
        public var posteriorLevel: Double
        public var pastPeriods: Int
        public var trials: Int

        public init(
            probabilityOfHit: Double?, hitTimeP10: Date?, hitTimeMedian: Date?, hitTimeP90: Date?, endP10: Double,
            endP50: Double, endP90: Double, endMean: Double, priorLevel: Double, posteriorLevel: Double, pastPeriods: Int,
            trials: Int
        ) {
            self.probabilityOfHit = probabilityOfHit
            self.hitTimeP10 = hitTimeP10
            self.hitTimeMedian = hitTimeMedian
            self.hitTimeP90 = hitTimeP90
            self.endP10 = endP10
            self.endP50 = endP50
            self.endP90 = endP90
            self.endMean = endMean
            self.priorLevel = priorLevel
            self.posteriorLevel = posteriorLevel
            self.pastPeriods = pastPeriods
            self.trials = trials
        }
    }

    public struct Window: Sendable, Codable {
        /// `5-hour` or `weekly`.
        public var window: String
        public var opened: Date?
        public var resets: Date?
        /// Percent of the window used so far.
        public var usedPercent: Double?
        /// `official` or `estimated`.
        public var basis: String?
        public var readingAt: Date?
        public var readingPercent: Double?
        public var scale: String?
        public var apiEquivalentUSD: Double
        public var forecast: Forecast?
        public var note: String?

        public init(
            window: String, opened: Date?, resets: Date?, usedPercent: Double?, basis: String?, readingAt: Date?,
            readingPercent: Double?, scale: String?, apiEquivalentUSD: Double, forecast: Forecast?, note: String?
        ) {
            self.window = window
            self.opened = opened
            self.resets = resets
            self.usedPercent = usedPercent
            self.basis = basis
            self.readingAt = readingAt
            self.readingPercent = readingPercent
            self.scale = scale
            self.apiEquivalentUSD = apiEquivalentUSD
            self.forecast = forecast
            self.note = note
        }
    }

    public struct Month: Sendable, Codable {
        public var start: Date
        public var end: Date
        public var spentUSD: Double
        public var budgetUSD: Double?
        /// Dollars at month end (and P(over budget) as `probabilityOfHit`).
        public var forecast: Forecast?
        public var unpricedModels: [String]

        public init(start: Date, end: Date, spentUSD: Double, budgetUSD: Double?, forecast: Forecast?, unpricedModels: [String]) {
            self.start = start
            self.end = end
            self.spentUSD = spentUSD
            self.budgetUSD = budgetUSD
            self.forecast = forecast
            self.unpricedModels = unpricedModels
        }
    }

    /// One row of the P(hit) calibration table.
    public struct CalibrationBin: Sendable, Codable {
        public var lower: Double
        public var upper: Double
        public var predictions: Int
        public var meanPredicted: Double
        public var observed: Double
        public init(lower: Double, upper: Double, predictions: Int, meanPredicted: Double, observed: Double) {
            self.lower = lower
            self.upper = upper
            self.predictions = predictions
            self.meanPredicted = meanPredicted
            self.observed = observed
        }
    }

    public struct Backtest: Sendable, Codable {
        public var window: String
        public var readings: Int
        public var scale: String?
        public var predictions: Int
        public var skipped: Int
        public var windows: Int
        public var windowsHit: Int
        public var brier: Double?
        public var climatologyBrier: Double?
        /// Percentage points.
        public var calibrationError: Double?
        public var bins: [CalibrationBin]
        public var note: String?

        public init(
            window: String, readings: Int, scale: String?, predictions: Int, skipped: Int, windows: Int, windowsHit: Int,
            brier: Double?, climatologyBrier: Double?, calibrationError: Double?, bins: [CalibrationBin], note: String?
        ) {
            self.window = window
            self.readings = readings
            self.scale = scale
            self.predictions = predictions
            self.skipped = skipped
            self.windows = windows
            self.windowsHit = windowsHit
            self.brier = brier
            self.climatologyBrier = climatologyBrier
            self.calibrationError = calibrationError
            self.bins = bins
            self.note = note
        }
    }

    public var now: Date
    public var vendor: String
    public var timeZone: String
    public var uses: Int
    public var windows: [Window]
    public var month: Month?
    /// Set by `--backtest` (then `windows` is empty and `month` nil).
    public var backtest: [Backtest]?

    public init(
        now: Date, vendor: String, timeZone: String, uses: Int, windows: [Window], month: Month?, backtest: [Backtest]?
    ) {
        self.now = now
        self.vendor = vendor
        self.timeZone = timeZone
        self.uses = uses
        self.windows = windows
        self.month = month
        self.backtest = backtest
    }
}
