import Foundation
import Testing

@testable import ThreadStore

@Suite struct CSVImporterTests {
    @Test func threadRowsAreStoredAndBadRowsReported() throws {
        let store = try ThreadStore(inMemory: #function)
        let path = Fixtures.path("csv/threads.csv")
        let report = try CSVImporter(store: store).importFile(at: path)
        let threads = try store.threads()
        #expect(threads.map(\.externalID) == ["t1", "t2", "t3"])
        let t1 = threads[0]
        #expect(t1.sourceKind == .csv)
        #expect(t1.developer == "alice")
        #expect(t1.model == "claude-sonnet-4-5")
        #expect(t1.turns == 12)
        #expect(t1.tokens == TokenCounts(input: 1200, cacheRead: 50000, cacheWrite5m: 8000, output: 3000))
        #expect(t1.costUSD == 0.42)
        #expect(t1.outcome == .success)
        #expect(t1.startedAt == Timestamp.parse("2025-09-01T10:00:00Z"))
        #expect(threads[1].developer == "bob, jr")
        #expect(threads[1].startedAt == Timestamp.parse("2025-09-02"))
        #expect(threads[1].tokens == TokenCounts())
        #expect(threads[1].outcome == .failure)
        #expect(threads[2].outcome == nil)
        #expect(report.usedLines == 3)
        #expect(report.ignoredLines == ["header": 1])
        #expect(
            report.skips.mapValues(\.examples) == [
                "invalid outcome (expected success, failure or abandoned)": ["\(path):5"],
                "missing value for 'model'": ["\(path):6"],
                "invalid count in 'turns' (expected an integer >= 1)": ["\(path):7"],
                "wrong number of fields (expected 11)": ["\(path):8"],
                "invalid date in 'started_at' (expected ISO 8601, e.g. 2025-10-02T09:14:03Z)": ["\(path):9"],
            ])
    }

    @Test func requestRowsAreSummedIntoThreads() throws {
        let store = try ThreadStore(inMemory: #function)
        let path = Fixtures.path("csv/requests.csv")
        let report = try CSVImporter(store: store).importFile(at: path)
        let threads = try store.threads()
        #expect(threads.map(\.externalID) == ["r1", "r2"])
        #expect(threads[0].turns == 3)
        #expect(threads[0].model == "claude-opus-4-1")
        #expect(threads[0].tokens == TokenCounts(input: 150, cacheRead: 4150, cacheWrite5m: 2240, output: 140))
        #expect(try store.requests(threadID: threads[0].id).map(\.turnIndex) == [1, 2, 3])
        #expect(report.skips["invalid count in 'turn_index' (expected an integer >= 1)"]?.examples == ["\(path):6"])
        #expect(report.newRequests == 4)
    }

    @Test func quotedFieldsMaySpanLines() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("t.csv")
        try Data("\u{FEFF}Thread_ID, model ,turns,project\nq1,gpt-4.1,2,\"multi\nline, \"\"quoted\"\"\"\nq2,gpt-4.1,1,x\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let store = try ThreadStore(inMemory: #function)
        let report = try CSVImporter(store: store).importFile(at: path)
        #expect(try store.threads().map(\.project) == ["multi\nline, \"quoted\"", "x"])
        #expect(report.skippedLines == 0)
    }

    @Test func unterminatedQuoteIsReported() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("t.csv")
        try Data("thread_id,model,turns\nq1,gpt-4.1,2\nq2,\"gpt-4.1,1\n".utf8).write(to: URL(fileURLWithPath: path))
        let store = try ThreadStore(inMemory: #function)
        let report = try CSVImporter(store: store).importFile(at: path)
        #expect(report.skips["unterminated quoted field"]?.examples == ["\(path):3"])
        #expect(try store.threads().count == 1)
    }

    @Test func unknownHeaderNamesTheExpectedColumns() throws {
        let store = try ThreadStore(inMemory: #function)
        let path = Fixtures.path("csv/unknown-header.csv")
        let error = ThreadStoreError.unknownCSVHeader(path: path, found: ["session", "tokens"])
        #expect(throws: error) { try CSVImporter(store: store).importFile(at: path) }
        #expect(
            error.description == """
                \(path): not a CSV header tokencast knows (found: session, tokens). Expected thread rows with columns \
                thread_id, model, turns (required), started_at, ended_at, developer, project, input_tokens, \
                cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost_usd, \
                outcome or request rows with columns thread_id, turn_index (required), timestamp, model, developer, \
                project, input_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, output_tokens, \
                reasoning_tokens, cost_usd.
                """)
    }

    @Test func misspelledColumnIsRefused() {
        #expect(CSVShape(header: ["thread_id", "model", "turns", "inptu_tokens"]) == nil)
        #expect(CSVShape(header: ["thread_id", "model", "turns"]) == .threads)
        #expect(CSVShape(header: ["thread_id", "turn_index", "model"]) == .requests)
    }

    @Test func reimportingAChangedFileReplacesRows() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("r.csv")
        try Data("thread_id,turn_index,input_tokens\na,1,10\na,2,20\n".utf8).write(to: URL(fileURLWithPath: path))
        let store = try ThreadStore(inMemory: #function)
        _ = try CSVImporter(store: store).importFile(at: path)
        try Data("thread_id,turn_index,input_tokens\na,1,10\na,2,5\na,3,1\n".utf8).write(to: URL(fileURLWithPath: path))
        let report = try CSVImporter(store: store).importFile(at: path)
        #expect(report.newRequests == 1)
        #expect(report.updatedRequests == 1)
        #expect(try store.threads().map(\.tokens.input) == [16])
    }
}
