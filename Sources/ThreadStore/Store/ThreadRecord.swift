import Foundation
import GRDB

/// How a thread ended, when the log says so (CSV imports); agent logs leave it nil.
public enum ThreadOutcome: String, Sendable, Codable, CaseIterable {
    case success, failure, abandoned
}

/// One thread: a task given to an agent (a Claude Code or Codex session, or a CSV row).
public struct ThreadRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var sourceKind: LogKind
    /// The session id (or the CSV `thread_id`).
    public var externalID: String
    public var developer: String?
    /// The working directory (agent logs) or project name.
    public var project: String?
    /// The model that served most requests.
    public var model: String?
    public var startedAt: Date?
    public var endedAt: Date?
    /// Requests to the model (turns of the agent loop).
    public var turns: Int
    public var tokens: TokenCounts
    /// The cost the log itself recorded, if any.
    public var costUSD: Double?
    public var outcome: ThreadOutcome?

    init(row: Row) {
        id = row["id"]
        sourceKind = LogKind(rawValue: row["source_kind"]) ?? .csv
        externalID = row["external_id"]
        developer = row["developer"]
        project = row["project"]
        model = row["model"]
        startedAt = row["started_at"]
        endedAt = row["ended_at"]
        turns = row["turns"]
        tokens = TokenCounts(row: row)
        costUSD = row["cost_usd"]
        outcome = (row["outcome"] as String?).flatMap(ThreadOutcome.init(rawValue:))
    }
}

/// One request to the model: one turn of a thread.
public struct RequestRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var threadID: Int64
    /// 1-based position in the thread, by time.
    public var turnIndex: Int
    public var timestamp: Date?
    public var model: String
    /// The de-duplication key (`message.id` + `requestId` for Claude Code).
    public var requestKey: String
    public var tokens: TokenCounts
    public var costUSD: Double?

    init(row: Row) {
        id = row["id"]
        threadID = row["thread_id"]
        turnIndex = row["turn_index"]
        timestamp = row["timestamp"]
        model = row["model"]
        requestKey = row["request_key"]
        tokens = TokenCounts(row: row)
        costUSD = row["cost_usd"]
    }
}

/// A fitted behaviour profile, stored by the fitting layer as JSON.
public struct FitRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var createdAt: Date
    public var model: String
    /// The window of thread data the fit used.
    public var since: Date?
    public var until: Date?
    public var payload: String

    init(row: Row) {
        id = row["id"]
        createdAt = row["created_at"]
        model = row["model"]
        since = row["since"]
        until = row["until"]
        payload = row["payload"]
    }
}

/// A plan quota reading from a Codex log: how much of a rolling window was used.
public struct RateLimitSample: Sendable, Hashable, Codable {
    public var threadID: Int64?
    public var timestamp: Date
    /// 300 for the 5-hour window, 10080 for the weekly one.
    public var windowMinutes: Int
    public var usedPercent: Double
    /// When the window resets, when the log said (nil in older logs and older stores).
    public var resetsAt: Date?

    init(row: Row) {
        threadID = row["thread_id"]
        timestamp = row["timestamp"]
        windowMinutes = row["window_minutes"]
        usedPercent = row["used_percent"]
        resetsAt = row["resets_at"]
    }
}

/// One imported file.
public struct SourceRecord: Sendable, Hashable, Codable {
    public var path: String
    public var kind: LogKind
    public var size: Int64
    public var contentHash: String
    public var importedAt: Date
    public var lines: Int
    public var usedLines: Int
    public var skippedLines: Int

    init(row: Row) {
        path = row["path"]
        kind = LogKind(rawValue: row["kind"]) ?? .csv
        size = row["size"]
        contentHash = row["content_hash"]
        importedAt = row["imported_at"]
        lines = row["lines"]
        usedLines = row["used_lines"]
        skippedLines = row["skipped_lines"]
    }
}

extension TokenCounts {
    init(row: Row) {
        self.init(
            input: row["input_tokens"], cacheRead: row["cache_read_tokens"],
            cacheWrite5m: row["cache_write_5m_tokens"], cacheWrite1h: row["cache_write_1h_tokens"],
            output: row["output_tokens"], reasoning: row["reasoning_tokens"] ?? 0)
    }
}
