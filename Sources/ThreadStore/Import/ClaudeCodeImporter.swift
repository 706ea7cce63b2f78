import Foundation

/// Imports Claude Code session logs (`<project>/<session>.jsonl`, and sub-agent logs
/// `<project>/<session>/subagents/<agent>.jsonl`) into a ``ThreadStore``.
///
/// A session is a thread; a sub-agent log belongs to its parent session's thread. Each
/// assistant response is one request, de-duplicated on `message.id` + `requestId` (Claude Code
/// writes a response as 2-4 lines: one per content block, plus streaming partials), keeping the
/// line with the largest usage. Lines without usage (user messages, summaries, ...) are counted
/// as ignored; API error messages, `<synthetic>` responses, malformed or non-UTF-8 lines are
/// skipped and reported with `file:line`.
///
/// - Complexity: one pass over each file in 1 MiB chunks; memory does not grow with file size.
public struct ClaudeCodeImporter: Sendable {
    public let store: ThreadStore
    /// Stored as every imported thread's developer (the logs do not name one).
    public var developer: String?

    public init(store: ThreadStore, developer: String? = nil) {
        self.store = store
        self.developer = developer
    }

    /// `$CLAUDE_CONFIG_DIR` entries (comma-separated) with `/projects` appended, then
    /// `~/.config/claude/projects` (or under `$XDG_CONFIG_HOME`) and `~/.claude/projects`.
    public static func defaultDirectories(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String] {
        let home = environment["HOME"] ?? NSHomeDirectory()
        var dirs: [String] = []
        if let configured = environment["CLAUDE_CONFIG_DIR"] {
            for entry in configured.split(separator: ",") {
                let dir = entry.trimmingCharacters(in: .whitespaces)
                if !dir.isEmpty { dirs.append((dir as NSString).appendingPathComponent("projects")) }
            }
        }
        let configHome =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (home as NSString).appendingPathComponent(".config")
        dirs.append((configHome as NSString).appendingPathComponent("claude/projects"))
        dirs.append((home as NSString).appendingPathComponent(".claude/projects"))
        var seen = Set<String>()
        return dirs.filter { seen.insert($0).inserted }
    }

    /// Imports every `*.jsonl` file under `paths` (files or directories), or under the
    /// ``defaultDirectories(environment:)`` that exist when `paths` is empty.
    ///
    /// - Parameter progress: called with (bytes done, bytes in all files) as files are read.
    /// - Returns: what was imported and skipped.
    /// - Throws: ``ThreadStoreError/noSuchPath(_:)`` for a path that does not exist,
    ///   ``ThreadStoreError/noLogDirectory(kind:looked:)`` when `paths` is empty and no default
    ///   directory exists, or a database error. Bad lines and unreadable files never throw.
    public func importLogs(
        at paths: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil
    ) throws -> ImportReport {
        var report = ImportReport()
        var roots = paths
        if roots.isEmpty {
            let defaults = Self.defaultDirectories(environment: environment)
            roots = LogDiscovery.existing(defaults, report: &report)
            if roots.isEmpty { throw ThreadStoreError.noLogDirectory(kind: .claudeCode, looked: defaults) }
        }
        let files = try LogDiscovery.files(under: roots, accept: { $0.hasSuffix(".jsonl") }, report: &report)
        return try store.importFiles(files, kind: .claudeCode, developer: developer, report: report, progress: progress) {
            ClaudeCodeLineParser(threadID: Self.sessionID(forLogAt: $0))
        }
    }

    /// The session a log file belongs to: the file name for `<session>.jsonl`, the session
    /// directory for `<session>/subagents/<agent>.jsonl`, or nil for old-style `agent-*.jsonl`
    /// sidechain logs, whose lines name their session.
    static func sessionID(forLogAt path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent()
        if parent.lastPathComponent == "subagents" {
            return parent.deletingLastPathComponent().lastPathComponent
        }
        let stem = url.deletingPathExtension().lastPathComponent
        return stem.hasPrefix("agent-") ? nil : stem
    }
}

extension ThreadStore {
    /// Imports `files` one transaction each, merging their reports.
    func importFiles(
        _ files: [String], kind: LogKind, developer: String?, report: ImportReport,
        progress: ((Int64, Int64) -> Void)?, makeParser: (String) -> any LogLineParser
    ) throws -> ImportReport {
        var report = report
        var threads = Set<Int64>()
        let total = progress == nil ? 0 : LogDiscovery.totalBytes(files)
        var done: Int64 = 0
        for file in files {
            let (fileReport, touched) = try importFile(
                path: file, kind: kind, developer: developer,
                progress: { n in
                    done += Int64(n)
                    progress?(done, total)
                },
                makeParser: { makeParser(file) })
            report.merge(fileReport)
            threads.formUnion(touched)
        }
        report.threads = threads.count
        return report
    }
}

/// The line parser for one Claude Code log file.
final class ClaudeCodeLineParser: LogLineParser {
    private static let paths = JSONPathSet([
        "type", "timestamp", "sessionId", "requestId", "cwd", "isApiErrorMessage", "costUSD",
        "message.id", "message.model", "message.usage",
        "message.usage.input_tokens", "message.usage.output_tokens",
        "message.usage.cache_creation_input_tokens", "message.usage.cache_read_input_tokens",
        "message.usage.cache_creation.ephemeral_5m_input_tokens",
        "message.usage.cache_creation.ephemeral_1h_input_tokens",
    ])
    private enum Slot {
        static let type = 0, timestamp = 1, sessionId = 2, requestId = 3, cwd = 4, apiError = 5, cost = 6
        static let messageID = 7, model = 8, usage = 9, input = 10, output = 11, cacheCreation = 12
        static let cacheRead = 13, cache5m = 14, cache1h = 15
    }

    /// Line types that carry no usage: counted, not reported.
    static let typesWithoutUsage: Set<String> = [
        "user", "summary", "system", "file-history-snapshot", "queue-operation", "progress", "attachment",
        "custom-title", "tag",
    ]

    private let scanner = JSONFieldScanner(paths: paths)
    private var values = [JSONScalar?](repeating: nil, count: paths.paths.count)
    /// The file's session, or nil to take each line's `sessionId`.
    private let fileThreadID: String?
    private var pending: PendingRequest?

    init(threadID: String?) { fileThreadID = threadID }

    func parse(_ line: LineReader.Line, number: Int, in session: ImportSession) throws {
        guard scanner.read(line, number: number, in: session, into: &values) else { return }
        let sessionID = fileThreadID ?? values[Slot.sessionId]?.string
        if let cwd = values[Slot.cwd]?.string, let sessionID {
            session.setProject(cwd, externalID: sessionID)
        }
        guard let type = values[Slot.type]?.string else { session.skip("line without a type", line: number); return }
        guard type == "assistant" else {
            if Self.typesWithoutUsage.contains(type) {
                session.ignore(type)
            } else {
                session.skip("unknown line type '\(type)'", line: number)
            }
            return
        }
        if values[Slot.apiError]?.bool == true { session.skip("API error message", line: number); return }
        guard let model = values[Slot.model]?.string else {
            session.skip("assistant line without message.model", line: number)
            return
        }
        if model == "<synthetic>" { session.skip("synthetic message (no model call)", line: number); return }
        guard values[Slot.usage] == .object else {
            session.skip("assistant line without message.usage", line: number)
            return
        }
        guard let messageID = values[Slot.messageID]?.string else {
            session.skip("assistant line without message.id", line: number)
            return
        }
        guard let timestampText = values[Slot.timestamp]?.string, let timestamp = Timestamp.parse(timestampText) else {
            session.skip("missing or invalid timestamp", line: number)
            return
        }
        guard let sessionID else { session.skip("line without a sessionId", line: number); return }
        var counts: [Int64] = []
        for slot in [Slot.input, Slot.output, Slot.cacheCreation, Slot.cacheRead, Slot.cache5m, Slot.cache1h] {
            switch values[slot] {
            case nil, .null?: counts.append(0)
            case let value?:
                guard let n = value.int, n >= 0, n <= TokenCounts.maxLogged else {
                    session.skip("invalid token count", line: number); return
                }
                counts.append(n)
            }
        }
        let split = values[Slot.cache5m] != nil || values[Slot.cache1h] != nil
        let tokens = TokenCounts(
            input: counts[0], cacheRead: counts[3],
            cacheWrite5m: split ? counts[4] : counts[2], cacheWrite1h: split ? counts[5] : 0,
            output: counts[1])
        let request = PendingRequest(
            key: "cc:\(messageID):\(values[Slot.requestId]?.string ?? "")",
            threadID: try session.threadID(externalID: sessionID), timestamp: timestamp, model: model,
            tokens: tokens, costUSD: values[Slot.cost]?.double)
        if var current = pending, current.key == request.key {
            if request.isLarger(than: current) {
                let lines = current.lines
                current = request
                current.lines = lines
            }
            current.lines += 1
            pending = current
        } else {
            if let pending { try session.store(pending) }
            pending = request
        }
    }

    func finish(in session: ImportSession) throws {
        if let pending { try session.store(pending) }
        pending = nil
    }
}
