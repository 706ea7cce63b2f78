import Foundation
import GRDB

/// One row of the organisation panel: a user's requests, tokens by class and spend on one day
/// with one model in one team, as an organisation's system recorded them.
public struct OrgUsageRow: Sendable, Equatable, Hashable {
    public var user: String
    /// `YYYY-MM-DD`, UTC.
    public var day: String
    public var model: String
    public var team: String
    public var requests: Int64
    /// Uncached input tokens.
    public var inputTokens: Int64
    public var outputTokens: Int64
    public var cacheReadTokens: Int64
    public var cacheWriteTokens: Int64
    public var spendUSD: Double

    public init(
        user: String, day: String, model: String, team: String, requests: Int64, inputTokens: Int64,
        outputTokens: Int64, cacheReadTokens: Int64, cacheWriteTokens: Int64, spendUSD: Double
    ) {
        self.user = user
        self.day = day
        self.model = model
        self.team = team
        self.requests = requests
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadTokens = cacheReadTokens
        self.cacheWriteTokens = cacheWriteTokens
        self.spendUSD = spendUSD
    }

    /// A row of `SELECT user, day, model, team, requests, input_tokens, output_tokens,
    /// cache_read_tokens, cache_write_tokens, spend_usd`, read by position: by name, GRDB looks
    /// each column up per row, which was a twelfth of `fit org` on millions of rows.
    init(row: Row) {
        self.init(
            user: row[0], day: row[1], model: row[2], team: row[3], requests: row[4], inputTokens: row[5],
            outputTokens: row[6], cacheReadTokens: row[7], cacheWriteTokens: row[8], spendUSD: row[9])
    }
}

/// Where an organisation import stopped: the next one re-reads from `resumeDay` on.
public struct OrgImportMark: Sendable, Equatable {
    public var source: String
    /// The server and database read (`host:port/database`), never credentials.
    public var origin: String
    /// The last day read, which may have been partial when it was read: re-aggregated next time.
    public var resumeDay: String
    /// The latest event time read, as the source wrote it (for the summary).
    public var latestEvent: String?
    public var importedAt: Date

    public init(source: String, origin: String, resumeDay: String, latestEvent: String?, importedAt: Date) {
        self.source = source
        self.origin = origin
        self.resumeDay = resumeDay
        self.latestEvent = latestEvent
        self.importedAt = importedAt
    }
}

/// The panel's sums for one source, for import summaries and checks.
public struct OrgUsageTotals: Sendable, Equatable {
    public var rows: Int
    public var users: Int
    public var days: Int
    public var models: Int
    public var teams: Int
    public var firstDay: String?
    public var lastDay: String?
    public var requests: Int64
    public var inputTokens: Int64
    public var outputTokens: Int64
    public var cacheReadTokens: Int64
    public var cacheWriteTokens: Int64
    public var spendUSD: Double
}

extension ThreadStore {
    /// The high-water mark of `source`, or nil before its first import.
    public func orgImportMark(source: String) throws -> OrgImportMark? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM org_import_marks WHERE source = ?", arguments: [source]).map {
                OrgImportMark(
                    source: $0["source"], origin: $0["origin"], resumeDay: $0["resume_day"],
                    latestEvent: $0["latest_event"], importedAt: $0["imported_at"])
            }
        }
    }

    /// Writes one batch of whole-day sums and moves the mark, in one transaction: a process killed
    /// at any point leaves the mark consistent with the rows, and the next import re-reads from it.
    ///
    /// A row replaces the stored row with the same key (its values are that day's whole sums, read
    /// again), so writing the same batch twice changes nothing. Stored rows the batch does not
    /// name are kept: days a source has since purged (LiteLLM's spend-log retention) stay in the
    /// panel.
    public func writeOrgUsage(_ rows: [OrgUsageRow], source: String, mark: OrgImportMark) throws {
        try writer.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO org_usage (source, user, day, model, team, requests, input_tokens, output_tokens,
                        cache_read_tokens, cache_write_tokens, spend_usd)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (source, user, day, model, team) DO UPDATE SET
                        requests = excluded.requests, input_tokens = excluded.input_tokens,
                        output_tokens = excluded.output_tokens, cache_read_tokens = excluded.cache_read_tokens,
                        cache_write_tokens = excluded.cache_write_tokens, spend_usd = excluded.spend_usd
                    """)
            for row in rows {
                try statement.execute(arguments: [
                    source, row.user, row.day, row.model, row.team, row.requests, row.inputTokens, row.outputTokens,
                    row.cacheReadTokens, row.cacheWriteTokens, row.spendUSD,
                ])
            }
            try db.execute(
                sql: """
                    INSERT INTO org_import_marks (source, origin, resume_day, latest_event, imported_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (source) DO UPDATE SET origin = excluded.origin, resume_day = excluded.resume_day,
                        latest_event = excluded.latest_event, imported_at = excluded.imported_at
                    """,
                arguments: [mark.source, mark.origin, mark.resumeDay, mark.latestEvent, mark.importedAt])
        }
    }

    /// The panel's rows, by day, user, model and team; optionally of one source.
    public func orgUsage(source: String? = nil) throws -> [OrgUsageRow] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT user, day, model, team, requests, input_tokens, output_tokens, cache_read_tokens,
                        cache_write_tokens, spend_usd
                    FROM org_usage WHERE source = coalesce(?, source) ORDER BY day, user, model, team, source
                    """,
                arguments: [source]
            ).map(OrgUsageRow.init(row:))
        }
    }

    /// The panel's sums for one source (or every source).
    public func orgUsageTotals(source: String? = nil) throws -> OrgUsageTotals {
        try writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS rows, count(DISTINCT user) AS users, count(DISTINCT day) AS days,
                        count(DISTINCT model) AS models, count(DISTINCT team) AS teams,
                        min(day) AS first_day, max(day) AS last_day,
                        coalesce(sum(requests), 0) AS requests, coalesce(sum(input_tokens), 0) AS input_tokens,
                        coalesce(sum(output_tokens), 0) AS output_tokens,
                        coalesce(sum(cache_read_tokens), 0) AS cache_read_tokens,
                        coalesce(sum(cache_write_tokens), 0) AS cache_write_tokens,
                        coalesce(sum(spend_usd), 0.0) AS spend_usd
                    FROM org_usage WHERE source = coalesce(?, source)
                    """,
                arguments: [source])
            guard let row else {
                return OrgUsageTotals(
                    rows: 0, users: 0, days: 0, models: 0, teams: 0, firstDay: nil, lastDay: nil, requests: 0,
                    inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, spendUSD: 0)
            }
            return OrgUsageTotals(
                rows: row["rows"], users: row["users"], days: row["days"], models: row["models"], teams: row["teams"],
                firstDay: row["first_day"], lastDay: row["last_day"], requests: row["requests"],
                inputTokens: row["input_tokens"], outputTokens: row["output_tokens"],
                cacheReadTokens: row["cache_read_tokens"], cacheWriteTokens: row["cache_write_tokens"],
                spendUSD: row["spend_usd"])
        }
    }
}

extension OrgUsageRow {
    /// Days since 1970-01-01 as the panel's day, `YYYY-MM-DD` (UTC): Howard Hinnant's
    /// civil_from_days, so that writers of millions of rows need no calendar object per row.
    public static func day(daysSinceEpoch: Int64) -> String {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
