import Foundation
import GRDB

extension ThreadStore {
    /// Stores one window type's calibration and returns it with its id.
    @discardableResult
    public func saveCalibration(
        windowMinutes: Int, source: String, plan: String?, snapshots: Int, pairs: Int, since: Date, until: Date,
        payload: String, createdAt: Date = Date()
    ) throws -> CalibrationRecord {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO calibrations
                        (created_at, window_minutes, source, plan, snapshots, pairs, since, until, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [createdAt, windowMinutes, source, plan, snapshots, pairs, since, until, payload])
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM calibrations WHERE id = ?", arguments: [db.lastInsertedRowID])
            else { throw ThreadStoreError.cannotOpen(path: path ?? ":memory:", reason: "the calibration just stored is missing") }
            return CalibrationRecord(row: row)
        }
    }

    /// Stored calibrations, newest first, optionally of one window length.
    public func calibrations(windowMinutes: Int? = nil) throws -> [CalibrationRecord] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM calibrations WHERE window_minutes = coalesce(?, window_minutes)
                    ORDER BY created_at DESC, id DESC
                    """,
                arguments: [windowMinutes]
            ).map(CalibrationRecord.init(row:))
        }
    }

    /// The newest calibration of a window length, of any tool (`Calibration.latest` picks a vendor's).
    public func latestCalibration(windowMinutes: Int) throws -> CalibrationRecord? {
        try calibrations(windowMinutes: windowMinutes).first
    }

    /// Every rate-limit snapshot, oldest first, with its source and (when the store has the
    /// column, which a later schema may add) its reset time: Codex's readings (of the source
    /// of the thread that logged them) and the plan windows Claude Code gave the statusline
    /// (`five_hour`, `seven_day`; source `claude-code`, paired with Claude Code's requests).
    /// Per-model gauges (`seven_day_opus`) are not the plan's share and are left out.
    public func quotaSamples() throws -> [QuotaSample] {
        try writer.read { db in
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(rate_limit_samples)").map { $0["name"] as String }
            let reset = columns.contains("resets_at") ? "s.resets_at" : "NULL"
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT timestamp, window_minutes, used_percent, resets_at, source FROM (
                        SELECT s.timestamp, s.window_minutes, s.used_percent, \(reset) AS resets_at,
                            coalesce(t.source_kind, 'unknown') AS source
                        FROM rate_limit_samples s LEFT JOIN threads t ON t.id = s.thread_id
                        UNION ALL
                        SELECT timestamp, window_minutes, used_percent, resets_at, 'claude-code'
                        FROM statusline_rate_limits WHERE window IN ('five_hour', 'seven_day'))
                    ORDER BY timestamp, window_minutes
                    """
            ).map { row in
                QuotaSample(
                    timestamp: row["timestamp"], windowMinutes: row["window_minutes"], usedPercent: row["used_percent"],
                    resetsAt: row["resets_at"], source: row["source"])
            }
        }
    }

    /// Every request with a timestamp in `since...until`, oldest first.
    public func timedUsage(since: Date, until: Date) throws -> [TimedUsage] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.*, t.source_kind FROM requests r JOIN threads t ON t.id = r.thread_id
                    WHERE r.timestamp IS NOT NULL AND r.timestamp >= ? AND r.timestamp <= ?
                    ORDER BY r.timestamp, r.id
                    """,
                arguments: [since, until]
            ).map { row in
                TimedUsage(
                    timestamp: row["timestamp"], model: row["model"], tokens: TokenCounts(row: row),
                    source: row["source_kind"])
            }
        }
    }
}
