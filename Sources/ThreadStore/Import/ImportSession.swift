import Foundation
import GRDB

/// A request parsed from a log, ready to store.
struct PendingRequest {
    var key: String
    var threadID: Int64
    var timestamp: Date?
    var model: String
    var tokens: TokenCounts
    var costUSD: Double?
    /// Given by CSV request rows; agent logs are numbered by time after the import.
    var turnIndex: Int?
    /// Lines of the log merged into this request (a response's streaming partials).
    var lines = 1

    /// Whether `self` carries more usage than `other` (the later, complete line of a response).
    func isLarger(than other: PendingRequest) -> Bool {
        (tokens.output, tokens.totalInput) > (other.tokens.output, other.tokens.totalInput)
    }
}

/// The work of importing one file, inside its one write transaction.
final class ImportSession {
    let db: Database
    let kind: LogKind
    let file: String
    let developer: String?
    var report = ImportReport()
    private var threadIDs: [String: Int64] = [:]
    private var projects: [String: String] = [:]
    private(set) var touched: Set<Int64> = []
    /// The `request_bins` bins (their start, Unix seconds) whose requests this file changed,
    /// summed again in `finish`.
    private var changedBins: Set<Int> = []
    /// Skips of this file only, stored with its `sources` row.
    private(set) var fileSkips: [String: Int] = [:]

    init(db: Database, kind: LogKind, file: String, developer: String?) {
        self.db = db
        self.kind = kind
        self.file = file
        self.developer = developer
    }

    func skip(_ reason: String, line: Int) {
        report.skip(reason, at: "\(file):\(line)")
        fileSkips[reason, default: 0] += 1
    }

    func ignore(_ type: String) { report.ignoredLines[type, default: 0] += 1 }

    /// The id of the thread with this external id, created if new.
    func threadID(externalID: String, developer: String? = nil) throws -> Int64 {
        if let id = threadIDs[externalID] { return id }
        let id = try Int64.fetchOne(
            db,
            sql: """
                INSERT INTO threads (source_kind, external_id, developer) VALUES (?, ?, ?)
                ON CONFLICT (source_kind, external_id)
                DO UPDATE SET developer = coalesce(threads.developer, excluded.developer)
                RETURNING id
                """,
            arguments: [kind.rawValue, externalID, developer ?? self.developer])!
        threadIDs[externalID] = id
        touched.insert(id)
        return id
    }

    /// Records the project (working directory) of a thread, stored if the thread gets requests
    /// and has no project yet.
    func setProject(_ project: String, externalID: String) {
        if projects[externalID] == nil { projects[externalID] = project }
    }

    /// Stores a request: new key → inserted; known key → replaced if this one is larger
    /// (a later line of the same response), else counted as a duplicate.
    ///
    /// With `replace`, a known key is overwritten whenever its counts differ (CSV rows are
    /// corrections, not streaming partials).
    func store(_ r: PendingRequest, replace: Bool = false) throws {
        let t = r.tokens
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO requests (thread_id, turn_index, timestamp, model, request_key, input_tokens,
                    cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens,
                    reasoning_tokens, cost_usd)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (request_key) DO NOTHING
                """)
        try insert.execute(arguments: [
            r.threadID, r.turnIndex ?? 0, r.timestamp, r.model, r.key, t.input, t.cacheRead, t.cacheWrite5m,
            t.cacheWrite1h, t.output, t.reasoning, r.costUSD,
        ])
        if db.changesCount == 1 {
            markBin(r.timestamp)
            report.newRequests += 1
            report.usedLines += 1
            report.duplicateLines += r.lines - 1
            touched.insert(r.threadID)
            return
        }
        let update = try db.cachedStatement(
            sql: """
                UPDATE requests SET timestamp = ?, model = ?, input_tokens = ?, cache_read_tokens = ?,
                    cache_write_5m_tokens = ?, cache_write_1h_tokens = ?, output_tokens = ?, reasoning_tokens = ?,
                    cost_usd = ?
                WHERE request_key = ?10 AND (\(replace
                ? """
                  (timestamp, model, input_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
                   output_tokens, reasoning_tokens, cost_usd) IS NOT (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                  """
                : """
                  output_tokens < ?11 OR (output_tokens = ?11 AND
                  input_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens < ?12)
                  """))
                RETURNING thread_id
                """)
        var arguments: StatementArguments = [
            r.timestamp, r.model, t.input, t.cacheRead, t.cacheWrite5m, t.cacheWrite1h, t.output, t.reasoning,
            r.costUSD, r.key,
        ]
        if !replace { arguments += [t.output, t.totalInput] }
        let before = try db.cachedStatement(sql: "SELECT timestamp FROM requests WHERE request_key = ?")
        let oldTimestamp = try Date.fetchOne(before, arguments: [r.key])
        let owner = try Int64.fetchOne(update, arguments: arguments)
        if let owner {
            markBin(oldTimestamp)
            markBin(r.timestamp)
            report.updatedRequests += 1
            report.usedLines += 1
            report.duplicateLines += r.lines - 1
            touched.insert(owner)
        } else {
            report.duplicateLines += r.lines
        }
    }

    /// Stores a plan quota sample unless already stored.
    func storeRateLimit(threadID: Int64, timestamp: Date, windowMinutes: Int, usedPercent: Double, resetsAt: Date? = nil)
        throws -> Bool
    {
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO rate_limit_samples (thread_id, timestamp, window_minutes, used_percent, resets_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)
        try insert.execute(arguments: [threadID, timestamp, windowMinutes, usedPercent, resetsAt])
        let added = db.changesCount == 1
        if added { report.rateLimitSamples += 1 }
        return added
    }

    /// Recomputes the totals, time span and dominant model of every touched thread from its
    /// requests, and (for agent logs) numbers its turns by time.
    /// Marks the bin a request's time falls in. Also the bin of a millisecond later: the stored
    /// text has milliseconds, and a time a hair before a bin's end may be written as its end.
    private func markBin(_ timestamp: Date?) {
        guard let t = timestamp?.timeIntervalSince1970 else { return }
        let width = Double(Schema.binSeconds)
        changedBins.insert(Int((t / width).rounded(.down) * width))
        changedBins.insert(Int(((t + 0.001) / width).rounded(.down) * width))
    }

    /// Sums the changed bins of `request_bins` again from the requests, bin by bin from the
    /// covering index. Done here, once per file, rather than by triggers on `requests`: a
    /// trigger on inserts, even one that does nothing, makes every insert dearer (a 300,000-row
    /// CSV: 15.5 s with a no-op insert trigger, 11.0 s with this, the same machine, one after
    /// the other).
    private func rebuildChangedBins() throws {
        guard !changedBins.isEmpty else { return }
        let clear = try db.cachedStatement(sql: "DELETE FROM request_bins WHERE start = ?")
        let sum = try db.cachedStatement(
            sql: """
                INSERT INTO request_bins (start, model, requests, input_tokens, cache_read_tokens,
                    cache_write_5m_tokens, cache_write_1h_tokens, output_tokens)
                SELECT ?1, model, count(*), sum(input_tokens), sum(cache_read_tokens), sum(cache_write_5m_tokens),
                       sum(cache_write_1h_tokens), sum(output_tokens)
                FROM requests INDEXED BY requests_by_time WHERE timestamp >= ?2 AND timestamp < ?3
                GROUP BY model
                """)
        for start in changedBins.sorted() {
            try clear.execute(arguments: [start])
            let from = Date(timeIntervalSince1970: Double(start))
            try sum.execute(arguments: [start, from, from.addingTimeInterval(Double(Schema.binSeconds))])
        }
        changedBins.removeAll()
    }

    func finish(numberTurns: Bool) throws {
        try rebuildChangedBins()
        for (externalID, project) in projects {
            guard let id = threadIDs[externalID] else { continue }
            try db.execute(
                sql: "UPDATE threads SET project = coalesce(project, ?) WHERE id = ?", arguments: [project, id])
        }
        for id in touched.sorted() {
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM requests WHERE thread_id = ?)",
                    arguments: [id]) == true
            else { continue }
            try db.execute(
                sql: """
                    UPDATE threads SET turns = s.n, input_tokens = s.i, cache_read_tokens = s.cr,
                        cache_write_5m_tokens = s.cw5, cache_write_1h_tokens = s.cw1, output_tokens = s.o,
                        reasoning_tokens = s.r, cost_usd = s.cost, started_at = s.first, ended_at = s.last,
                        model = (SELECT model FROM requests WHERE thread_id = ?1 GROUP BY model
                                 ORDER BY count(*) DESC, sum(output_tokens) DESC, model LIMIT 1)
                    FROM (SELECT count(*) AS n, sum(input_tokens) AS i, sum(cache_read_tokens) AS cr,
                                 sum(cache_write_5m_tokens) AS cw5, sum(cache_write_1h_tokens) AS cw1,
                                 sum(output_tokens) AS o, sum(reasoning_tokens) AS r, sum(cost_usd) AS cost,
                                 min(timestamp) AS first, max(timestamp) AS last
                          FROM requests WHERE thread_id = ?1) AS s
                    WHERE threads.id = ?1
                    """,
                arguments: [id])
            if numberTurns {
                try db.execute(
                    sql: """
                        UPDATE requests SET turn_index = r.n
                        FROM (SELECT id, row_number() OVER (ORDER BY timestamp, request_key) AS n
                              FROM requests WHERE thread_id = ?1) AS r
                        WHERE requests.id = r.id AND requests.turn_index IS NOT r.n
                        """,
                    arguments: [id])
            }
        }
    }
}

extension ThreadStore {
    /// Imports one file in one transaction, unless it is unchanged since its last import.
    ///
    /// A file whose size and modification time match its `sources` row is skipped without
    /// reading; one with the same size but a new time is hashed and skipped if its content is
    /// the same. Any other file is read whole: requests are keyed, so lines imported before
    /// are recognised and only new ones are added (an appended log costs a full read, not
    /// duplicates).
    ///
    /// - Returns: the file's report and the ids of the threads it touched.
    func importFile(
        path: String, kind: LogKind, developer: String?, progress: (Int) -> Void,
        makeParser: () -> any LogLineParser
    ) throws -> (report: ImportReport, threads: Set<Int64>) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            var report = ImportReport()
            report.skip("unreadable file (\(String(cString: strerror(errno))))", at: path)
            return (report, [])
        }
        let size = Int64(info.st_size)
        #if canImport(Darwin)
        let mtime = Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #else
        let mtime = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #endif
        do {
            return try writer.writeWithoutTransaction { db in
                var result: (ImportReport, Set<Int64>) = (ImportReport(), [])
                try db.inTransaction(.immediate) {
                    let known = try Row.fetchOne(
                        db, sql: "SELECT size, mtime, content_hash FROM sources WHERE path = ?", arguments: [path])
                    if let known, known["size"] == size {
                        var unchanged = (known["mtime"] as Double) == mtime
                        if !unchanged, try LineReader.hash(path: path).hex == (known["content_hash"] as String) {
                            try db.execute(sql: "UPDATE sources SET mtime = ? WHERE path = ?", arguments: [mtime, path])
                            unchanged = true
                        }
                        if unchanged {
                            progress(Int(size))
                            result.0.unchangedFiles = 1
                            return .commit
                        }
                    }
                    let session = ImportSession(db: db, kind: kind, file: path, developer: developer)
                    let parser = makeParser()
                    let read = try LineReader(path: path).forEachLine(progress: progress) { line, number in
                        session.report.lines += 1
                        try parser.parse(line, number: number, in: session)
                    }
                    try parser.finish(in: session)
                    try session.finish(numberTurns: kind != .csv)
                    session.report.files = 1
                    session.report.bytes = read.bytes
                    let skips = String(
                        decoding: try JSONSerialization.data(withJSONObject: session.fileSkips, options: [.sortedKeys]),
                        as: UTF8.self)
                    try db.execute(
                        sql: """
                            INSERT INTO sources (path, kind, size, mtime, content_hash, imported_at, lines,
                                used_lines, skipped_lines, skips)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, size = excluded.size,
                                mtime = excluded.mtime, content_hash = excluded.content_hash,
                                imported_at = excluded.imported_at, lines = excluded.lines,
                                used_lines = excluded.used_lines, skipped_lines = excluded.skipped_lines,
                                skips = excluded.skips
                            """,
                        arguments: [
                            path, kind.rawValue, read.bytes, mtime, read.hash.hex, Date(), session.report.lines,
                            session.report.usedLines, session.report.skippedLines, skips,
                        ])
                    result = (session.report, session.touched)
                    return .commit
                }
                return result
            }
        } catch let error as FileReadError {
            var report = ImportReport()
            report.skip("unreadable file (\(error.reason))", at: path)
            return (report, [])
        }
    }
}

/// Turns the lines of one file into requests; one instance per file.
protocol LogLineParser: AnyObject {
    /// Handles line `number` (1-based). Every line must end up counted: used, duplicate,
    /// ignored (``ImportSession/ignore(_:)``) or skipped (``ImportSession/skip(_:line:)``).
    func parse(_ line: LineReader.Line, number: Int, in session: ImportSession) throws
    /// Called after the last line, to store what is still pending.
    func finish(in session: ImportSession) throws
}
