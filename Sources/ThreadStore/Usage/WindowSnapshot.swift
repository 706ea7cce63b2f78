import Foundation
import GRDB

/// A plan's rolling limit window, told apart by its length, not by the log's slot name
/// ("primary" and "secondary" in Codex logs have changed meaning between versions).
public enum LimitWindow: String, Sendable, Hashable, Codable, CaseIterable {
    case fiveHour = "5h"
    case weekly

    /// 300 minutes is the 5-hour window, 10,080 the weekly one; the ranges allow for a vendor
    /// rounding the length. Any other length is not a window this tool knows.
    public init?(minutes: Int) {
        switch minutes {
        case 240...360: self = .fiveHour
        case 9_000...11_000: self = .weekly
        default: return nil
        }
    }

    public var seconds: TimeInterval { self == .fiveHour ? 5 * 3600 : 7 * 86_400 }
}

/// An official reading of how much of a plan's window was used: from a Codex log's
/// `rate_limits` (``RateLimitSample``) or Claude Code's statusline input.
public struct WindowSnapshot: Sendable, Hashable {
    /// `Anthropic` or `OpenAI`, as plans name their vendor.
    public var vendor: String
    public var timestamp: Date
    public var window: LimitWindow
    /// The vendor's name for the gauge: `five_hour`, `seven_day_opus`, `primary`...
    public var gauge: String
    public var usedPercent: Double
    public var resetsAt: Date?
    /// `codex` or `claude-code-statusline`.
    public var source: String

    public init(
        vendor: String, timestamp: Date, window: LimitWindow, gauge: String, usedPercent: Double, resetsAt: Date?,
        source: String
    ) {
        self.vendor = vendor
        self.timestamp = timestamp
        self.window = window
        self.gauge = gauge
        self.usedPercent = usedPercent
        self.resetsAt = resetsAt
        self.source = source
    }

    /// Whether this reading is of the whole plan's gauge, not a per-model one
    /// (`seven_day_opus`), which would overstate the plan's share.
    public var isPlanWide: Bool { !gauge.hasPrefix("seven_day_") }
}

extension ThreadStore {
    /// Every official window reading in `since..<until`, oldest first: Codex's (OpenAI) and
    /// the statusline's (Anthropic). Readings of a window length this tool does not know are
    /// left out.
    public func windowSnapshots(since: Date? = nil, until: Date? = nil) throws -> [WindowSnapshot] {
        try writer.read { db in
            let window: StatementArguments = [since, until]
            var out: [WindowSnapshot] = []
            for r in try Row.fetchAll(
                db,
                sql: """
                    SELECT timestamp, window_minutes, used_percent, resets_at FROM rate_limit_samples
                    WHERE (?1 IS NULL OR timestamp >= ?1) AND (?2 IS NULL OR timestamp < ?2)
                    """, arguments: window)
            {
                guard let w = LimitWindow(minutes: r["window_minutes"]) else { continue }
                out.append(
                    WindowSnapshot(
                        vendor: "OpenAI", timestamp: r["timestamp"], window: w, gauge: "codex", usedPercent: r["used_percent"],
                        resetsAt: r["resets_at"], source: "codex"))
            }
            for r in try Row.fetchAll(
                db,
                sql: """
                    SELECT timestamp, window, window_minutes, used_percent, resets_at, source FROM statusline_rate_limits
                    WHERE (?1 IS NULL OR timestamp >= ?1) AND (?2 IS NULL OR timestamp < ?2)
                    """, arguments: window)
            {
                guard let w = LimitWindow(minutes: r["window_minutes"]) else { continue }
                out.append(
                    WindowSnapshot(
                        vendor: "Anthropic", timestamp: r["timestamp"], window: w, gauge: r["window"],
                        usedPercent: r["used_percent"], resetsAt: r["resets_at"], source: r["source"]))
            }
            return out.sorted { $0.timestamp < $1.timestamp }
        }
    }
}
