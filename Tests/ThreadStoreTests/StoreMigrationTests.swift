import Foundation
import GRDB
import TestSupport
import Testing

@testable import ThreadStore

/// A store written by an earlier tokencast (fixtures/stores/README.md) opened by this one: it
/// migrates to the organisation panel and keeps every thread, request and source.
@Suite struct StoreMigrationTests {
    static let fixture = RepositoryPaths.fixture("stores/v2-main-14dd2f2.sqlite")

    /// Every row of `table`, as text, read without the store's code (and without migrating).
    static func dump(_ path: String, _ table: String) throws -> [String] {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id").map { row in
                row.columnNames.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " ")
            }
        }
    }

    static func migrations(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    @Test func aStoreFromMainMigratesAndKeepsEveryThread() throws {
        let dir = try TemporaryDirectory()
        let copy = try dir.copy(Self.fixture, as: "threads.db")
        let before = try Self.migrations(copy)
        #expect(before == ["v1", "v2"])
        let threads = try Self.dump(copy, "threads"), requests = try Self.dump(copy, "requests")
        let sources = try Self.dump(copy, "sources")
        #expect(threads.count == 7 && requests.count == 10 && sources.count == 5)

        let store = try ThreadStore(path: copy)
        // Every migration registered since, in the order they are registered.
        #expect(try Self.migrations(copy) == Schema.migrator.migrations)
        #expect(try Self.migrations(copy).contains("v3-org-panel"))
        // The old tables, row for row (the v2 columns included), and through the store's API.
        #expect(try Self.dump(copy, "threads") == threads)
        #expect(try Self.dump(copy, "requests") == requests)
        #expect(try Self.dump(copy, "sources") == sources)
        // The 5-minute bins are filled from the requests already stored.
        let bins = try RequestBinsTests.viaTable(store)
        #expect(try bins.count > 0 && bins == RequestBinsTests.fromRequests(store))
        let stored = try store.threads()
        #expect(stored.count == 7)
        #expect(try stored.map { try store.requests(threadID: $0.id).count }.reduce(0, +) == 10)
        #expect(try store.orgUsage().isEmpty)
        #expect(try store.orgImportMark(source: "litellm") == nil)

        // The panel works in the migrated file, and the file opens again without migrating twice.
        let row = OrgUsageRow(
            user: "alice", day: "2026-01-02", model: "claude-sonnet-4-5", team: "core", requests: 3, inputTokens: 10,
            outputTokens: 20, cacheReadTokens: 30, cacheWriteTokens: 40, spendUSD: 0.5)
        let mark = OrgImportMark(
            source: "litellm", origin: "db:5432/litellm", resumeDay: "2026-01-02", latestEvent: nil, importedAt: Date())
        try store.writeOrgUsage([row], source: "litellm", mark: mark)
        let reopened = try ThreadStore(path: copy)
        #expect(try reopened.orgUsage() == [row])
        #expect(try reopened.threads().count == 7)
    }
}

/// The organisation panel's writes: idempotent upserts keyed by source, user, day, model, team.
@Suite struct OrgUsageStoreTests {
    static func row(_ user: String, _ day: String, team: String = "", requests: Int64 = 1, spend: Double = 1) -> OrgUsageRow {
        OrgUsageRow(
            user: user, day: day, model: "m", team: team, requests: requests, inputTokens: requests * 10,
            outputTokens: requests, cacheReadTokens: 0, cacheWriteTokens: 0, spendUSD: spend)
    }

    static func mark(_ day: String, source: String = "litellm") -> OrgImportMark {
        OrgImportMark(source: source, origin: "h:1/db", resumeDay: day, latestEvent: "\(day)T12:00:00.000", importedAt: Date())
    }

    @Test func writingTheSameDayAgainReplacesItsRowsAndNeverAdds() throws {
        let store = try ThreadStore(inMemory: "org")
        let first = [Self.row("a", "2026-01-01"), Self.row("b", "2026-01-01", team: "t"), Self.row("a", "2026-01-02")]
        try store.writeOrgUsage(first, source: "litellm", mark: Self.mark("2026-01-02"))
        try store.writeOrgUsage(first, source: "litellm", mark: Self.mark("2026-01-02"))
        #expect(try store.orgUsage().count == 3)
        #expect(try store.orgUsageTotals().requests == 3)
        // The boundary day read again with more requests: replaced, not added.
        try store.writeOrgUsage(
            [Self.row("a", "2026-01-02", requests: 5, spend: 4)], source: "litellm", mark: Self.mark("2026-01-03"))
        let totals = try store.orgUsageTotals(source: "litellm")
        #expect(totals.requests == 7 && totals.spendUSD == 6)
        #expect(totals.rows == 3 && totals.users == 2 && totals.days == 2 && totals.teams == 2)
        #expect(try store.orgImportMark(source: "litellm")?.resumeDay == "2026-01-03")
        // Another source with the same keys is kept apart.
        try store.writeOrgUsage([Self.row("a", "2026-01-01")], source: "other", mark: Self.mark("2026-01-01", source: "other"))
        #expect(try store.orgUsage().count == 4)
        #expect(try store.orgUsageTotals(source: "litellm").requests == 7)
        #expect(try store.orgUsageTotals(source: "nothing").rows == 0)
    }
}
