import GRDB

extension Schema {
    /// Plan allowances calibrated from rate-limit snapshots (one row per window type and run).
    /// The fitted weights are JSON written by the fitting layer (`PlanCalibration`); the columns
    /// beside it are what a query filters on.
    static func calibrations(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE calibrations (
                    id INTEGER PRIMARY KEY,
                    created_at DATETIME NOT NULL,
                    window_minutes INTEGER NOT NULL,
                    source TEXT NOT NULL,           -- codex, claude-code
                    plan TEXT,                      -- as the user named it (--plan)
                    snapshots INTEGER NOT NULL,     -- snapshots in the pairs used
                    pairs INTEGER NOT NULL,
                    since DATETIME NOT NULL,
                    until DATETIME NOT NULL,
                    payload TEXT NOT NULL
                );
                CREATE INDEX calibrations_by_window ON calibrations(window_minutes, created_at);
                """)
    }
}
