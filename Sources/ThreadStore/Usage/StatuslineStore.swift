import Foundation
import GRDB

extension ThreadStore {
    /// Records one statusline reading: the plan's window gauges and the session's cost and
    /// token totals for `day` (the user's local `YYYY-MM-DD`), in one transaction.
    ///
    /// The first reading of a session on a day stores the session's cost at the previous
    /// day's last reading (0 for a new session) as the day's starting point, so a session that
    /// runs past midnight counts in each day only what it spent that day.
    /// - Throws: GRDB's `DatabaseError` (`SQLITE_BUSY` on a store opened with
    ///   `waitWhenBusy: 0` while another process writes): the caller decides to skip.
    public func recordStatusline(_ input: StatuslineInput, day: String, at now: Date, source: String) throws {
        try writer.write { db in
            for w in input.windows {
                try db.execute(
                    sql: """
                        INSERT INTO statusline_rate_limits
                            (session_id, timestamp, window, window_minutes, used_percent, resets_at, source)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                        """,
                    arguments: [input.sessionID, now, w.name, w.minutes, w.usedPercent, w.resetsAt, source])
            }
            guard let cost = input.sessionCostUSD else { return }
            try db.execute(
                sql: """
                    INSERT INTO statusline_sessions
                        (session_id, day, model, project, cost_at_start, cost_usd, input_tokens, output_tokens,
                         first_seen, updated_at)
                    VALUES (?1, ?2, ?3, ?4,
                            min(?5, coalesce((SELECT cost_usd FROM statusline_sessions
                                              WHERE session_id = ?1 AND day < ?2 ORDER BY day DESC LIMIT 1), 0)),
                            ?5, ?6, ?7, ?8, ?8)
                    ON CONFLICT (session_id, day) DO UPDATE SET
                        model = coalesce(excluded.model, model), project = coalesce(excluded.project, project),
                        cost_usd = max(cost_usd, excluded.cost_usd),
                        input_tokens = coalesce(excluded.input_tokens, input_tokens),
                        output_tokens = coalesce(excluded.output_tokens, output_tokens),
                        updated_at = excluded.updated_at
                    """,
                arguments: [
                    input.sessionID, day, input.modelID, input.project, cost, input.inputTokens, input.outputTokens, now,
                ])
        }
    }

    /// What the statusline has seen spent on `day`: each session's cost at its latest reading
    /// less its cost when the day began.
    public func statuslineCost(day: String) throws -> Double {
        try writer.read { db in
            try Double.fetchOne(
                db, sql: "SELECT coalesce(sum(max(cost_usd - cost_at_start, 0)), 0) FROM statusline_sessions WHERE day = ?",
                arguments: [day]) ?? 0
        }
    }
}
