import Composition
import Foundation
import Pricing
import Scenario
import ThreadStore

/// The readers of user input that `make fuzz` drives with libFuzzer, and that
/// `Tests/ReliabilityTests` replays on every input in `fixtures/fuzz/<target>/`.
///
/// Each target takes arbitrary bytes and must either return or throw the library's own error;
/// a crash, a trap (force unwrap, overflow, out-of-range index) or a sanitizer report is a bug.
/// Not thread-safe: libFuzzer and the replay test call it from one thread at a time.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `ScenarioLoader.parse`: YAML to a validated scenario (`fit:` entries resolved in the store).
    case scenario
    /// The Claude Code importer: line reader, JSON field scanner, line parser, store.
    case claudeCode = "claude-code"
    /// The Codex importer.
    case codex
    /// The CSV importer (header, RFC 4180 records, rows).
    case csv
    /// `PriceCatalog(liteLLMData:source:date:)` and a lookup in the catalog it builds.
    case litellm
    /// The statusline's input reader, what it records, and the outlook it computes.
    case statusline

    /// Runs the target on one input. Errors thrown by the library are the expected outcome for
    /// bad input and are returned, not rethrown.
    @discardableResult
    public func run(_ data: Data) -> (any Error)? {
        do {
            switch self {
            case .scenario:
                let text = String(decoding: data, as: UTF8.self)
                _ = try ScenarioLoader.parse(text, file: "fuzz.yaml", fits: StoredFits())
            case .claudeCode:
                let store = try Self.store()
                try Self.withFile(data, name: "session.jsonl") { path in
                    _ = try ClaudeCodeImporter(store: store).importLogs(at: [path])
                }
                _ = try store.summary(model: nil, since: nil, until: nil, catalog: .builtIn)
            case .codex:
                let store = try Self.store()
                try Self.withFile(data, name: "rollout.jsonl") { path in
                    _ = try CodexImporter(store: store).importLogs(at: [path])
                }
                _ = try store.summary(model: nil, since: nil, until: nil, catalog: .builtIn)
            case .csv:
                let store = try Self.store()
                try Self.withFile(data, name: "threads.csv") { path in
                    _ = try CSVImporter(store: store).importFile(at: path)
                }
                _ = try store.summary(model: nil, since: nil, until: nil, catalog: .builtIn)
            case .statusline:
                let input = try StatuslineInput(json: data)
                let store = try Self.store()
                let now = Date(timeIntervalSince1970: 1_764_669_600)
                try store.recordStatusline(input, day: "2025-12-02", at: now, source: "fuzz")
                _ = try store.statuslineCost(day: "2025-12-02")
                let history = try store.useHistory(
                    modelPrefix: "claude", since: now.addingTimeInterval(-30 * 86_400), until: now, catalog: .builtIn)
                for w in input.windows {
                    guard let resets = w.resetsAt else { continue }
                    _ = history.outlook(
                        usedPercent: w.usedPercent, resetsAt: resets, length: TimeInterval(w.minutes * 60), now: now)
                }
            case .litellm:
                let catalog = try PriceCatalog(liteLLMData: data, source: "fuzz.json", date: "2025-01-01")
                for name in catalog.models.prefix(4) { _ = try? catalog.price(of: name) }
            }
            return nil
        } catch {
            return error
        }
    }

    /// One in-memory store per process, shared by every input: creating and migrating a store per
    /// input would take most of the time. Each input is a new file, so nothing is skipped as
    /// already imported, and the store keeps growing as a real one does.
    nonisolated(unsafe) private static var shared: ThreadStore?
    nonisolated(unsafe) private static var inputs = 0

    static func store() throws -> ThreadStore {
        if let shared { return shared }
        let store = try ThreadStore(inMemory: "fuzz")
        shared = store
        return store
    }

    /// Writes `data` to a new file in a per-process directory, runs `body` on its path, removes it.
    static func withFile(_ data: Data, name: String, _ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        inputs += 1
        let file = directory.appendingPathComponent("\(inputs)-\(name)")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try body(file.path)
    }
}
