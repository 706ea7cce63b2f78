import Foundation

/// What an import did: files, lines, threads and requests, and every line it skipped and why.
public struct ImportReport: Sendable, Equatable {
    /// Lines skipped for one reason, with the first few locations (`file:line`).
    public struct Skips: Sendable, Equatable {
        public var count = 0
        public var examples: [String] = []
    }

    /// How many example locations are kept per reason.
    public static let examplesPerReason = 3

    /// Files read and imported.
    public var files = 0
    /// Files skipped because they were imported before and have not changed.
    public var unchangedFiles = 0
    public var bytes: Int64 = 0
    public var lines = 0
    /// Lines that gave a request, or (Codex lines without usage) a quota sample.
    public var usedLines = 0
    /// Repeated lines of a response already seen (streaming partials, one line per content
    /// block; Codex totals equal to the previous one, whatever their rate limits).
    public var duplicateLines = 0
    /// Lines of types that carry no usage (user messages, summaries, ...), by type.
    public var ignoredLines: [String: Int] = [:]
    /// Skipped lines and files, by reason.
    public var skips: [String: Skips] = [:]
    /// Threads created or updated.
    public var threads = 0
    /// Requests added.
    public var newRequests = 0
    /// Requests already stored that a longer line of the same response replaced.
    public var updatedRequests = 0
    /// Plan quota samples added (Codex).
    public var rateLimitSamples = 0
    /// Default directories that do not exist (not an error).
    public var missingDirectories: [String] = []

    public init() {}

    public var skippedLines: Int { skips.values.reduce(0) { $0 + $1.count } }

    mutating func skip(_ reason: String, at location: String) {
        skips[reason, default: Skips()].count += 1
        if skips[reason]!.examples.count < Self.examplesPerReason { skips[reason]!.examples.append(location) }
    }

    mutating func merge(_ other: ImportReport) {
        files += other.files
        unchangedFiles += other.unchangedFiles
        bytes += other.bytes
        lines += other.lines
        usedLines += other.usedLines
        duplicateLines += other.duplicateLines
        ignoredLines.merge(other.ignoredLines, uniquingKeysWith: +)
        for (reason, s) in other.skips {
            var mine = skips[reason, default: Skips()]
            mine.count += s.count
            mine.examples = Array((mine.examples + s.examples).prefix(Self.examplesPerReason))
            skips[reason] = mine
        }
        threads += other.threads
        newRequests += other.newRequests
        updatedRequests += other.updatedRequests
        rateLimitSamples += other.rateLimitSamples
        missingDirectories += other.missingDirectories
    }

    /// The summary printed at the end of an import, one fact per line.
    public var summary: String {
        var out: [String] = []
        var filesLine = "files: \(files) imported"
        if unchangedFiles > 0 { filesLine += ", \(unchangedFiles) unchanged since the last import" }
        out.append(filesLine + " (\(Self.formatBytes(bytes)))")
        out.append(
            "lines: \(lines) read, \(usedLines) used, \(duplicateLines) duplicate, "
                + "\(ignoredLines.values.reduce(0, +)) without usage, \(skippedLines) skipped")
        out.append("threads: \(threads)")
        var requestsLine = "requests: \(newRequests) new"
        if updatedRequests > 0 { requestsLine += ", \(updatedRequests) updated" }
        out.append(requestsLine)
        if rateLimitSamples > 0 { out.append("rate-limit samples: \(rateLimitSamples) new") }
        for dir in missingDirectories { out.append("not found (skipped): \(dir)") }
        if !skips.isEmpty {
            out.append("skipped:")
            for (reason, s) in skips.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }) {
                let more = s.count > s.examples.count ? ", ..." : ""
                out.append("  \(s.count) \(reason): \(s.examples.joined(separator: ", "))\(more)")
            }
        }
        return out.joined(separator: "\n")
    }

    static func formatBytes(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1 << 20 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
        if bytes < 1 << 30 { return String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
        return String(format: "%.2f GiB", Double(bytes) / 1_073_741_824)
    }
}
