import Foundation
import GRDB

/// A stored plan calibration for one window type; `payload` is the fitting layer's JSON.
public struct CalibrationRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var createdAt: Date
    public var windowMinutes: Int
    public var source: String
    public var plan: String?
    public var snapshots: Int
    public var pairs: Int
    public var since: Date
    public var until: Date
    public var payload: String

    init(row: Row) {
        id = row["id"]
        createdAt = row["created_at"]
        windowMinutes = row["window_minutes"]
        source = row["source"]
        plan = row["plan"]
        snapshots = row["snapshots"]
        pairs = row["pairs"]
        since = row["since"]
        until = row["until"]
        payload = row["payload"]
    }
}

/// A rate-limit snapshot with what calibration needs beyond ``RateLimitSample``: where it came
/// from, and its reset time when the store has one.
public struct QuotaSample: Sendable, Hashable {
    public var timestamp: Date
    public var windowMinutes: Int
    public var usedPercent: Double
    /// nil until the store records reset times (Codex's `resets_at`, Claude Code's statusline).
    public var resetsAt: Date?
    /// The source kind of the thread that logged it (`codex`), or `unknown`.
    public var source: String
}

/// One request with its time, for pairing use with snapshots.
public struct TimedUsage: Sendable, Hashable {
    public var timestamp: Date
    public var model: String
    public var tokens: TokenCounts
    /// The source kind of the request's thread (`codex`, `claude-code`, `csv`).
    public var source: String
}
