// Tests: ThreadStoreError.swift
import Foundation
import GRDB
import Synchronization
import Testing

@testable import ThreadStore

@Suite struct ThreadStoreTests {
    /// A store as the commands open it (a pool) or as the statusline does (one connection,
    /// which checks the file on itself): both refuse the same files.
    static func open(_ path: String, _ singleConnection: Bool) throws -> ThreadStore {
        try ThreadStore(path: path, waitWhenBusy: 60, singleConnection: singleConnection)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(ThreadStore.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/tokencast/threads.db")
        #expect(ThreadStore.defaultPath(environment: ["HOME": "/h", "XDG_DATA_HOME": "/x"]) == "/x/tokencast/threads.db")
    }

    @Test func newDatabaseIsCreatedWithItsDirectory() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("a/b/threads.db")
        _ = try ThreadStore(path: path)
        let reopened = try ThreadStore(path: path)
        #expect(try reopened.threads().isEmpty)
        let id = try DatabaseQueue(path: path).read { try Int32.fetchOne($0, sql: "PRAGMA application_id") }
        #expect(id == Schema.applicationID)
    }

    @Test(arguments: [false, true]) func fileThatIsNotSQLiteIsRefusedAndLeftAlone(singleConnection: Bool) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("threads.db")
        let bytes = Data("these are my notes, not a database\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: ThreadStoreError.notADatabase(path: path)) { try Self.open(path, singleConnection) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(
            ThreadStoreError.notADatabase(path: "/x.db").description
                == "/x.db is not a tokencast thread database (not an SQLite file); it was left untouched. "
                + "Move it away, or pass --db with another path.")
    }

    @Test(arguments: [false, true]) func foreignSQLiteIsRefusedAndLeftAlone(singleConnection: Bool) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("other.db")
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE notes (body TEXT)") }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = ThreadStoreError.foreignDatabase(path: path, detail: "tables: notes")
        #expect(throws: error) { try Self.open(path, singleConnection) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(
            error.description == "\(path) is an SQLite database that tokencast did not create (tables: notes); "
                + "it was left untouched. Pass --db with another path.")
    }

    /// A foreign database left with its WAL beside it (a writer that crashed): refused, and
    /// neither file is touched; a read-write connection would checkpoint the WAL into the file
    /// as it closed.
    @Test(arguments: [false, true]) func foreignSQLiteWithItsWALIsLeftAlone(singleConnection: Bool) throws {
        let dir = try TemporaryDirectory()
        let live = dir.file("live.db"), path = dir.file("other.db")
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        let writer = try DatabaseQueue(path: live, configuration: config)
        try writer.write { db in
            try db.execute(sql: "CREATE TABLE notes (body TEXT)")
            try db.execute(sql: "INSERT INTO notes VALUES ('kept in the WAL')")
        }
        // The files as a crash leaves them: the main file and its WAL, no shared memory.
        try FileManager.default.copyItem(atPath: live, toPath: path)
        try FileManager.default.copyItem(atPath: live + "-wal", toPath: path + "-wal")
        try writer.close()
        let main = try Data(contentsOf: URL(fileURLWithPath: path))
        let wal = try Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
        #expect(!wal.isEmpty)
        #expect(throws: ThreadStoreError.foreignDatabase(path: path, detail: "tables: notes")) {
            try Self.open(path, singleConnection)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == main)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path + "-wal")) == wal)
    }

    /// GRDB creates `grdb_migrations` before the first migration's transaction; an import killed
    /// in between leaves that table alone and empty (seen in CI). The store finishes the file.
    @Test(arguments: [false, true]) func databaseKilledBeforeItsFirstMigrationIsFinished(singleConnection: Bool) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("threads.db")
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        }
        let store = try Self.open(path, singleConnection)
        #expect(try store.threads().isEmpty)
        let id = try DatabaseQueue(path: path).read { try Int32.fetchOne($0, sql: "PRAGMA application_id") }
        #expect(id == Schema.applicationID)
    }

    /// The same table with a migration recorded is somebody else's GRDB database: refused.
    @Test(arguments: [false, true]) func anotherGRDBDatabaseIsRefused(singleConnection: Bool) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("other.db")
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('createNotes')")
        }
        #expect(throws: ThreadStoreError.foreignDatabase(path: path, detail: "tables: grdb_migrations")) {
            try Self.open(path, singleConnection)
        }
    }

    @Test(arguments: [false, true]) func otherApplicationIDIsRefused(singleConnection: Bool) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("other.db")
        try DatabaseQueue(path: path).writeWithoutTransaction { try $0.execute(sql: "PRAGMA application_id = 42") }
        #expect(throws: ThreadStoreError.foreignDatabase(path: path, detail: "application_id 42")) {
            try Self.open(path, singleConnection)
        }
    }

    @Test(arguments: [false, true]) func damagedDatabaseIsRefusedAndLeftAlone(singleConnection: Bool) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("threads.db")
        var bytes = Data("SQLite format 3\0".utf8)
        bytes.append(Data(repeating: 0xA5, count: 4080))
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(throws: ThreadStoreError.damagedDatabase(path: path, reason: "file is not a database")) {
            try Self.open(path, singleConnection)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test(arguments: [false, true]) func databaseFromANewerVersionIsRefused(singleConnection: Bool) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("threads.db")
        do { _ = try ThreadStore(path: path) }
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        }
        #expect(throws: ThreadStoreError.newerSchema(path: path)) { try Self.open(path, singleConnection) }
    }

    @Test func version1DatabaseIsMigrated() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("threads.db")
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "v1")
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO threads (id, source_kind, external_id, model, turns, input_tokens, output_tokens)
                    VALUES (1, 'claude-code', 's1', 'claude-sonnet-4-5', 1, 10, 20);
                    INSERT INTO requests (thread_id, turn_index, model, request_key, input_tokens, output_tokens)
                    VALUES (1, 1, 'claude-sonnet-4-5', 'cc:m:r', 10, 20);
                    """)
            #expect(try db.columns(in: "threads").contains { $0.name == "reasoning_tokens" } == false)
        }
        try old.close()
        let store = try ThreadStore(path: path)
        let thread = try #require(try store.threads().first)
        #expect(thread.tokens == TokenCounts(input: 10, output: 20, reasoning: 0))
        #expect(try store.requests(threadID: 1).map(\.requestKey) == ["cc:m:r"])
        #expect(try store.rateLimitSamples().isEmpty)
        let applied = try store.writer.read { try Schema.migrator.appliedIdentifiers($0) }
        // v1, v2 and every migration appended since.
        #expect(applied.isSuperset(of: ["v1", "v2"]))
        #expect(applied == Set(Schema.migrator.migrations))
    }

    @Test func fitsAreSavedAndListedNewestFirst() throws {
        let store = try ThreadStore(inMemory: #function)
        let since = Date(timeIntervalSince1970: 1_700_000_000)
        try store.saveFit(model: "m", since: since, until: nil, payload: #"{"a":1}"#, createdAt: Date(timeIntervalSince1970: 1))
        let second = try store.saveFit(
            model: "m", since: nil, until: nil, payload: "{}", createdAt: Date(timeIntervalSince1970: 2))
        try store.saveFit(model: "other", since: nil, until: nil, payload: "{}")
        let fits = try store.fits(model: "m")
        #expect(fits.map(\.id) == [second.id, 1])
        #expect(fits[1].since == since)
        #expect(fits[1].payload == #"{"a":1}"#)
        #expect(try store.fits().count == 3)
    }

    @Test func threadsAreFilteredByModelAndTime() throws {
        let store = try ThreadStore(inMemory: #function)
        _ = try ClaudeCodeImporter(store: store).importLogs(at: [Fixtures.claudeProjects])
        #expect(try store.threads(model: "claude-sonnet-4-5-20250929").count == 2)
        #expect(try store.threads(model: "claude-haiku-4-5-20251001").isEmpty)
        let november = try #require(Timestamp.parse("2025-11-01"))
        #expect(try store.threads(since: november).map(\.externalID) == ["sess-bbbb"])
        #expect(try store.threads(until: november).map(\.externalID) == ["sess-aaaa"])
    }

    @Test func twoStoresCanImportIntoOneFileAtOnce() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("threads.db")
        _ = try ThreadStore(path: path)
        let jobs: [@Sendable () throws -> Void] = [
            { _ = try ClaudeCodeImporter(store: ThreadStore(path: path)).importLogs(at: [Fixtures.claudeProjects]) },
            { _ = try CodexImporter(store: ThreadStore(path: path)).importLogs(at: [Fixtures.codexSessions]) },
        ]
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            do { try jobs[i]() } catch { failures.withLock { $0.append("\(error)") } }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(try ThreadStore(path: path).threads().count == 3)
    }
}
