import Foundation
import Testing

@testable import ThreadStore

@Suite struct CodexImporterTests {
    @Test func cumulativeTotalsBecomeRequests() throws {
        let store = try ThreadStore(inMemory: #function)
        _ = try CodexImporter(store: store).importLogs(at: [Fixtures.codexSessions])
        let thread = try #require(try store.threads().first)
        #expect(thread.externalID == "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        #expect(thread.sourceKind == .codex)
        #expect(thread.project == "/home/dev/app")
        #expect(thread.turns == 2)
        #expect(thread.tokens == TokenCounts(input: 1000, cacheRead: 1500, output: 180, reasoning: 60))
        #expect(thread.model == "gpt-5-codex")
        let requests = try store.requests(threadID: thread.id)
        #expect(requests.map(\.model) == ["gpt-5-codex", "gpt-5"])
        #expect(
            requests.map(\.tokens) == [
                TokenCounts(input: 800, cacheRead: 200, output: 100, reasoning: 40),
                TokenCounts(input: 200, cacheRead: 1300, output: 80, reasoning: 20),
            ])
    }

    @Test func rateLimitsAreKept() throws {
        let store = try ThreadStore(inMemory: #function)
        _ = try CodexImporter(store: store).importLogs(at: [Fixtures.codexSessions])
        let samples = try store.rateLimitSamples()
        #expect(samples.map(\.windowMinutes) == [300, 10080, 300, 10080, 300, 10080])
        #expect(samples.map(\.usedPercent) == [5, 1, 6, 1.5, 7, 2])
        // resets_in_seconds is kept as the reset time: 9,000 s after the first reading.
        let first = try #require(samples.first?.resetsAt)
        #expect(abs(first.timeIntervalSince(samples[0].timestamp) - 9000) < 0.01)
    }

    /// Newer Codex logs say `resets_at` (Unix seconds); a reset outside the reading's own window
    /// (before it, or further than the window's length) is not kept.
    @Test func resetTimesAreKeptWhenPlausible() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("codex-resets-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let lines = [
            #"{"timestamp":"2026-10-01T10:00:00.000Z","type":"session_meta","payload":{"id":"0199c0de-0000-7000-8000-0000000000aa","cwd":"/w"}}"#,
            #"{"timestamp":"2026-10-01T10:00:00.000Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":10.0,"window_minutes":300,"resets_at":1790856000},"secondary":{"used_percent":2.0,"window_minutes":10080,"resets_at":1700000000}}}}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(
            to: directory.appendingPathComponent("rollout-2026-10-01T10-00-00-0199c0de-0000-7000-8000-0000000000aa.jsonl"),
            atomically: true, encoding: .utf8)
        let store = try ThreadStore(inMemory: #function)
        _ = try CodexImporter(store: store).importLogs(at: [directory.path])
        let samples = try store.rateLimitSamples()
        #expect(samples.count == 2)
        #expect(samples.first { $0.windowMinutes == 300 }?.resetsAt == Date(timeIntervalSince1970: 1_790_856_000))
        #expect(samples.first { $0.windowMinutes == 10080 }?.resetsAt == nil)
    }

    @Test func everyLineIsCounted() throws {
        let store = try ThreadStore(inMemory: #function)
        let report = try CodexImporter(store: store).importLogs(at: [Fixtures.codexSessions])
        #expect(report.lines == 11)
        #expect(report.usedLines == 3)
        #expect(report.duplicateLines == 1)
        #expect(report.ignoredLines == ["session_meta": 1, "turn_context": 2, "response_item": 1, "event_msg": 1])
        #expect(report.skips["malformed JSON"]?.examples == ["\(Fixtures.codexRollout):10"])
        #expect(report.skips["unknown line type 'weird'"]?.examples == ["\(Fixtures.codexRollout):11"])
        #expect(report.rateLimitSamples == 6)
        #expect(report.newRequests == 2)
    }

    /// Issue 13: repeated totals with new rate limits were counted as used ("1674 used, 0
    /// duplicate" on real rollouts); they are duplicates, and the totals do not change.
    @Test func repeatedTotalsAreDuplicatesWhateverTheirRateLimits() throws {
        let store = try ThreadStore(inMemory: #function)
        let report = try CodexImporter(store: store).importLogs(at: [Fixtures.codexRepeats])
        #expect(report.lines == 9)
        #expect(report.usedLines == 3)
        #expect(report.duplicateLines == 4)
        #expect(report.ignoredLines == ["session_meta": 1, "turn_context": 1])
        #expect(report.usedLines + report.duplicateLines + report.ignoredLines.values.reduce(0, +) == report.lines)
        #expect(report.newRequests == 3)
        #expect(report.rateLimitSamples == 14)
        #expect(report.summary.contains("3 used, 4 duplicate"))
        let thread = try #require(try store.threads().first)
        #expect(thread.model == "gpt-5.1-codex-max")
        #expect(thread.tokens == TokenCounts(input: 8_000, cacheRead: 33_000, output: 1_500, reasoning: 800))
        #expect(
            try store.requests(threadID: thread.id).map(\.tokens) == [
                TokenCounts(input: 4_000, cacheRead: 8_000, output: 400, reasoning: 200),
                TokenCounts(input: 2_000, cacheRead: 16_000, output: 500, reasoning: 300),
                TokenCounts(input: 2_000, cacheRead: 9_000, output: 600, reasoning: 300),
            ])
    }

    @Test func reimportingAddsNothing() throws {
        let store = try ThreadStore(inMemory: #function)
        let importer = CodexImporter(store: store)
        _ = try importer.importLogs(at: [Fixtures.codexSessions])
        let before = try store.contentSnapshot()
        let dir = try TemporaryDirectory()
        // A copy under another path is read again: its keys make it add nothing.
        _ = try dir.copy(Fixtures.codexRollout, as: (Fixtures.codexRollout as NSString).lastPathComponent)
        let again = try importer.importLogs(at: [dir.path])
        #expect(again.files == 1)
        #expect(again.newRequests == 0)
        #expect(again.rateLimitSamples == 0)
        #expect(try store.contentSnapshot() == before)
    }

    @Test func defaultDirectoryFollowsCodexHome() {
        #expect(CodexImporter.defaultDirectory(environment: ["CODEX_HOME": "/c", "HOME": "/h"]) == "/c/sessions")
        #expect(CodexImporter.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.codex/sessions")
    }
}
