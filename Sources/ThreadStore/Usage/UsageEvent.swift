import Foundation
import GRDB

/// One timed use of a model: a stored request, or a thread stored as totals only (a CSV thread
/// row), at its start.
public struct UsageEvent: Sendable, Hashable {
    public var timestamp: Date
    public var model: String
    public var sourceKind: LogKind
    /// The session (thread) id.
    public var session: String
    /// The working directory or project, when logged.
    public var project: String?
    public var tokens: TokenCounts
    /// Requests this event stands for (1, or a CSV thread's turns).
    public var requests: Int
}

extension ThreadStore {
    /// Every timed use in `since..<until`, oldest first, and how many requests had no time
    /// (they cannot be placed in a day or a block and are counted, not dropped silently).
    public func usageEvents(since: Date? = nil, until: Date? = nil) throws -> (events: [UsageEvent], untimed: Int) {
        try writer.read { db in
            let window: StatementArguments = [since, until]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.timestamp AS timestamp, r.model AS model, t.source_kind AS source_kind,
                           t.external_id AS external_id, t.project AS project, 1 AS n,
                           r.input_tokens, r.cache_read_tokens, r.cache_write_5m_tokens, r.cache_write_1h_tokens,
                           r.output_tokens, r.reasoning_tokens
                    FROM requests r JOIN threads t ON t.id = r.thread_id
                    WHERE r.timestamp IS NOT NULL
                      AND (?1 IS NULL OR r.timestamp >= ?1) AND (?2 IS NULL OR r.timestamp < ?2)
                    UNION ALL
                    SELECT started_at, coalesce(model, 'unknown'), source_kind, external_id, project, turns,
                           input_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
                           output_tokens, reasoning_tokens
                    FROM threads
                    WHERE started_at IS NOT NULL AND turns > 0
                      AND NOT EXISTS (SELECT 1 FROM requests WHERE thread_id = threads.id)
                      AND (?1 IS NULL OR started_at >= ?1) AND (?2 IS NULL OR started_at < ?2)
                    ORDER BY 1
                    """,
                arguments: window)
            var events: [UsageEvent] = []
            while let r = try rows.next() {
                guard let timestamp: Date = r["timestamp"] else { continue }
                events.append(
                    UsageEvent(
                        timestamp: timestamp, model: r["model"],
                        sourceKind: LogKind(rawValue: r["source_kind"]) ?? .csv, session: r["external_id"],
                        project: r["project"], tokens: TokenCounts(row: r), requests: r["n"]))
            }
            // The window does not apply to untimed requests: they have no time to compare.
            let untimed =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM requests WHERE timestamp IS NULL") ?? 0
            return (events, untimed)
        }
    }
}
