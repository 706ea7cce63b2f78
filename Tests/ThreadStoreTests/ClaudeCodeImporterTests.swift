// Tests: ImportReport.swift, ImportSession.swift, JSONLLine.swift, ThreadRecord.swift
import Foundation
import Testing

@testable import ThreadStore

@Suite struct ClaudeCodeImporterTests {
    let sonnet = "claude-sonnet-4-5-20250929"
    let haiku = "claude-haiku-4-5-20251001"

    @Test func totalsAreExactAfterDeduplication() throws {
        let store = try ThreadStore(inMemory: #function)
        _ = try ClaudeCodeImporter(store: store).importLogs(at: [Fixtures.claudeProjects])
        let threads = try store.threads()
        #expect(threads.count == 2)
        let a = try #require(threads.first { $0.externalID == "sess-aaaa" })
        // msg_1 (2 lines) + msg_2 (2 lines + a copy in the sub-agent log) + msg_3 + sub-agent msg_s1 (2 lines).
        #expect(a.tokens == TokenCounts(input: 24, cacheRead: 310, cacheWrite5m: 130, cacheWrite1h: 40, output: 112))
        #expect(a.turns == 4)
        #expect(a.model == sonnet)
        #expect(a.project == "/home/dev/app")
        #expect(a.costUSD == 0.01)
        #expect(a.outcome == nil)
        #expect(a.startedAt == Timestamp.parse("2025-10-02T09:00:06Z"))
        #expect(a.endedAt == Timestamp.parse("2025-10-02T09:01:00Z"))
        let requests = try store.requests(threadID: a.id)
        #expect(requests.map(\.requestKey) == ["cc:msg_1:req_1", "cc:msg_2:req_2", "cc:msg_s1:req_s1", "cc:msg_3:req_3"])
        #expect(requests.map(\.turnIndex) == [1, 2, 3, 4])
        #expect(requests.map(\.model) == [sonnet, sonnet, haiku, haiku])
        #expect(requests[0].tokens == TokenCounts(input: 10, cacheWrite5m: 60, cacheWrite1h: 40, output: 50))
        #expect(requests[2].tokens == TokenCounts(input: 4, cacheWrite5m: 50, output: 20))

        let b = try #require(threads.first { $0.externalID == "sess-bbbb" })
        #expect(b.tokens == TokenCounts(input: 7, cacheRead: 1000, cacheWrite5m: 1080, output: 100))
        #expect(b.turns == 2)
        #expect(b.project == "/home/dev/lib")
    }

    @Test func everyLineIsCountedAndSkipsAreReportedWithFileAndLine() throws {
        let store = try ThreadStore(inMemory: #function)
        let report = try ClaudeCodeImporter(store: store).importLogs(at: [Fixtures.claudeProjects])
        #expect(report.files == 3)
        #expect(report.lines == 21)
        #expect(report.usedLines == 6)
        #expect(report.duplicateLines == 4)
        #expect(report.ignoredLines == ["user": 3, "summary": 1])
        #expect(report.skippedLines == 7)
        #expect(report.usedLines + report.duplicateLines + 4 + report.skippedLines == report.lines)
        #expect(report.threads == 2)
        #expect(report.newRequests == 6)
        let a = Fixtures.sessionA
        let size = [Fixtures.sessionA, Fixtures.subagentA, Fixtures.sessionB]
            .map { try! FileManager.default.attributesOfItem(atPath: $0)[.size] as! Int64 }.reduce(0, +)
        #expect(
            report.summary == """
                files: 3 imported (\(ImportReport.formatBytes(size)))
                lines: 21 read, 6 used, 4 duplicate, 4 without usage, 7 skipped
                threads: 2
                requests: 6 new
                skipped:
                  1 API error message: \(a):10
                  1 assistant line without message.usage: \(a):9
                  1 invalid UTF-8: \(a):13
                  1 malformed JSON: \(a):7
                  1 synthetic message (no model call): \(a):11
                  1 truncated last line: \(a):15
                  1 unknown line type 'mystery': \(a):8
                """)
    }

    @Test func reimportingAddsNothing() throws {
        let store = try ThreadStore(inMemory: #function)
        let importer = ClaudeCodeImporter(store: store)
        _ = try importer.importLogs(at: [Fixtures.claudeProjects])
        let before = try store.contentSnapshot()
        let again = try importer.importLogs(at: [Fixtures.claudeProjects])
        #expect(again.files == 0)
        #expect(again.unchangedFiles == 3)
        #expect(again.newRequests == 0)
        #expect(try store.contentSnapshot() == before)
    }

    @Test func touchedButUnchangedFileIsRecognisedByItsHash() throws {
        let dir = try TemporaryDirectory()
        let copy = try dir.copy(Fixtures.sessionB, as: "p/sess-bbbb.jsonl")
        let store = try ThreadStore(inMemory: #function)
        let importer = ClaudeCodeImporter(store: store)
        _ = try importer.importLogs(at: [dir.path])
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: copy)
        let again = try importer.importLogs(at: [dir.path])
        #expect(again.unchangedFiles == 1)
        #expect(again.lines == 0)
    }

    @Test func importingAThenBEqualsImportingBoth() throws {
        let separately = try ThreadStore(inMemory: "separately")
        let together = try ThreadStore(inMemory: "together")
        let app = Fixtures.path("claude-code/projects/-home-dev-app")
        let lib = Fixtures.path("claude-code/projects/-home-dev-lib")
        _ = try ClaudeCodeImporter(store: separately).importLogs(at: [app])
        _ = try ClaudeCodeImporter(store: separately).importLogs(at: [lib])
        _ = try ClaudeCodeImporter(store: together).importLogs(at: [app, lib])
        #expect(try separately.contentSnapshot() == together.contentSnapshot())
        #expect(try separately.contentSnapshot().count == 8)
    }

    @Test func appendedLogImportsOnlyTheNewResponse() throws {
        let dir = try TemporaryDirectory()
        let copy = try dir.copy(Fixtures.sessionB, as: "p/sess-bbbb.jsonl")
        let store = try ThreadStore(inMemory: #function)
        let importer = ClaudeCodeImporter(store: store)
        _ = try importer.importLogs(at: [dir.path])
        let line =
            #"{"type":"assistant","sessionId":"sess-bbbb","timestamp":"2025-11-03T10:01:00Z","requestId":"req_b3","message":{"id":"msg_b3","model":"claude-sonnet-4-5-20250929","usage":{"input_tokens":1,"cache_read_input_tokens":1100,"cache_creation_input_tokens":10,"output_tokens":9}}}"#
        let handle = try #require(FileHandle(forWritingAtPath: copy))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
        try handle.close()
        let again = try importer.importLogs(at: [dir.path])
        #expect(again.newRequests == 1)
        #expect(again.duplicateLines == 2)
        let thread = try #require(try store.threads().first)
        #expect(thread.turns == 3)
        #expect(thread.tokens == TokenCounts(input: 8, cacheRead: 2100, cacheWrite5m: 1090, output: 109))
    }

    @Test func storedDatabaseNeverContainsMessageText() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("threads.db")
        do {
            let store = try ThreadStore(path: path)
            _ = try ClaudeCodeImporter(store: store).importLogs(at: [Fixtures.claudeProjects])
            _ = try CodexImporter(store: store).importLogs(at: [Fixtures.codexSessions])
            #expect(try store.threads().count == 3)
        }
        let secret = Data(Fixtures.secret.utf8)
        #expect(try Data(contentsOf: URL(fileURLWithPath: Fixtures.sessionA)).range(of: secret) != nil)
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)).range(of: secret) == nil)
        }
    }

    @Test func defaultDirectoriesIncludeEveryConfiguredPlace() {
        let dirs = ClaudeCodeImporter.defaultDirectories(environment: [
            "HOME": "/home/u", "CLAUDE_CONFIG_DIR": "/a, /b/c,",
        ])
        #expect(dirs == ["/a/projects", "/b/c/projects", "/home/u/.config/claude/projects", "/home/u/.claude/projects"])
    }

    @Test func missingArgumentDirectoryIsAnError() throws {
        let store = try ThreadStore(inMemory: #function)
        #expect(throws: ThreadStoreError.noSuchPath("/no/such/dir")) {
            try ClaudeCodeImporter(store: store).importLogs(at: ["/no/such/dir"])
        }
        #expect(
            ThreadStoreError.noSuchPath("/no/such/dir").description == "/no/such/dir: no such file or directory: check the path.")
    }

    @Test func missingDefaultDirectoriesAreReportedOrAnError() throws {
        let store = try ThreadStore(inMemory: #function)
        let dir = try TemporaryDirectory()
        let env = ["HOME": dir.path, "CLAUDE_CONFIG_DIR": Fixtures.path("claude-code")]
        let report = try ClaudeCodeImporter(store: store).importLogs(at: [], environment: env)
        #expect(report.newRequests == 6)
        #expect(report.missingDirectories == [dir.path + "/.config/claude/projects", dir.path + "/.claude/projects"])

        let error = ThreadStoreError.noLogDirectory(
            kind: .claudeCode, looked: ["/h/.config/claude/projects", "/h/.claude/projects"])
        #expect(throws: error) {
            try ClaudeCodeImporter(store: store).importLogs(at: [], environment: ["HOME": "/h"])
        }
        #expect(
            error.description == "no Claude Code logs found; looked in /h/.config/claude/projects, "
                + "/h/.claude/projects. Pass the log directory as an argument.")
    }

    @Test func unreadableFileIsSkippedAndReported() throws {
        let store = try ThreadStore(inMemory: #function)
        let report = try store.importFiles(
            ["/no/such/file.jsonl", Fixtures.sessionB], kind: .claudeCode, developer: nil, report: ImportReport(),
            progress: nil
        ) { _ in ClaudeCodeLineParser(threadID: "x") }
        #expect(report.skips["unreadable file (No such file or directory)"]?.examples == ["/no/such/file.jsonl"])
        #expect(report.newRequests == 2)
    }

    @Test func sessionOfALogFollowsItsPath() {
        #expect(ClaudeCodeImporter.sessionID(forLogAt: "/p/proj/abc.jsonl") == "abc")
        #expect(ClaudeCodeImporter.sessionID(forLogAt: "/p/proj/abc/subagents/agent-1.jsonl") == "abc")
        #expect(ClaudeCodeImporter.sessionID(forLogAt: "/p/proj/agent-1.jsonl") == nil)
    }

    @Test func developerIsStored() throws {
        let store = try ThreadStore(inMemory: #function)
        _ = try ClaudeCodeImporter(store: store, developer: "alice").importLogs(at: [Fixtures.sessionB])
        #expect(try store.threads().map(\.developer) == ["alice"])
    }
}
