import Foundation
import PostgresNIO
import ThreadStore

/// Reads a LiteLLM proxy's `LiteLLM_SpendLogs` into the organisation panel of the thread store.
///
/// The server does the work: one aggregate per (day, user, model, team) in SQL
/// (``SpendLogsQuery``), read through a cursor in batches of ``Options/batchRows`` rows inside
/// one read-only, repeatable-read transaction (a consistent snapshot; the proxy's data is never
/// written). Each batch is one store transaction together with the high-water mark, so a
/// process killed at any point resumes from the last day it wrote. That day is read again whole
/// and its rows replaced (the panel holds whole-day sums keyed by source, user, day, model and
/// team), so nothing is lost or counted twice.
///
/// The connection and the schema are checked before the store is opened: a wrong URL, a
/// refused password or a database without spend logs leaves the store untouched (not even
/// created).
public struct LiteLLMImporter: Sendable {
    public struct Options: Sendable {
        /// The panel's source name; a second proxy gets a name of its own.
        public var source = "litellm"
        /// Re-read from this day on instead of from the mark.
        public var since: Day?
        /// Aggregated rows per FETCH (and per store transaction).
        public var batchRows = 20_000

        public init(source: String = "litellm", since: Day? = nil, batchRows: Int = 20_000) {
            self.source = source
            self.since = since
            self.batchRows = max(1, batchRows)
        }
    }

    public let url: PostgresURL
    public let options: Options

    public init(url: PostgresURL, options: Options = Options()) {
        self.url = url
        self.options = options
    }

    /// Connects, checks the schema, then opens the store with `openStore` and imports.
    /// - Parameter progress: days done and days to read, after each batch.
    public func run(
        openStore: @Sendable () throws -> ThreadStore, progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> LiteLLMImportReport {
        let start = Date()
        let session = try await PostgresSession.connect(url)
        do {
            let report = try await importAll(session: session, openStore: openStore, progress: progress, start: start)
            await session.close()
            return report
        } catch {
            await session.close()
            // Server and decoding errors get host:port and a scrubbed message; the store's own
            // errors (a foreign or damaged database file) pass through as they are.
            if error is PSQLError || error is PostgresDecodingError {
                throw PostgresSession.translate(error, url: url)
            }
            throw error
        }
    }

    /// The columns of `LiteLLM_SpendLogs` in the schema read, checked.
    func discover(_ session: PostgresSession) async throws -> SpendLogsQuery {
        let schema: String
        if let given = url.schema {
            schema = given
        } else {
            schema = try await session.rows("SELECT current_schema()").first?.decode(String?.self) ?? "public"
        }
        let literal = "'" + schema.replacingOccurrences(of: "'", with: "''") + "'"
        var columns: [String: String] = [:]
        for try await row in try await session.query(
            """
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = \(literal) AND table_name = '\(SpendLogsQuery.table)'
            """)
        {
            let (name, type) = try row.decode((String, String).self)
            columns[name] = type
        }
        if columns.isEmpty {
            var found: [String] = []
            for try await row in try await session.query(
                """
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = \(literal) AND table_name LIKE 'LiteLLM%' ORDER BY table_name
                """)
            {
                found.append(try row.decode(String.self))
            }
            throw LiteLLMImportError.missingTable(
                table: SpendLogsQuery.table, schema: schema, found: found, url: url.redacted)
        }
        let query = SpendLogsQuery(schema: schema, columns: columns)
        if !query.missingRequired.isEmpty {
            throw LiteLLMImportError.missingColumns(
                table: SpendLogsQuery.table, columns: query.missingRequired, url: url.redacted)
        }
        return query
    }

    private func importAll(
        session: PostgresSession, openStore: @Sendable () throws -> ThreadStore, progress: @Sendable (Int, Int) -> Void,
        start: Date
    ) async throws -> LiteLLMImportReport {
        let query = try await discover(session)
        // The store is opened only now that the server and its schema are known to be right.
        let store = try openStore()
        let previous = try store.orgImportMark(source: options.source)
        if let previous, previous.origin != url.origin {
            throw LiteLLMImportError.otherOrigin(source: options.source, stored: previous.origin, given: url.origin)
        }
        let from = options.since ?? previous.flatMap { Day($0.resumeDay) }

        _ = try await session.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        // Days are UTC days whatever the server's time zone (startTime is UTC in LiteLLM); a cursor
        // is planned for its whole result, not its first rows.
        _ = try await session.query("SET LOCAL TIME ZONE 'UTC'")
        _ = try await session.query("SET LOCAL cursor_tuple_fraction = 1.0")
        // Room for the hash aggregate's groups in memory (the default 4 MB spills ~100k groups
        // to disk); this transaction only, and PostgreSQL still spills past it rather than fail.
        _ = try await session.query("SET LOCAL work_mem = '256MB'")
        let range = try await session.rows(
            """
            SELECT to_char(min("startTime"), 'YYYY-MM-DD'), to_char(max("startTime"), 'YYYY-MM-DD')
            FROM \(query.qualifiedTable) \(from.map { "WHERE \"startTime\" >= DATE '\($0.text)'" } ?? "")
            """
        ).first
        let bounds: (String?, String?) = try range?.decode((String?, String?).self) ?? (nil, nil)
        let (firstDay, lastDay) = bounds
        let totalDays = Self.days(from: firstDay, to: lastDay)

        _ = try await session.query("DECLARE tokencast_spend NO SCROLL CURSOR FOR " + query.aggregateSQL(since: from))
        var spendLogRows: Int64 = 0
        var panelRows = 0
        var latest = previous?.latestEvent
        var batch: [OrgUsageRow] = []
        batch.reserveCapacity(options.batchRows)
        while true {
            batch.removeAll(keepingCapacity: true)
            var batchLatest: String?
            for try await row in try await session.query("FETCH FORWARD \(options.batchRows) FROM tokencast_spend") {
                let (day, user, model, team, requests, input, output, cacheRead, cacheWrite, spend, rowLatest) =
                    try row.decode(
                        (String, String, String, String, Int64, Int64, Int64, Int64, Int64, Double, String).self)
                batch.append(
                    OrgUsageRow(
                        user: user, day: day, model: model, team: team, requests: requests, inputTokens: input,
                        outputTokens: output, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite, spendUSD: spend))
                spendLogRows += requests
                if batchLatest.map({ rowLatest > $0 }) ?? true { batchLatest = rowLatest }
            }
            guard let last = batch.last else { break }
            if let batchLatest, latest.map({ batchLatest > $0 }) ?? true { latest = batchLatest }
            try store.writeOrgUsage(
                batch, source: options.source,
                mark: OrgImportMark(
                    source: options.source, origin: url.origin, resumeDay: last.day, latestEvent: latest,
                    importedAt: Date()))
            panelRows += batch.count
            progress(Self.days(from: firstDay, to: last.day), totalDays)
        }
        _ = try await session.query("CLOSE tokencast_spend")
        _ = try await session.query("COMMIT")

        return LiteLLMImportReport(
            url: url.redacted, source: options.source, from: from?.text, firstDay: firstDay, lastDay: lastDay,
            spendLogRows: spendLogRows, panelRows: panelRows, missingOptional: query.missingOptional,
            cacheSource: query.cacheSource, seconds: Date().timeIntervalSince(start),
            totals: try store.orgUsageTotals(source: options.source))
    }

    /// Days from `first` to `last`, both counted (0 without a range).
    static func days(from first: String?, to last: String?) -> Int {
        guard let first, let last else { return 0 }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd"
        guard let a = format.date(from: first), let b = format.date(from: last) else { return 0 }
        return Int((b.timeIntervalSince(a) / 86_400).rounded()) + 1
    }
}
