import Foundation

/// A plan's allowance measured from the provider's own rate-limit snapshots, for one window
/// type (5-hour, weekly): how many percentage points of the gauge each token class of each
/// model costs, what fills 100 %, and how much the gauge moves with no logged use.
///
/// The fitting layer produces it (`Calibration.fit`), the store keeps it as JSON, and the plan
/// and statusline commands read it back to say "calibrated from N snapshots" instead of
/// "estimate" (``label(for:)``).
public struct PlanCalibration: Sendable, Hashable, Codable {
    /// The token classes a limit may weigh differently. Reasoning is part of output, as billed.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        case input, cacheRead = "cache_read", cacheWrite5m = "cache_write_5m", cacheWrite1h = "cache_write_1h",
            output
        public var description: String { rawValue }
    }

    /// A two-sided interval (95 % by default); `upper` nil means unbounded.
    public struct Interval: Sendable, Hashable, Codable {
        public var lower: Double
        public var upper: Double?
        public init(lower: Double, upper: Double?) {
            self.lower = lower
            self.upper = upper
        }
    }

    /// How much one class of one model's tokens counts against the window.
    public struct Weight: Sendable, Hashable, Codable {
        public var model: String
        public var kind: Kind
        /// Tokens of this class in the pairs used (0: not identified).
        public var tokensSeen: Double
        /// Whether the data can tell this weight apart: some use, and not collinear with other
        /// columns. Unidentified weights have no value, which is not the same as zero.
        public var identified: Bool
        /// Percentage points of the window per million tokens.
        public var percentPerMillion: Double?
        public var percentPerMillionInterval: Interval?
        /// Tokens of this class alone that fill 100 % (nil: not identified, or counts as nothing).
        public var allowanceTokens: Double?
        /// Upper nil: the data allow that this class does not count at all.
        public var allowanceInterval: Interval?

        public init(
            model: String, kind: Kind, tokensSeen: Double, identified: Bool, percentPerMillion: Double?,
            percentPerMillionInterval: Interval?, allowanceTokens: Double?, allowanceInterval: Interval?
        ) {
            self.model = model
            self.kind = kind
            self.tokensSeen = tokensSeen
            self.identified = identified
            self.percentPerMillion = percentPerMillion
            self.percentPerMillionInterval = percentPerMillionInterval
            self.allowanceTokens = allowanceTokens
            self.allowanceInterval = allowanceInterval
        }
    }

    /// 300 (5-hour) or 10080 (weekly), or whatever length the snapshots gave.
    public var windowMinutes: Int
    /// Where the snapshots came from (`codex`, `claude-code`).
    public var source: String
    /// The plan the user says the snapshots are from (`--plan`), when given.
    public var plan: String?
    /// Snapshots that went into the pairs, and the pairs.
    public var snapshots: Int
    public var pairs: Int
    public var since: Date
    public var until: Date
    public var weights: [Weight]
    /// Gauge movement not explained by logged tokens, in percentage points per hour of wall
    /// time between snapshots (web chat, another machine's agent drawing the same quota).
    public var hiddenPercentPerHour: Double
    public var hiddenInterval: Interval
    /// Root-mean-square of the pairs' residuals, percentage points.
    public var residualRMS: Double
    /// API-equivalent dollars of the observed token mix that fill 100 % (nil when a model is unpriced).
    public var dollarAllowance: Double?
    public var dollarInterval: Interval?
    /// Bootstrap resamples behind the intervals.
    public var resamples: Int
    public var createdAt: Date

    public init(
        windowMinutes: Int, source: String, plan: String?, snapshots: Int, pairs: Int, since: Date, until: Date,
        weights: [Weight], hiddenPercentPerHour: Double, hiddenInterval: Interval, residualRMS: Double,
        dollarAllowance: Double?, dollarInterval: Interval?, resamples: Int, createdAt: Date
    ) {
        self.windowMinutes = windowMinutes
        self.source = source
        self.plan = plan
        self.snapshots = snapshots
        self.pairs = pairs
        self.since = since
        self.until = until
        self.weights = weights
        self.hiddenPercentPerHour = hiddenPercentPerHour
        self.hiddenInterval = hiddenInterval
        self.residualRMS = residualRMS
        self.dollarAllowance = dollarAllowance
        self.dollarInterval = dollarInterval
        self.resamples = resamples
        self.createdAt = createdAt
    }

    /// "5-hour", "weekly", or "N-minute".
    public var windowName: String { Self.windowName(minutes: windowMinutes) }

    public static func windowName(minutes: Int) -> String {
        switch minutes {
        case 300: "5-hour"
        case 10080: "weekly"
        default: "\(minutes)-minute"
        }
    }

    /// The provenance label reports print beside an allowance.
    public var label: String { "calibrated from \(snapshots) snapshots" }

    /// "calibrated from N snapshots" when a calibration exists, else "estimate".
    public static func label(for calibration: PlanCalibration?) -> String { calibration?.label ?? "estimate" }

    /// The weight of `kind` for `model`, matched exactly or by prefix (a dated name).
    public func weight(model: String, kind: Kind) -> Weight? {
        weights.first { $0.kind == kind && $0.model == model }
            ?? weights.first { $0.kind == kind && (model.hasPrefix($0.model) || $0.model.hasPrefix(model)) }
    }

    /// Percentage points of the window that `tokens` (by class) of `model` use, or nil when a
    /// class with tokens has no identified weight.
    public func percentUsed(model: String, tokens: [Kind: Double]) -> Double? {
        var total = 0.0
        for (kind, count) in tokens where count > 0 {
            guard let p = percentPerMillion(model: model, kind: kind) else { return nil }
            total += p * count / 1_000_000
        }
        return total
    }

    /// The percentage points per million tokens of `kind` for `model`, when the fit identified
    /// that weight; nil when it did not (which is not zero).
    public func percentPerMillion(model: String, kind: Kind) -> Double? {
        guard let w = weight(model: model, kind: kind), w.identified else { return nil }
        return w.percentPerMillion
    }

    /// The stored form.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads the stored form back.
    public static func decode(_ text: String) throws -> PlanCalibration {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(PlanCalibration.self, from: Data(text.utf8))
    }
}
