// Tests: TokenCounts.swift
import Foundation
import PropertyBased
import TestSupport
import Testing
import ThreadStore

/// Idempotence and additivity of the importers over seeded random logs:
/// import(A) twice equals import(A); import(A) then import(A + B) (a log that grew) and
/// import(A) then import(B) (separate files) equal a single import of everything.
@Suite struct ImporterPropertyTests {
    /// What the store holds, without database row ids and import times.
    struct Snapshot: Hashable, CustomStringConvertible {
        struct Thread: Hashable {
            var externalID: String, model: String?, project: String?, turns: Int, tokens: TokenCounts
            var startedAt: Date?, endedAt: Date?
            var requests: [Request]
        }
        struct Request: Hashable {
            var key: String, turn: Int, timestamp: Date?, model: String, tokens: TokenCounts, cost: Double?
        }
        var threads: [Thread]
        var description: String { "\(threads.count) threads, \(threads.map(\.requests.count).reduce(0, +)) requests" }

        init(_ store: ThreadStore) throws {
            threads = try store.threads().map { t in
                Thread(
                    externalID: t.externalID, model: t.model, project: t.project, turns: t.turns, tokens: t.tokens,
                    startedAt: t.startedAt, endedAt: t.endedAt,
                    requests: try store.requests(threadID: t.id).map {
                        Request(
                            key: $0.requestKey, turn: $0.turnIndex, timestamp: $0.timestamp, model: $0.model, tokens: $0.tokens,
                            cost: $0.costUSD)
                    })
            }.sorted { $0.externalID < $1.externalID }
        }
    }

    /// Claude Code lines of a few sessions: responses written as 1-3 lines with growing output
    /// (a later line of the same response may land in B), user lines, an occasional bad line.
    static func claudeLines(seed: UInt64, count: Int) -> [String] {
        var rng = Xoshiro(seed: (seed, 1, 2, 3))
        var lines: [String] = []
        var t = 1_759_400_000.0
        let models = ["claude-sonnet-4-5-20250929", "claude-haiku-4-5", "claude-opus-4-5"]
        var message = 0
        while lines.count < count {
            message += 1
            let session = "s\(Int.random(in: 0..<3, using: &rng))"
            let parts = Int.random(in: 1...3, using: &rng)
            let model = models.randomElement(using: &rng)!
            let input = Int.random(in: 0...5_000, using: &rng), read = Int.random(in: 0...150_000, using: &rng)
            for part in 1...parts {
                t += Double.random(in: 0.5...30, using: &rng)
                let stamp = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: t.rounded()))
                let output = 40 * part + Int.random(in: 0...9, using: &rng)
                lines.append(
                    """
                    {"type":"assistant","sessionId":"\(session)","requestId":"req_\(message)","cwd":"/w/\(session)","timestamp":"\(stamp)","message":{"id":"msg_\(message)","model":"\(model)","usage":{"input_tokens":\(input),"output_tokens":\(output),"cache_read_input_tokens":\(read),"cache_creation_input_tokens":\(message % 7 * 100)}}}
                    """)
            }
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: lines.append("{\"type\":\"user\",\"sessionId\":\"\(session)\",\"message\":{\"content\":\"hi\"}}")
            case 1: lines.append("{\"type\":\"assistant\",\"message\":{\"id\":")
            default: break
            }
        }
        return lines
    }

    static func write(_ lines: some Collection<String>, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
    }

    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-prop-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func importingTheSameLogsTwiceAddsNothing() throws {
        seededPropertyCheck(count: 15, seed: 21, input: zip(Gen.uint64(), Gen.int(in: 1...120))) { seed, count in
            let dir = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try Self.write(Self.claudeLines(seed: seed, count: count), to: "\(dir)/p/session.jsonl")
            let store = try ThreadStore(inMemory: "twice")
            _ = try ClaudeCodeImporter(store: store).importLogs(at: [dir])
            let once = try Snapshot(store)
            let again = try ClaudeCodeImporter(store: store).importLogs(at: [dir])
            #expect(again.newRequests == 0 && again.unchangedFiles == 1)
            #expect(try Snapshot(store) == once)
            // Touched but identical: hashed and skipped; rewritten with the same bytes in a new
            // file time, still nothing new.
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: 5)], ofItemAtPath: "\(dir)/p/session.jsonl")
            _ = try ClaudeCodeImporter(store: store).importLogs(at: [dir])
            #expect(try Snapshot(store) == once)
        }
    }

    @Test func aLogThatGrowsImportsLikeTheWholeLog() throws {
        seededPropertyCheck(count: 15, seed: 22, input: zip(Gen.uint64(), Gen.int(in: 2...120), Gen.double(in: 0...1))) {
            seed, count, cut in
            let lines = Self.claudeLines(seed: seed, count: count)
            let split = Int(Double(lines.count) * cut)
            let dir = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = "\(dir)/p/session.jsonl"
            let store = try ThreadStore(inMemory: "grow")
            try Self.write(lines[..<split], to: path)
            _ = try ClaudeCodeImporter(store: store).importLogs(at: [dir])
            try Self.write(lines, to: path)
            _ = try ClaudeCodeImporter(store: store).importLogs(at: [dir])

            let whole = try ThreadStore(inMemory: "whole")
            _ = try ClaudeCodeImporter(store: whole).importLogs(at: [dir])
            #expect(try Snapshot(store) == Snapshot(whole), "split at \(split) of \(lines.count)")
        }
    }

    @Test func separateFilesImportLikeOneImport() throws {
        seededPropertyCheck(count: 15, seed: 23, input: zip(Gen.uint64(), Gen.int(in: 2...120), Gen.double(in: 0...1))) {
            seed, count, cut in
            // B's sub-agent file joins A's session (same session directory), so threads span files.
            let lines = Self.claudeLines(seed: seed, count: count)
            let split = Int(Double(lines.count) * cut)
            // A sorts before B, so that one import reads the files in the same order as two
            // (a thread's project is the first cwd seen, in reading order).
            let parent = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: parent) }
            let dirA = "\(parent)/a", dirB = "\(parent)/b"
            try Self.write(lines[..<split], to: "\(dirA)/p/session.jsonl")
            try Self.write(lines[split...], to: "\(dirB)/p/session/subagents/agent-1.jsonl")

            let stepwise = try ThreadStore(inMemory: "a-then-b")
            _ = try ClaudeCodeImporter(store: stepwise).importLogs(at: [dirA])
            _ = try ClaudeCodeImporter(store: stepwise).importLogs(at: [dirB])
            let together = try ThreadStore(inMemory: "a-and-b")
            _ = try ClaudeCodeImporter(store: together).importLogs(at: [dirA, dirB])
            let a = try Snapshot(stepwise), b = try Snapshot(together)
            #expect(a == b, "\(Self.difference(a, b))")
        }
    }

    /// The first thread or request where two snapshots differ, for failure messages.
    static func difference(_ a: Snapshot, _ b: Snapshot) -> String {
        guard a.threads.count == b.threads.count else { return "\(a) vs \(b)" }
        for (x, y) in zip(a.threads, b.threads) where x != y {
            if x.requests != y.requests {
                for (r, s) in zip(x.requests, y.requests) where r != s { return "\(x.externalID): \(r) vs \(s)" }
                return "\(x.externalID): \(x.requests.count) vs \(y.requests.count) requests"
            }
            return "\(x) vs \(y)"
        }
        return "equal"
    }

    /// Codex rollouts: cumulative totals, one request per change.
    static func codexLines(seed: UInt64, count: Int) -> [String] {
        var rng = Xoshiro(seed: (seed, 5, 6, 7))
        var lines = [#"{"timestamp":"2025-10-02T09:14:03Z","type":"session_meta","payload":{"id":"codex-prop","cwd":"/w"}}"#]
        var input = 0, cached = 0, output = 0, reasoning = 0
        var t = 1_759_400_000
        while lines.count < count {
            t += Int.random(in: 1...60, using: &rng)
            let stamp = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(t)))
            switch Int.random(in: 0..<8, using: &rng) {
            case 0:
                lines.append(
                    #"{"timestamp":"\#(stamp)","type":"turn_context","payload":{"model":"\#(["gpt-5", "gpt-5-codex"].randomElement(using: &rng)!)"}}"#
                )
            case 1:
                break  // a repeated total: a duplicate
            default:
                let fresh = Int.random(in: 0...4_000, using: &rng)
                input += fresh
                cached += Int.random(in: 0...fresh, using: &rng)
                output += Int.random(in: 0...500, using: &rng)
                reasoning = min(output, reasoning + Int.random(in: 0...100, using: &rng))
            }
            lines.append(
                #"{"timestamp":"\#(stamp)","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":\#(input),"cached_input_tokens":\#(cached),"output_tokens":\#(output),"reasoning_output_tokens":\#(reasoning),"total_tokens":\#(input + output)}}}}"#
            )
        }
        return lines
    }

    @Test func aCodexRolloutThatGrowsImportsLikeTheWholeRollout() throws {
        seededPropertyCheck(count: 15, seed: 24, input: zip(Gen.uint64(), Gen.int(in: 2...80), Gen.double(in: 0...1))) {
            seed, count, cut in
            let lines = Self.codexLines(seed: seed, count: count)
            let split = Int(Double(lines.count) * cut)
            let dir = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = "\(dir)/2025/10/02/rollout-prop.jsonl"
            let store = try ThreadStore(inMemory: "codex-grow")
            try Self.write(lines[..<split], to: path)
            _ = try CodexImporter(store: store).importLogs(at: [dir])
            try Self.write(lines, to: path)
            _ = try CodexImporter(store: store).importLogs(at: [dir])
            let again = try CodexImporter(store: store).importLogs(at: [dir])
            #expect(again.newRequests == 0)

            let whole = try ThreadStore(inMemory: "codex-whole")
            _ = try CodexImporter(store: whole).importLogs(at: [dir])
            #expect(try Snapshot(store) == Snapshot(whole), "split at \(split) of \(lines.count)")
        }
    }

    /// CSV request rows: random threads and turns, some rows repeated (a re-export).
    static func csvRequestRows(seed: UInt64, count: Int) -> [String] {
        var rng = Xoshiro(seed: (seed, 9, 9, 9))
        return (0..<count).map { i in
            let thread = "t\(Int.random(in: 0..<4, using: &rng))"
            let turn = Int.random(in: 1...30, using: &rng)
            let model = ["gpt-5", "claude-sonnet-4-5", "claude-haiku-4-5"].randomElement(using: &rng)!
            return
                "\(thread),\(turn),2025-10-0\(1 + i % 9)T10:00:00Z,\(model),\(Int.random(in: 0...9_000, using: &rng)),\(Int.random(in: 0...90_000, using: &rng)),\(Int.random(in: 0...900, using: &rng)),\(Int.random(in: 0...2_000, using: &rng))"
        }
    }

    static let csvHeader = "thread_id,turn_index,timestamp,model,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens"

    @Test func csvRowsImportedAgainReplaceRatherThanAdd() throws {
        seededPropertyCheck(count: 15, seed: 25, input: zip(Gen.uint64(), Gen.int(in: 1...60), Gen.double(in: 0...1))) {
            seed, count, cut in
            let rows = Self.csvRequestRows(seed: seed, count: count)
            let split = Int(Double(rows.count) * cut)
            let dir = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try Self.write([Self.csvHeader] + rows[..<split], to: "\(dir)/a.csv")
            try Self.write([Self.csvHeader] + rows[split...], to: "\(dir)/b.csv")
            try Self.write([Self.csvHeader] + rows, to: "\(dir)/all.csv")

            let stepwise = try ThreadStore(inMemory: "csv-a-then-b")
            _ = try CSVImporter(store: stepwise).importFile(at: "\(dir)/a.csv")
            _ = try CSVImporter(store: stepwise).importFile(at: "\(dir)/b.csv")
            let once = try Snapshot(stepwise)
            _ = try CSVImporter(store: stepwise).importFile(at: "\(dir)/a.csv")
            _ = try CSVImporter(store: stepwise).importFile(at: "\(dir)/b.csv")
            #expect(try Snapshot(stepwise) == once, "importing the same files again changed the store")

            let together = try ThreadStore(inMemory: "csv-all")
            _ = try CSVImporter(store: together).importFile(at: "\(dir)/all.csv")
            let a = once, b = try Snapshot(together)
            #expect(a == b, "\(Self.difference(a, b))")
        }
    }
}
