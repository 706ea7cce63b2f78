import GRDB

extension Schema {
    /// What `tokencast statusline` records, and the index `report` and `statusline` read by.
    ///
    /// `statusline_rate_limits` holds Claude Code's official window readings
    /// (`rate_limits.five_hour`, `seven_day`, `seven_day_opus`...): a table of its own, beside
    /// Codex's `rate_limit_samples`, because the two vendors' gauges are different limits and
    /// these carry when the window resets and where the reading came from.
    /// `statusline_sessions` keeps, per session and local day, the session's cost (Claude Code's
    /// own `cost.total_cost_usd`) when the day's first reading came and at the latest one, so
    /// that today's cost is the sum of the differences.
    ///
    /// `requests_by_time` covers the columns the statusline's history query reads, so that query
    /// never leaves the index (on 60 days of a heavy user, 29,000 requests, it takes a third of
    /// the time a plain timestamp index needs); imports pay for it with one more index to write.
    static func statusline(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE statusline_rate_limits (
                    id INTEGER PRIMARY KEY,
                    session_id TEXT NOT NULL,
                    timestamp DATETIME NOT NULL,
                    window TEXT NOT NULL,           -- five_hour, seven_day, seven_day_opus, ...
                    window_minutes INTEGER NOT NULL,
                    used_percent REAL NOT NULL,
                    resets_at DATETIME,
                    source TEXT NOT NULL,           -- claude-code-statusline
                    UNIQUE (session_id, timestamp, window)
                );
                CREATE INDEX statusline_rate_limits_by_time ON statusline_rate_limits(timestamp);
                CREATE TABLE statusline_sessions (
                    session_id TEXT NOT NULL,
                    day TEXT NOT NULL,              -- YYYY-MM-DD in the user's time zone
                    model TEXT,
                    project TEXT,
                    cost_at_start REAL NOT NULL,    -- the session's cost before this day's use
                    cost_usd REAL NOT NULL,         -- the session's cost at the latest reading
                    input_tokens INTEGER,
                    output_tokens INTEGER,
                    first_seen DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL,
                    PRIMARY KEY (session_id, day)
                );
                CREATE INDEX requests_by_time ON requests(
                    timestamp, model, input_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
                    output_tokens);
                """)
    }
}
