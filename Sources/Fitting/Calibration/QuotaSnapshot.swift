import Foundation
import Pricing
import ThreadStore

/// One reading of a plan's gauge: at `timestamp`, `usedPercent` of the window of
/// `windowMinutes` was used; the window resets at `resetsAt` when the log says so.
public struct QuotaSnapshot: Sendable, Hashable {
    public var timestamp: Date
    public var windowMinutes: Int
    public var usedPercent: Double
    public var resetsAt: Date?
    /// `codex`, `claude-code`, ...
    public var source: String

    public init(timestamp: Date, windowMinutes: Int, usedPercent: Double, resetsAt: Date? = nil, source: String = "codex") {
        self.timestamp = timestamp
        self.windowMinutes = windowMinutes
        self.usedPercent = usedPercent
        self.resetsAt = resetsAt
        self.source = source
    }
}

/// Logged use between snapshots: one request's tokens.
public struct QuotaUsage: Sendable, Hashable {
    public var timestamp: Date
    public var model: String
    public var tokens: TokenCounts
    /// The tool that logged it (`codex`, `claude-code`): use is paired with its own tool's gauge.
    public var source: String

    public init(timestamp: Date, model: String, tokens: TokenCounts, source: String = "codex") {
        self.timestamp = timestamp
        self.model = model
        self.tokens = tokens
        self.source = source
    }
}

extension TokenCounts {
    /// The count of one calibration class. Reasoning is inside output, as logged.
    func count(_ kind: PlanCalibration.Kind) -> Int64 {
        switch kind {
        case .input: input
        case .cacheRead: cacheRead
        case .cacheWrite5m: cacheWrite5m
        case .cacheWrite1h: cacheWrite1h
        case .output: output
        }
    }
}
