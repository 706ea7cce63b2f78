import GRDB

extension Schema {
    /// The organisation panel: what an organisation's own systems (a LiteLLM proxy's
    /// PostgreSQL, later the admin exports) say each user spent, per day, model and team.
    ///
    /// Text keys are `NOT NULL` with '' for "the source has none" (a LiteLLM row without a team)
    /// because SQLite treats NULLs as distinct in a UNIQUE constraint, and the unique key is what
    /// makes a re-import an overwrite rather than a second copy. A row holds the whole day's sums
    /// for its key, so writing it again replaces it: re-reading a day is idempotent.
    ///
    /// `org_import_marks` is the high-water mark per source: the day from which the next import
    /// re-aggregates (the last day read, which may have been partial) and the latest event seen.
    /// It is written in the same transaction as the rows it covers.
    static func orgPanel(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE org_usage (
                    id INTEGER PRIMARY KEY,
                    source TEXT NOT NULL,               -- e.g. 'litellm'
                    user TEXT NOT NULL,                 -- '' when the source names none
                    day TEXT NOT NULL,                  -- YYYY-MM-DD, UTC
                    model TEXT NOT NULL,
                    team TEXT NOT NULL,                 -- '' when the source names none
                    requests INTEGER NOT NULL,
                    input_tokens INTEGER NOT NULL,      -- uncached input
                    output_tokens INTEGER NOT NULL,
                    cache_read_tokens INTEGER NOT NULL,
                    cache_write_tokens INTEGER NOT NULL,
                    spend_usd REAL NOT NULL,
                    UNIQUE (source, user, day, model, team)
                );
                CREATE INDEX org_usage_by_day ON org_usage(source, day);
                CREATE TABLE org_import_marks (
                    source TEXT PRIMARY KEY,
                    origin TEXT NOT NULL,               -- host:port/database, never credentials
                    resume_day TEXT NOT NULL,           -- the next import re-reads from this day
                    latest_event TEXT,                  -- the latest event time read, as the source wrote it
                    imported_at DATETIME NOT NULL
                );
                """)
    }
}
