import Foundation

/// Imports OpenAI Codex CLI rollout logs (`YYYY/MM/DD/rollout-*.jsonl`) into a ``ThreadStore``.
///
/// A rollout file is a session, a thread. Token counts come from `event_msg` lines with
/// `payload.type == "token_count"`, whose `payload.info.total_token_usage` is cumulative: each
/// change is one request, its counts the difference from the previous total (repeated totals
/// are dropped; a total that goes down starts a new baseline). `cached_input_tokens` is part of
/// `input_tokens`, so a request's uncached input is `input - cached` and its cache reads are
/// `cached`; `output` includes `reasoning`. The model is the latest `turn_context` line's
/// `payload.model`. `payload.rate_limits` (the 5-hour and weekly windows' `used_percent`) are
/// kept as ``RateLimitSample``s.
public struct CodexImporter: Sendable {
    public let store: ThreadStore
    public var developer: String?

    public init(store: ThreadStore, developer: String? = nil) {
        self.store = store
        self.developer = developer
    }

    /// `$CODEX_HOME/sessions`, or `~/.codex/sessions`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["CODEX_HOME"], !home.isEmpty {
            return (home as NSString).appendingPathComponent("sessions")
        }
        return ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".codex/sessions")
    }

    /// Imports every `rollout-*.jsonl` under `paths` (or the default directory); a path may be
    /// a single file of any name.
    /// - Throws: as ``ClaudeCodeImporter/importLogs(at:environment:progress:)``.
    public func importLogs(
        at paths: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil
    ) throws -> ImportReport {
        var report = ImportReport()
        var roots = paths
        if roots.isEmpty {
            let defaults = [Self.defaultDirectory(environment: environment)]
            roots = LogDiscovery.existing(defaults, report: &report)
            if roots.isEmpty { throw ThreadStoreError.noLogDirectory(kind: .codex, looked: defaults) }
        }
        let files = try LogDiscovery.files(
            under: roots, accept: { $0.hasPrefix("rollout-") && $0.hasSuffix(".jsonl") }, report: &report)
        return try store.importFiles(files, kind: .codex, developer: developer, report: report, progress: progress) {
            CodexLineParser(fileSessionID: Self.sessionID(forLogAt: $0))
        }
    }

    /// The session id in a rollout file name (`rollout-2025-10-02T09-14-03-<uuid>.jsonl`),
    /// or the file name without extension.
    static func sessionID(forLogAt path: String) -> String {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let uuid = String(stem.suffix(36))
        return UUID(uuidString: uuid) != nil ? uuid.lowercased() : stem
    }
}

/// The line parser for one Codex rollout file.
final class CodexLineParser: LogLineParser {
    private static let paths = JSONPathSet([
        "type", "timestamp", "payload.type", "payload.id", "payload.cwd", "payload.model", "payload.info",
        "payload.info.total_token_usage",
        "payload.info.total_token_usage.input_tokens", "payload.info.total_token_usage.cached_input_tokens",
        "payload.info.total_token_usage.output_tokens", "payload.info.total_token_usage.reasoning_output_tokens",
        "payload.rate_limits.primary.used_percent", "payload.rate_limits.primary.window_minutes",
        "payload.rate_limits.secondary.used_percent", "payload.rate_limits.secondary.window_minutes",
        "payload.rate_limits.primary.resets_at", "payload.rate_limits.primary.resets_in_seconds",
        "payload.rate_limits.secondary.resets_at", "payload.rate_limits.secondary.resets_in_seconds",
    ])
    private enum Slot {
        static let type = 0, timestamp = 1, payloadType = 2, payloadID = 3, cwd = 4, model = 5, info = 6
        static let total = 7, input = 8, cached = 9, output = 10, reasoning = 11
        static let primaryUsed = 12, primaryWindow = 13, secondaryUsed = 14, secondaryWindow = 15
        static let primaryResetsAt = 16, primaryResetsIn = 17, secondaryResetsAt = 18, secondaryResetsIn = 19
    }

    static let typesWithoutUsage: Set<String> = ["response_item", "compacted"]

    private let scanner = JSONFieldScanner(paths: paths)
    private var values = [JSONScalar?](repeating: nil, count: paths.paths.count)
    private var sessionID: String
    private var threadID: Int64?
    private var model = "unknown"
    private var previous: [Int64]?
    private var ordinal = 0

    init(fileSessionID: String) { sessionID = fileSessionID }

    private func thread(_ session: ImportSession) throws -> Int64 {
        if let threadID { return threadID }
        let id = try session.threadID(externalID: sessionID)
        threadID = id
        return id
    }

    func parse(_ line: LineReader.Line, number: Int, in session: ImportSession) throws {
        guard scanner.read(line, number: number, in: session, into: &values) else { return }
        guard let type = values[Slot.type]?.string else { session.skip("line without a type", line: number); return }
        switch type {
        case "session_meta":
            if threadID == nil, let id = values[Slot.payloadID]?.string, !id.isEmpty { sessionID = id.lowercased() }
            if let cwd = values[Slot.cwd]?.string { session.setProject(cwd, externalID: sessionID) }
            session.ignore(type)
        case "turn_context":
            if let m = values[Slot.model]?.string, !m.isEmpty { model = m }
            if let cwd = values[Slot.cwd]?.string { session.setProject(cwd, externalID: sessionID) }
            session.ignore(type)
        case "event_msg":
            guard values[Slot.payloadType]?.string == "token_count" else { session.ignore("event_msg"); return }
            try tokenCount(number: number, in: session)
        default:
            if Self.typesWithoutUsage.contains(type) {
                session.ignore(type)
            } else {
                session.skip("unknown line type '\(type)'", line: number)
            }
        }
    }

    /// The scanner slots of the two rate-limit readings a `token_count` line may carry (used
    /// percent, window minutes, resets at, resets in), built once: this runs on every line.
    private static let rateLimitSlots = [
        (Slot.primaryUsed, Slot.primaryWindow, Slot.primaryResetsAt, Slot.primaryResetsIn),
        (Slot.secondaryUsed, Slot.secondaryWindow, Slot.secondaryResetsAt, Slot.secondaryResetsIn),
    ]

    /// The slots of a total's token classes, in the order the totals are read.
    private static let totalSlots = [Slot.input, Slot.cached, Slot.output, Slot.reasoning]

    private func tokenCount(number: Int, in session: ImportSession) throws {
        guard let timestampText = values[Slot.timestamp]?.string, let timestamp = Timestamp.parse(timestampText) else {
            session.skip("missing or invalid timestamp", line: number)
            return
        }
        var used = false
        for (usedSlot, windowSlot, atSlot, inSlot) in Self.rateLimitSlots {
            if let percent = values[usedSlot]?.double, let window = values[windowSlot]?.int, window > 0 {
                // Newer Codex logs say when the window resets (Unix seconds), older ones in how
                // many seconds; a reset before the reading or beyond its window is not kept.
                var resets: Date?
                if let at = values[atSlot]?.double {
                    resets = Date(timeIntervalSince1970: at)
                } else if let seconds = values[inSlot]?.double {
                    resets = timestamp.addingTimeInterval(seconds)
                }
                if let r = resets, !(r >= timestamp && r.timeIntervalSince(timestamp) <= Double(window) * 60 + 120) {
                    resets = nil
                }
                if try session.storeRateLimit(
                    threadID: thread(session), timestamp: timestamp, windowMinutes: Int(window), usedPercent: percent,
                    resetsAt: resets)
                {
                    used = true
                }
            }
        }
        guard values[Slot.info] != nil, values[Slot.info] != .null else {
            if used { session.report.usedLines += 1 } else { session.ignore("token_count without info") }
            return
        }
        guard values[Slot.total] == .object else {
            session.skip("token_count without total_token_usage", line: number)
            return
        }
        var totals: [Int64] = []
        totals.reserveCapacity(Self.totalSlots.count)
        for slot in Self.totalSlots {
            switch values[slot] {
            case nil, .null?: totals.append(0)
            case let value?:
                guard let n = value.int, n >= 0, n <= TokenCounts.maxLogged else {
                    session.skip("invalid token count", line: number); return
                }
                totals.append(n)
            }
        }
        // A repeated total is a duplicate even when its rate limits are new: Codex writes each
        // total twice (when the response ends and again with fresh rate limits), and counting
        // those lines as used made the summary say "0 duplicate" for half a real log. The
        // samples are stored all the same and counted on their own line of the summary.
        if totals == previous {
            session.report.duplicateLines += 1
            return
        }
        var delta = totals
        if let previous, zip(totals, previous).allSatisfy({ $0 >= $1 }) {
            delta = zip(totals, previous).map { $0 - $1 }
        }
        previous = totals
        ordinal += 1
        let tokens = TokenCounts(
            input: max(delta[0] - delta[1], 0), cacheRead: delta[1], output: delta[2], reasoning: delta[3])
        let request = PendingRequest(
            key: "codex:\(sessionID):\(ordinal)", threadID: try thread(session), timestamp: timestamp, model: model,
            tokens: tokens, costUSD: nil)
        try session.store(request)
    }

    func finish(in session: ImportSession) throws {}
}
