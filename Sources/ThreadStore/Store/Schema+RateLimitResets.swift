import GRDB

extension Schema {
    /// When a Codex rate-limit reading's window resets (`resets_at`, or the reading's time plus
    /// `resets_in_seconds`): with it the window's start is known instead of inferred from a
    /// falling gauge. NULL for readings imported before this column, and for logs without it.
    static func rateLimitResets(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE rate_limit_samples ADD COLUMN resets_at DATETIME")
    }
}
