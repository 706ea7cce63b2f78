import GRDB

/// The versioned schema of the thread database.
///
/// `grdb_migrations` (GRDB's bookkeeping) records which migrations ran; `PRAGMA application_id`
/// marks the file as tokencast's. Migrations are append-only: never edit a shipped one.
enum Schema {
    /// `tkct` in ASCII.
    static let applicationID: Int32 = 0x746B_6374

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2", migrate: v2)
        migrator.registerMigration("statusline", migrate: statusline)
        migrator.registerMigration("v3-org-panel", migrate: orgPanel)
        migrator.registerMigration("calibrations", migrate: calibrations)
        migrator.registerMigration("org-exports", migrate: orgExports)
        migrator.registerMigration("rate-limit-resets", migrate: rateLimitResets)
        migrator.registerMigration("request-bins", migrate: requestBins)
        migrator.registerMigration("request-bins-by-model", migrate: requestBinsByModel)
        return migrator
    }

    /// The first schema: sources, threads, requests, fits.
    static func v1(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(
            sql: """
                CREATE TABLE sources (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    mtime REAL NOT NULL,            -- seconds since 1970
                    content_hash TEXT NOT NULL,
                    imported_at DATETIME NOT NULL,
                    lines INTEGER NOT NULL,
                    used_lines INTEGER NOT NULL,
                    skipped_lines INTEGER NOT NULL,
                    skips TEXT NOT NULL             -- JSON object: reason -> count
                );
                CREATE TABLE threads (
                    id INTEGER PRIMARY KEY,
                    source_kind TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    developer TEXT,
                    project TEXT,
                    model TEXT,
                    started_at DATETIME,
                    ended_at DATETIME,
                    turns INTEGER NOT NULL DEFAULT 0,
                    input_tokens INTEGER NOT NULL DEFAULT 0,
                    cache_read_tokens INTEGER NOT NULL DEFAULT 0,
                    cache_write_5m_tokens INTEGER NOT NULL DEFAULT 0,
                    cache_write_1h_tokens INTEGER NOT NULL DEFAULT 0,
                    output_tokens INTEGER NOT NULL DEFAULT 0,
                    cost_usd REAL,
                    outcome TEXT CHECK (outcome IN ('success', 'failure', 'abandoned')),
                    UNIQUE (source_kind, external_id)
                );
                CREATE TABLE requests (
                    id INTEGER PRIMARY KEY,
                    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
                    turn_index INTEGER NOT NULL,
                    timestamp DATETIME,
                    model TEXT NOT NULL,
                    request_key TEXT NOT NULL UNIQUE,
                    input_tokens INTEGER NOT NULL DEFAULT 0,
                    cache_read_tokens INTEGER NOT NULL DEFAULT 0,
                    cache_write_5m_tokens INTEGER NOT NULL DEFAULT 0,
                    cache_write_1h_tokens INTEGER NOT NULL DEFAULT 0,
                    output_tokens INTEGER NOT NULL DEFAULT 0,
                    cost_usd REAL
                );
                CREATE TABLE fits (
                    id INTEGER PRIMARY KEY,
                    created_at DATETIME NOT NULL,
                    model TEXT NOT NULL,
                    since DATETIME,
                    until DATETIME,
                    payload TEXT NOT NULL           -- JSON, written by the fitting layer
                );
                """)
    }

    /// Reasoning tokens (Codex), plan quota samples, and the indexes queries need.
    static func v2(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE threads ADD COLUMN reasoning_tokens INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE requests ADD COLUMN reasoning_tokens INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE rate_limit_samples (
                    id INTEGER PRIMARY KEY,
                    thread_id INTEGER REFERENCES threads(id) ON DELETE SET NULL,
                    timestamp DATETIME NOT NULL,
                    window_minutes INTEGER NOT NULL,
                    used_percent REAL NOT NULL,
                    UNIQUE (thread_id, timestamp, window_minutes)
                );
                CREATE INDEX requests_by_thread ON requests(thread_id, turn_index);
                CREATE INDEX threads_by_model ON threads(model, started_at);
                """)
    }
}
