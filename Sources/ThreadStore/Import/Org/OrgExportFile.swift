import Foundation

/// One admin-export or telemetry file read whole into buckets (deduplicated by key), with the
/// pages or rows it skipped and where.
struct OrgExportFile {
    struct Skipped: Sendable, Equatable {
        /// `file:line (page n)` or `file:line`.
        var position: String
        var reason: String
    }

    var path: String
    var buckets: [OrgExportBucket] = []
    /// Pages (JSON) or data rows (CSV) read.
    var units = 0
    var isCSV = false
    var skipped: [Skipped] = []

    init(path: String, source: OrgExportSource) throws(OrgExportError) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotRead(path: path, reason: "no such file, or not readable")
        }
        let first = data.first {
            !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF)
        }
        guard let first else { throw .empty(path: path, source: source) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            try readJSON(data, source: source)
        } else {
            if source == .otlp { throw .notJSON(path: path, source: source) }
            isCSV = true
            let csv = try OrgExportCSV(text: String(decoding: data, as: UTF8.self), path: path, source: source)
            units = csv.rows
            buckets = csv.buckets
            skipped = csv.skipped.map { Skipped(position: "\(path):\($0.line)", reason: $0.reason) }
        }
    }

    private mutating func readJSON(_ data: Data, source: OrgExportSource) throws(OrgExportError) {
        let pages = JSONPages(data: data)
        var firstProblem: (line: Int, reason: String)?
        for b in pages.broken {
            skipped.append(Skipped(position: "\(path):\(b.line) (page \(b.index))", reason: b.reason))
            if firstProblem == nil { firstProblem = (b.line, b.reason) }
        }
        var read: [(Int, [OrgExportBucket])] = []
        for page in pages.pages {
            if let found = OrgExportSource.detect(page.object), found != source {
                throw .otherSource(path: path, line: page.line, page: page.index, expected: source, found: found)
            }
            let position = "\(path):\(page.line) (page \(page.index))"
            if let message = OrgExportSource.apiError(page.object) {
                skipped.append(Skipped(position: position, reason: "an API error response: \(message)"))
                if firstProblem == nil { firstProblem = (page.line, "an API error response: \(message)") }
                continue
            }
            do throws(OrgExportPageProblem) {
                let list = try Self.buckets(page.object, source: source)
                if let problem = list.lazy.compactMap(\.outOfRange).first { throw OrgExportPageProblem(problem) }
                read.append((page.index, list))
            } catch {
                skipped.append(Skipped(position: position, reason: error.reason))
                if firstProblem == nil { firstProblem = (page.line, error.reason) }
            }
        }
        if read.isEmpty, let firstProblem {
            throw .notThisShape(path: path, line: firstProblem.line, expected: source, reason: firstProblem.reason)
        }
        units = read.count
        skipped.sort { $0.position.localizedStandardCompare($1.position) == .orderedAscending }
        // The same bucket twice in one file (a page saved twice) counts once: the later copy
        // wins; a cumulative series' day keeps its largest reading.
        var byKey: [String: Int] = [:]
        for (_, list) in read {
            for bucket in list {
                if let at = byKey[bucket.key] {
                    if bucket.cumulativeSeries != nil {
                        buckets[at] = Self.larger(buckets[at], bucket)
                    } else {
                        buckets[at] = bucket
                    }
                } else {
                    byKey[bucket.key] = buckets.count
                    buckets.append(bucket)
                }
            }
        }
    }

    static func buckets(_ page: [String: Any], source: OrgExportSource) throws(OrgExportPageProblem)
        -> [OrgExportBucket]
    {
        switch source {
        case .anthropicUsage: try AnthropicUsagePage.buckets(in: page)
        case .anthropicCost: try AnthropicCostPage.buckets(in: page)
        case .claudeCodeAnalytics: try ClaudeCodeAnalyticsPage.buckets(in: page)
        case .openaiUsage: try OpenAIUsagePage.buckets(in: page)
        case .openaiCosts: try OpenAICostsPage.buckets(in: page)
        case .otlp: try OTLPMetricsPage.buckets(in: page)
        }
    }

    static func larger(_ a: OrgExportBucket, _ b: OrgExportBucket) -> OrgExportBucket {
        var c = b
        c.requests = max(a.requests, b.requests)
        c.inputTokens = max(a.inputTokens, b.inputTokens)
        c.outputTokens = max(a.outputTokens, b.outputTokens)
        c.cacheReadTokens = max(a.cacheReadTokens, b.cacheReadTokens)
        c.cacheWriteTokens = max(a.cacheWriteTokens, b.cacheWriteTokens)
        if a.spendUSD != nil || b.spendUSD != nil { c.spendUSD = max(a.spendUSD ?? 0, b.spendUSD ?? 0) }
        return c
    }
}
