import Foundation

@testable import ThreadStore

/// Paths of the handwritten logs in `fixtures/logs`, found from this file, not the working
/// directory.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/logs").path

    static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    static let claudeProjects = path("claude-code/projects")
    static let sessionA = path("claude-code/projects/-home-dev-app/sess-aaaa.jsonl")
    static let subagentA = path("claude-code/projects/-home-dev-app/sess-aaaa/subagents/agent-x1.jsonl")
    static let sessionB = path("claude-code/projects/-home-dev-lib/sess-bbbb.jsonl")
    static let codexSessions = path("codex/sessions")
    static let codexRollout = path(
        "codex/sessions/2025/10/02/rollout-2025-10-02T09-14-03-0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.jsonl")
    /// A Codex rollout shaped like CLI 0.104's: every total written twice or three times, the
    /// repeats with fresh rate limits.
    static let codexRepeats = path("codex-repeats")
    static let secret = "tokencast-secret-7f3a9c"
}

/// A fresh temporary directory, removed when the value is deinitialised.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("tokencast-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Copies a fixture into this directory (keeping its relative path) and returns the copy's path.
    func copy(_ fixture: String, as relative: String) throws -> String {
        let destination = file(relative)
        try FileManager.default.createDirectory(
            atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture, toPath: destination)
        return destination
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

extension ThreadStore {
    /// Everything stored except ids and import times, for comparing two stores.
    func contentSnapshot() throws -> [String] {
        try threads().flatMap { t -> [String] in
            let head =
                "\(t.sourceKind.rawValue) \(t.externalID) \(t.model ?? "-") \(t.project ?? "-") "
                + "\(t.startedAt?.timeIntervalSince1970 ?? 0) \(t.endedAt?.timeIntervalSince1970 ?? 0) "
                + "\(t.turns) \(t.tokens) \(t.costUSD ?? -1) \(t.outcome?.rawValue ?? "-")"
            return [head]
                + (try requests(threadID: t.id)).map {
                    "  \($0.turnIndex) \($0.requestKey) \($0.model) \($0.tokens) \($0.timestamp?.timeIntervalSince1970 ?? 0)"
                }
        }
    }
}
