import Foundation
import GRDB

/// The embedded SQLite store of logged agent threads.
///
/// A file store is a GRDB `DatabasePool` in WAL mode with a busy timeout, so two processes can
/// import at once (writers take turns, one file's transaction at a time). Opening a file that is
/// not a tokencast database (not SQLite, another application's SQLite, a damaged file, a newer
/// schema) throws ``ThreadStoreError`` and leaves the file untouched.
///
/// Only counts and metadata are stored, never prompt or response text.
///
/// ```swift
/// let store = try ThreadStore(path: ThreadStore.defaultPath())
/// let report = try ClaudeCodeImporter(store: store).importLogs(at: [logDirectory])
/// let threads = try store.threads(model: "claude-sonnet-4-5", since: nil, until: nil)
/// ```
public final class ThreadStore: Sendable {
    /// The database file, or nil for an in-memory store.
    public let path: String?
    let writer: any DatabaseWriter

    /// Opens (creating and migrating if needed) the database at `path`.
    /// - Throws: ``ThreadStoreError`` if the file is not a tokencast database or cannot be created.
    public convenience init(path: String) throws {
        try self.init(path: path, waitWhenBusy: 60)
    }

    /// Opens the database at `path`, waiting at most `waitWhenBusy` seconds for another
    /// process's write lock; `0` fails at once with `SQLITE_BUSY` (the statusline, which must
    /// never hold up the editor, skips its write instead).
    ///
    /// `singleConnection` opens one connection for reads and writes instead of a pool (a
    /// writer, and readers that run beside it): for a short run that reads after it writes, as
    /// the statusline does, a second connection only costs its opening.
    public init(path: String, waitWhenBusy: TimeInterval, singleConnection: Bool = false) throws {
        self.path = path
        // A pool opens its writer in WAL mode at once, which would rewrite a foreign file's
        // header: its contents are checked first, on a read-only connection of their own. The
        // single connection checks them itself, before it switches to WAL, which saves opening
        // a second connection (a tenth of a statusline run under `perf`).
        //
        // Not when a journal or a WAL lies beside the file, though: a read-write connection
        // would roll a hot journal back into the file on its first read, or checkpoint the WAL
        // into it on close, before or whatever the checks say. Those files (an import running,
        // or a crashed writer) are checked read-only first, as the pool does.
        let hasContents = try Self.checkHeader(at: path)
        let sidecars = ["-journal", "-wal"].contains { FileManager.default.fileExists(atPath: path + $0) }
        let checkedApart = hasContents && (!singleConnection || sidecars)
        if checkedApart { try Self.checkContentsReadOnly(at: path, waitWhenBusy: waitWhenBusy) }
        do {
            // A bare file name (`--db threads.db`) has no directory to create.
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            var config = Self.configuration
            config.busyMode = waitWhenBusy > 0 ? .timeout(waitWhenBusy) : .immediateError
            if singleConnection {
                // WAL as a pool would set it, so that a file first created by the statusline is
                // like any other.
                config.prepareDatabase { db in
                    if hasContents && !checkedApart { try Self.checkContents(db, path: path) }
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                        try db.execute(sql: "PRAGMA journal_mode = WAL")
                    }
                }
                writer = try DatabaseQueue(path: path, configuration: config)
            } else {
                writer = try DatabasePool(path: path, configuration: config)
            }
            try Schema.migrator.migrate(writer)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            // A file that is not a database fails on the connection's first statement (the
            // configuration's `PRAGMA synchronous`), before the checks in `prepareDatabase`.
            throw ThreadStoreError.damagedDatabase(path: path, reason: error.message ?? "\(error.resultCode)")
        } catch let error as DatabaseError {
            throw ThreadStoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        } catch let error as CocoaError {
            throw ThreadStoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
    }

    /// An empty store in memory, private to this instance, for tests and benchmarks.
    /// `name` only labels the connection in diagnostics.
    public init(inMemory name: String) throws {
        path = nil
        var config = Self.configuration
        config.label = "tokencast.threads.\(name)"
        writer = try DatabaseQueue(configuration: config)
        try Schema.migrator.migrate(writer)
    }

    /// `$XDG_DATA_HOME/tokencast/threads.db`, or `~/.local/share/tokencast/threads.db`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("tokencast/threads.db")
    }

    private static var configuration: Configuration {
        var config = Configuration()
        config.busyMode = .timeout(60)
        config.label = "tokencast.threads"
        config.prepareDatabase { db in
            // Safe in WAL mode: a crash loses at most the last transactions, never consistency.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    /// Refuses a path that is a directory or a file that is not SQLite, reading 16 bytes.
    /// Returns whether there are contents to check (false for no file or an empty one, which is
    /// an empty database).
    static func checkHeader(at path: String) throws -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        if isDirectory.boolValue { throw ThreadStoreError.notADatabase(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ThreadStoreError.cannotOpen(path: path, reason: "permission denied")
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { return false }
        guard header == Data("SQLite format 3\0".utf8) else { throw ThreadStoreError.notADatabase(path: path) }
        return true
    }

    /// ``checkContents(_:path:)`` on a read-only connection of its own.
    ///
    /// A writer in another process (an import) can hold the lock for a moment, e.g. while the
    /// WAL is recovered or checkpointed: this waits as the store itself does (`waitWhenBusy`,
    /// at most 60 s; 0 for the statusline, which must not wait), and a file still busy then
    /// is not opened, rather than called damaged.
    static func checkContentsReadOnly(at path: String, waitWhenBusy: TimeInterval) throws {
        do {
            var config = Configuration()
            config.readonly = true
            config.busyMode = waitWhenBusy > 0 ? .timeout(min(waitWhenBusy, 60)) : .immediateError
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            try queue.read { db in try checkContents(db, path: path) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw ThreadStoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        } catch let error as DatabaseError {
            throw ThreadStoreError.damagedDatabase(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Refuses a SQLite database that another application made or a newer tokencast migrated,
    /// on a connection that has not written to it.
    ///
    /// A busy database (another process's write lock, on a connection that does not wait)
    /// rethrows SQLite's error, which the caller reports as not opened; any other SQLite error
    /// reading the schema means a damaged file.
    static func checkContents(_ db: Database, path: String) throws {
        do {
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            var tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            // GRDB's migrator creates its bookkeeping table before the first migration's
            // transaction (which sets the application id). An import killed between the two
            // leaves that table alone and empty: an unfinished tokencast database with no
            // data in it, which the migrator finishes, not a foreign file.
            if tables == ["grdb_migrations"], try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") == 0 {
                tables = []
            }
            if applicationID == Schema.applicationID {
                if try Schema.migrator.hasBeenSuperseded(db) { throw ThreadStoreError.newerSchema(path: path) }
            } else if !tables.isEmpty || applicationID != 0 {
                let detail =
                    applicationID != 0
                    ? "application_id \(applicationID)"
                    : "tables: \(tables.prefix(5).joined(separator: ", "))"
                throw ThreadStoreError.foreignDatabase(path: path, detail: detail)
            }
        } catch let error as DatabaseError where error.resultCode != .SQLITE_BUSY && error.resultCode != .SQLITE_LOCKED {
            throw ThreadStoreError.damagedDatabase(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    // MARK: - Queries for the fitting layer

    /// Threads, oldest first, optionally of one model and started in `since..<until`.
    ///
    /// `model` matches the stored (dominant) model name exactly.
    public func threads(model: String? = nil, since: Date? = nil, until: Date? = nil) throws -> [ThreadRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let model { conditions.append("model = ?"); arguments += [model] }
        if let since { conditions.append("started_at >= ?"); arguments += [since] }
        if let until { conditions.append("started_at < ?"); arguments += [until] }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM threads \(filter) ORDER BY started_at, id", arguments: arguments)
                .map(ThreadRecord.init(row:))
        }
    }

    /// The requests (turns) of one thread, in turn order.
    public func requests(threadID: Int64) throws -> [RequestRecord] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM requests WHERE thread_id = ? ORDER BY turn_index, id", arguments: [threadID]
            ).map(RequestRecord.init(row:))
        }
    }

    /// Plan quota samples (Codex), oldest first.
    public func rateLimitSamples(since: Date? = nil, until: Date? = nil) throws -> [RateLimitSample] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM rate_limit_samples
                    WHERE (?1 IS NULL OR timestamp >= ?1) AND (?2 IS NULL OR timestamp < ?2)
                    ORDER BY timestamp, window_minutes
                    """,
                arguments: [since, until]
            ).map(RateLimitSample.init(row:))
        }
    }

    /// Every imported file, by path.
    public func sources() throws -> [SourceRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sources ORDER BY path").map(SourceRecord.init(row:))
        }
    }

    /// Stores a fit and returns it with its id.
    /// - Parameters:
    ///   - model: the model the profile describes.
    ///   - since, until: the window of thread data used.
    ///   - payload: the fitted parameters as JSON text.
    @discardableResult
    public func saveFit(model: String, since: Date?, until: Date?, payload: String, createdAt: Date = Date()) throws
        -> FitRecord
    {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO fits (created_at, model, since, until, payload) VALUES (?, ?, ?, ?, ?)",
                arguments: [createdAt, model, since, until, payload])
            let row = try Row.fetchOne(db, sql: "SELECT * FROM fits WHERE id = ?", arguments: [db.lastInsertedRowID])!
            return FitRecord(row: row)
        }
    }

    /// Stored fits, newest first, optionally of one model.
    public func fits(model: String? = nil) throws -> [FitRecord] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM fits WHERE model = coalesce(?, model) ORDER BY created_at DESC, id DESC",
                arguments: [model]
            ).map(FitRecord.init(row:))
        }
    }
}
