// Tests: Schema+RequestBins.swift
import Foundation
import GRDB
import Testing

@testable import ThreadStore

/// `request_bins` (Schema+RequestBins.swift) stays equal to the requests it sums, whatever
/// changed them, and `binnedUse` reads the same figures from it as from the requests.
@Suite struct RequestBinsTests {
    typealias Bin = (start: Int, model: String, tokens: TokenCounts)

    /// Every bin, summed from the requests themselves (the path the table replaces).
    static func fromRequests(_ store: ThreadStore, since: Date = .distantPast, until: Date = .distantFuture) throws
        -> [String]
    {
        try store.writer.read { db in
            try ThreadStore.summedBins(db, modelPrefix: "", since: since, until: until).map(Self.text).sorted()
        }
    }

    static func text(_ b: Bin) -> String { "\(b.start) \(b.model) \(b.tokens)" }

    static func viaTable(_ store: ThreadStore, since: Date = .distantPast, until: Date = .distantFuture) throws -> [String] {
        try store.binnedUse(modelPrefix: "", since: since, until: until).map(Self.text).sorted()
    }

    static func csv(_ rows: [String]) -> String {
        "thread_id,turn_index,timestamp,model,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens\n"
            + rows.joined(separator: "\n") + "\n"
    }

    @Test func binsFollowInsertsUpdatesAndDeletes() throws {
        let dir = try TemporaryDirectory()
        let store = try ThreadStore(path: dir.file("threads.db"))
        // Streaming copies of one response (updated in place) and Codex totals.
        _ = try ClaudeCodeImporter(store: store).importLogs(at: [Fixtures.claudeProjects])
        _ = try CodexImporter(store: store).importLogs(at: [Fixtures.codexSessions])
        let file = dir.file("rows.csv")
        try Self.csv([
            "a,1,2025-09-10T10:00:00Z,claude-opus-4-1,100,0,2000,50",
            "a,2,2025-09-10T10:04:59Z,claude-opus-4-1,20,2000,150,80",
            "a,3,2025-09-10T10:05:00Z,claude-sonnet-4-5,7,0,0,9",
            "b,1,2025-09-10T10:02:10Z,claude-opus-4-1,1,2,3,4",
        ]).write(toFile: file, atomically: true, encoding: .utf8)
        _ = try CSVImporter(store: store).importFile(at: file)
        let first = try Self.viaTable(store)
        #expect(try first == Self.fromRequests(store))
        #expect(
            first.contains(
                "1757498400 claude-opus-4-1 \(TokenCounts(input: 121, cacheRead: 2002, cacheWrite5m: 2153, output: 134))"))

        // A corrected file: one row moves to another bin and model, one changes its counts.
        try Self.csv([
            "a,1,2025-09-10T10:00:00Z,claude-opus-4-1,100,0,2000,50",
            "a,2,2025-09-10T10:11:00Z,claude-sonnet-4-5,20,2000,150,80",
            "a,3,2025-09-10T10:05:00Z,claude-sonnet-4-5,7,0,0,900",
            "b,1,2025-09-10T10:02:10Z,claude-opus-4-1,1,2,3,4",
        ]).write(toFile: file, atomically: true, encoding: .utf8)
        _ = try CSVImporter(store: store).importFile(at: file)
        let corrected = try Self.viaTable(store)
        #expect(corrected != first)
        #expect(try corrected == Self.fromRequests(store))

        // A thread deleted with its requests (the cascade) leaves no empty bins behind.
        try store.writer.write { db in
            try db.execute(sql: "DELETE FROM threads WHERE external_id = 'a'")
        }
        #expect(try Self.viaTable(store) == Self.fromRequests(store))
        let emptyBins = try store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM request_bins WHERE requests <= 0")
        }
        #expect(emptyBins == 0)
    }

    @Test func aRangeThatCutsBinsReadsTheCutBinsFromTheRequests() throws {
        let store = try ThreadStore(inMemory: "cut")
        _ = try ClaudeCodeImporter(store: store).importLogs(at: [Fixtures.path("report/projects")])
        let all = try Self.fromRequests(store)
        #expect(all.count > 5)
        let starts = all.compactMap { Int($0.split(separator: " ")[0]) }
        // Cut inside the second bin and inside the last but one, off the 5-minute grid.
        let since = Date(timeIntervalSince1970: Double(starts[1]) + 97.5)
        let until = Date(timeIntervalSince1970: Double(starts[starts.count - 2]) + 211)
        #expect(try Self.viaTable(store, since: since, until: until) == Self.fromRequests(store, since: since, until: until))
        // A range inside one bin.
        let inside = Date(timeIntervalSince1970: Double(starts[0]) + 10)
        #expect(
            try Self.viaTable(store, since: inside, until: inside + 200)
                == Self.fromRequests(store, since: inside, until: inside + 200))
    }
}
