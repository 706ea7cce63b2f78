// Tests: OrgExportBuckets.swift, OrgUsage+Stream.swift, OrgUsage.swift
import Foundation
import TestSupport
import Testing
import ThreadStore

/// `tokencast import anthropic-usage|anthropic-cost|claude-code-analytics|openai-usage|openai-costs|otlp`
/// on the fixtures of fixtures/org-exports (built from the documented response shapes by
/// make-fixtures.py, which prints the hand counts used here).
@Suite struct ImportAdminExportTests {
    static func database() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-admin-\(UUID().uuidString)/t.db").path
    }

    static func fixture(_ name: String) -> String { RepositoryPaths.fixture("org-exports/" + name) }

    @discardableResult
    static func run(_ source: String, _ files: [String], db: String) throws -> CommandResult {
        try CommandRunner.run(["import", source] + files.map(fixture) + ["--db", db, "--quiet"])
    }

    static func tokens(_ t: OrgUsageTotals) -> [Int64] {
        [t.inputTokens, t.outputTokens, t.cacheReadTokens, t.cacheWriteTokens, t.requests]
    }

    @Test func eachReaderGivesTheHandCountedTotals() throws {
        let db = Self.database()
        let cases: [(String, String, [Int64], Double)] = [
            ("anthropic-usage", "anthropic-usage-pages.jsonl", [24720, 5412, 60120, 3606, 0], -1),
            ("anthropic-cost", "anthropic-cost-pages.jsonl", [0, 0, 0, 0, 0], 106.79),
            ("claude-code-analytics", "claude-code-analytics-pages.jsonl", [504090, 144413, 2_259_814, 206873, 0], 74.03),
            ("openai-usage", "openai-usage-pages.jsonl", [184950, 24120, 61650, 0, 78], -1),
            ("openai-costs", "openai-costs-page.json", [0, 0, 0, 0, 0], 28.86),
            ("otlp", "otlp-delta.jsonl", [1350, 420, 10200, 240, 0], 0.141),
        ]
        for (source, file, expected, spend) in cases {
            let r = try Self.run(source, [file], db: db)
            #expect(r.status == 0, "\(source): \(r.stderr)")
            let totals = try ThreadStore(path: db).orgUsageTotals(source: source)
            #expect(Self.tokens(totals) == expected, "\(source)")
            if spend >= 0 {
                #expect(abs(totals.spendUSD - spend) < 1e-6, "\(source): \(totals.spendUSD)")
            } else {
                // Priced from the tokens: every model of the fixture has a catalog price.
                #expect(totals.spendUSD > 0, "\(source)")
                #expect(r.stdout.contains("priced from their tokens"), "\(source): \(r.stdout)")
                #expect(!r.stdout.contains("unpriced models"), "\(source): \(r.stdout)")
            }
        }
    }

    /// Buckets without spend are priced with `--prices` when given: every price doubled, the
    /// spend doubles.
    @Test func pricesFileReplacesTheCatalog() throws {
        let original = RepositoryPaths.fixture("prices/litellm-trimmed.json")
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: original))) as? [String: Any] ?? [:]
        var doubled: [String: Any] = [:]
        for (model, entry) in json {
            guard var fields = entry as? [String: Any] else { doubled[model] = entry; continue }
            for (key, value) in fields where key.contains("cost") {
                if let v = value as? Double { fields[key] = v * 2 }
            }
            doubled[model] = fields
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-prices-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let doubledFile = dir.appendingPathComponent("doubled.json").path
        try JSONSerialization.data(withJSONObject: doubled).write(to: URL(fileURLWithPath: doubledFile))
        func spend(_ prices: String) throws -> Double {
            let db = Self.database()
            let r = try CommandRunner.run(
                [
                    "import", "anthropic-usage", Self.fixture("anthropic-usage-pages.jsonl"), "--db", db, "--quiet", "--prices",
                    prices,
                ])
            #expect(r.status == 0, "\(r.stderr)")
            return try ThreadStore(path: db).orgUsageTotals(source: "anthropic-usage").spendUSD
        }
        let base = try spend(original)
        #expect(base > 0)
        #expect(abs(try spend(doubledFile) - 2 * base) < 1e-9 * base)
    }

    @Test func reimportingAndOverlappingFilesAddNothing() throws {
        let db = Self.database()
        try Self.run("anthropic-usage", ["anthropic-usage-pages.jsonl"], db: db)
        let once = try ThreadStore(path: db).orgUsage(source: "anthropic-usage")
        // The same file again, and a JSON array holding two of its pages again (pretty-printed).
        let again = try Self.run("anthropic-usage", ["anthropic-usage-pages.jsonl", "anthropic-usage-array.json"], db: db)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("anthropic-usage-array.json: 2 pages, 8 buckets"), "\(again.stdout)")
        #expect(try ThreadStore(path: db).orgUsage(source: "anthropic-usage") == once)
    }

    @Test func malformedPagesAreSkippedWithTheirPosition() throws {
        let db = Self.database()
        let r = try Self.run("anthropic-usage", ["anthropic-usage-malformed.jsonl"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        let file = Self.fixture("anthropic-usage-malformed.jsonl")
        #expect(r.stdout.contains("skipped 2"), "\(r.stdout)")
        #expect(r.stdout.contains("\(file):2 (page 2): a JSON value that does not close"), "\(r.stdout)")
        #expect(r.stdout.contains("\(file):3 (page 3): an API error response: rate_limit_error: Rate limited"), "\(r.stdout)")
        // Pages 1 and 3 of anthropic-usage-pages.jsonl are in; page 2 is not.
        let days = Set(try ThreadStore(path: db).orgUsage(source: "anthropic-usage").map(\.day))
        #expect(days == ["2026-03-02", "2026-03-04"])
    }

    @Test func consoleCSVWithQuotedFieldsAndABadRow() throws {
        let db = Self.database()
        let r = try Self.run("anthropic-usage", ["anthropic-usage.csv"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains("\(Self.fixture("anthropic-usage.csv")):6: usage_input_tokens_no_cache \"lots\""), "\(r.stdout)")
        let store = try ThreadStore(path: db)
        #expect(Self.tokens(try store.orgUsageTotals(source: "anthropic-usage")) == [5200, 940, 8500, 375, 0])
        #expect(try store.orgUsage(source: "anthropic-usage").contains { $0.team == "mobile, ios" && $0.user == "apikey_03C" })
    }

    @Test func otlpCumulativeDifferencedEqualsDelta() throws {
        let db = Self.database()
        #expect(try Self.run("otlp", ["otlp-delta.jsonl"], db: db).status == 0)
        let cdb = Self.database()
        let r = try Self.run("otlp", ["otlp-cumulative.jsonl"], db: cdb)
        #expect(r.status == 0, "\(r.stderr)")
        func key(_ rows: [OrgUsageRow]) -> [String] {
            rows.map {
                "\($0.user) \($0.day) \($0.model) \($0.team) \($0.inputTokens) \($0.outputTokens) "
                    + "\($0.cacheReadTokens) \($0.cacheWriteTokens) " + String(format: "%.6f", $0.spendUSD)
            }
        }
        let delta = try ThreadStore(path: db).orgUsage(source: "otlp")
        let cumulative = try ThreadStore(path: cdb).orgUsage(source: "otlp")
        #expect(key(delta) == key(cumulative))
        // Day one of alice: the two readings of that day (100 + 50 input); day two: 300.
        #expect(delta.filter { $0.user == "alice@example.com" }.map(\.inputTokens) == [150, 300])
        // The logs line (with prompt text) is never read into the store.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cdb))
        #expect(bytes.range(of: Data("SECRET-PROMPT-TEXT".utf8)) == nil)
        // Imported again, cumulative readings change nothing.
        #expect(try Self.run("otlp", ["otlp-cumulative.jsonl"], db: cdb).status == 0)
        #expect(key(try ThreadStore(path: cdb).orgUsage(source: "otlp")) == key(cumulative))
    }

    @Test func aFileOfAnotherShapeExitsTwoWithTheCommandToUse() throws {
        let db = Self.database()
        let r = try Self.run("anthropic-usage", ["openai-usage-pages.jsonl"], db: db)
        #expect(r.status == 2)
        #expect(
            r.stderr.contains("\(Self.fixture("openai-usage-pages.jsonl")):1 (page 1): this looks like an OpenAI usage page"),
            "\(r.stderr)")
        #expect(r.stderr.contains("use `tokencast import openai-usage"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db), "nothing written, not even the database")
        let csv = try Self.run("openai-costs", ["anthropic-usage.csv"], db: db)
        #expect(csv.status == 2)
        #expect(
            csv.stderr.contains("anthropic-usage.csv:1: a CSV header without the column(s) openai-costs needs"), "\(csv.stderr)")
        let otlp = try Self.run("otlp", ["anthropic-usage.csv"], db: db)
        #expect(otlp.status == 2 && otlp.stderr.contains("anthropic-usage.csv:1: not JSON"), "\(otlp.stderr)")
    }

    @Test func fitOrgRunsOnAnImportedClaudeCodeAnalyticsPanel() throws {
        let db = Self.database()
        let r = try Self.run("claude-code-analytics", ["claude-code-analytics-42d.jsonl"], db: db)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("90 pages, 558 buckets"), "\(r.stdout)")
        #expect(abs(try ThreadStore(path: db).orgUsageTotals(source: "claude-code-analytics").spendUSD - 2449.25) < 1e-6)
        let fit = try CommandRunner.run([
            "fit", "org", "--store", db, "--source", "claude-code-analytics", "--replicates", "10",
        ])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(!fit.stdout.isEmpty)
    }
}
