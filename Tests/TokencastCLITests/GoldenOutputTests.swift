// Tests: ForecastDocument.swift, ForecastText.swift, PlanDocument.swift, PlanText.swift, SensitivityText.swift, TeamDiffDocument.swift, TeamForecastDocument.swift, TeamForecastText.swift
// Tests: BacktestCSV.swift, BacktestText.swift, CalibrationCSV.swift, CalibrationText.swift, FitCSV.swift, FitJSON.swift, FitText.swift, OrgBacktestText.swift, OrgFitText.swift, OutlookText.swift
// Tests: CalibrationDocument.swift, FitDocument.swift, OrgFitDocument.swift, OutlookDocument.swift
import Foundation
import TestSupport
import Testing

/// The exact text of each command's normal output (table, and JSON and CSV where the command
/// writes them), against the golden files in
/// fixtures/golden/<name>.txt. Small trial counts and fixed seeds keep them fast in debug.
///
/// Only what must vary is masked before comparing: elapsed seconds (`1.8 s` becomes `<s> s`,
/// JSON's `"elapsed_seconds"` `<s>`), the time a calibration was stored (`<time>`),
/// the temporary directory the databases live in (`<tmp>`) and the repository's directory
/// (`<repo>`, in the file:line of lines an import skipped). Commands that read the clock get
/// `--now`; commands that write a store get one of their own.
///
/// Not covered: `import litellm`, which reads a PostgreSQL server (LiteLLMImportTests, with
/// `make test-postgres`).
///
/// To re-record after an intended change of output, run
/// `TOKENCAST_RECORD_GOLDEN=1 swift test --filter GoldenOutputTests` (or `make golden`) and read
/// the diff of fixtures/golden before committing it.
@Suite(.serialized) struct GoldenOutputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        /// A fixture fed to the command's standard input (`statusline`).
        var stdin: String? = nil
        var testDescription: String { name }
    }

    static let recording = ProcessInfo.processInfo.environment["TOKENCAST_RECORD_GOLDEN"] == "1"

    static let dir: String = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokencast-golden-\(ProcessInfo.processInfo.processIdentifier)"
        ).path
        try? FileManager.default.removeItem(atPath: d)
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    /// The synthetic fixture (fixtures/logs/synthetic) imported through the CLI.
    static let synthetic: String = {
        let db = dir + "/synthetic.db"
        for file in ["requests.csv", "outcomes.csv"] {
            _ = try? CommandRunner.run(["import", "csv", RepositoryPaths.fixture("logs/synthetic/\(file)"), "--db", db, "-q"])
        }
        return db
    }()

    /// The Claude Code fixture logs and the real SWE threads in one store, for `threads`.
    static let mixed: String = {
        let db = dir + "/mixed.db"
        _ = try? CommandRunner.run(["import", "claude-code", "fixtures/logs/claude-code/projects", "--db", db, "-q"])
        _ = try? CommandRunner.run([
            "import", "csv", RepositoryPaths.fixture("real-threads/swe4cc-claude-sonnet-4-5.csv"), "--db", db, "-q",
        ])
        return db
    }()

    /// The `report` fixtures: Claude Code logs over several days and blocks, with an unpriced
    /// model, and a Codex rollout with official rate-limit readings. `statusline` records a
    /// reading in its store, so each statusline case gets a store of its own (`$REPORT:<name>`).
    static func reportStore(_ name: String) -> String {
        let db = dir + "/report-\(name).db"
        if FileManager.default.fileExists(atPath: db) { return db }
        _ = try? CommandRunner.run([
            "import", "claude-code", "fixtures/logs/report/projects", "fixtures/logs/claude-code/projects", "--db", db, "-q",
        ])
        _ = try? CommandRunner.run(["import", "codex", "fixtures/logs/codex/sessions", "--db", db, "-q"])
        return db
    }

    /// The synthetic Codex rollout with rate-limit snapshots, for `calibrate`.
    static let calibration: String = {
        let db = dir + "/calibration.db"
        _ = try? CommandRunner.run(["import", "codex", "fixtures/logs/codex-calibration", "--db", db, "-q"])
        return db
    }()

    /// The same rollout in a store of its own, for `outlook` (which `calibrate`'s stored
    /// calibration would otherwise change).
    static let outlook: String = {
        let db = dir + "/outlook.db"
        _ = try? CommandRunner.run(["import", "codex", "fixtures/logs/codex-calibration", "--db", db, "-q"])
        return db
    }()

    static let cases: [Case] = base + formats

    static let base: [Case] = [
        Case(name: "run", arguments: ["run", "scenarios/solo-developer.yaml", "--trials", "200", "--seed", "1", "-q"]),
        Case(
            name: "check",
            arguments: [
                "check", "scenarios/solo-developer.yaml", "scenarios/startup-team.yaml", "fixtures/scenarios/valid-minimal.yaml",
            ]),
        Case(name: "plans", arguments: ["plans", "scenarios/max-vs-api.yaml", "--trials", "200", "--seed", "1", "-q"]),
        Case(name: "forecast", arguments: ["forecast", "fixtures/team-tiny.yaml", "-q"]),
        Case(name: "diff", arguments: ["diff", "fixtures/team-tiny.yaml", "fixtures/team-tiny-sonnet.yaml", "-q"]),
        Case(
            name: "sensitivity",
            arguments: [
                "sensitivity", "scenarios/solo-developer.yaml", "--trials", "50", "--swing-trials", "20", "--seed", "1", "-q",
            ]),
        Case(name: "prices", arguments: ["prices", "claude-sonnet-4-5", "claude-opus-4-5", "gpt-5.2"]),
        Case(name: "threads", arguments: ["threads", "--db", "$MIXED"]),
        Case(
            name: "fit",
            arguments: [
                "fit", "--db", "$SYNTHETIC", "--bootstrap", "20", "--goodness-replicates", "20", "--seed", "1", "--dry-run", "-q",
            ]),
        Case(
            name: "validate",
            arguments: ["validate", "--db", "$SYNTHETIC", "--threads", "5000", "--bootstrap", "0", "--seed", "1", "-q"]),
        Case(
            name: "backtest",
            arguments: [
                "backtest", "--db", "$SYNTHETIC", "--train-until", "2025-09-29", "--horizon", "14d", "--trials", "100",
                "--bootstrap", "10", "--seed", "1", "-q",
            ]),
        Case(
            name: "import-claude-code",
            arguments: ["import", "claude-code", "fixtures/logs/claude-code/projects", "--db", "$EMPTY:claude-code"]),
        Case(name: "import-codex", arguments: ["import", "codex", "fixtures/logs/codex/sessions", "--db", "$EMPTY:codex"]),
        Case(
            name: "import-csv",
            arguments: [
                "import", "csv", "fixtures/real-threads/swe4cc-claude-sonnet-4-5.csv", "--db", "$EMPTY:csv",
            ]),
        Case(name: "report-daily", arguments: ["report", "daily", "--db", "$REPORT:shared", "--timezone", "UTC"]),
        Case(
            name: "report-weekly",
            arguments: ["report", "weekly", "--db", "$REPORT:shared", "--timezone", "Europe/Paris", "--plan", "Claude Max 5x"]),
        Case(name: "report-monthly", arguments: ["report", "monthly", "--db", "$REPORT:shared", "--timezone", "UTC"]),
        Case(name: "report-session", arguments: ["report", "session", "--db", "$REPORT:shared", "--timezone", "UTC"]),
        Case(
            name: "report-blocks",
            arguments: ["report", "blocks", "--db", "$REPORT:shared", "--timezone", "UTC", "--now", "2025-12-01T15:00:00Z"]),
        Case(
            name: "statusline-subscriber",
            arguments: ["statusline", "--db", "$REPORT:subscriber", "--timezone", "UTC", "--now", "2025-12-02T09:00:00Z"],
            stdin: "statusline/subscriber.json"),
        Case(
            name: "statusline-api-user",
            arguments: ["statusline", "--db", "$REPORT:api-user", "--timezone", "UTC", "--now", "2025-12-02T09:00:00Z"],
            stdin: "statusline/api-user.json"),
        Case(
            name: "import-anthropic-usage",
            arguments: [
                "import", "anthropic-usage", "fixtures/org-exports/anthropic-usage-pages.jsonl",
                "fixtures/org-exports/anthropic-usage-malformed.jsonl", "--db", "$EMPTY:anthropic-usage",
            ]),
        Case(name: "calibrate", arguments: ["calibrate", "--db", "$CALIBRATION", "--plan", "chatgpt-plus"]),
        Case(
            name: "outlook",
            arguments: ["outlook", "--db", "$OUTLOOK", "--timezone", "UTC", "--now", "2026-09-23T21:00:00Z", "--trials", "1000"]),
        Case(
            name: "outlook-backtest",
            arguments: [
                "outlook", "--backtest", "--db", "$OUTLOOK", "--timezone", "UTC", "--now", "2026-09-24T12:00:00Z", "--trials",
                "300",
            ]),
        Case(name: "fit-org", arguments: ["fit", "org", "--panel", "fixtures/org/panel-60.csv", "--replicates", "10"]),
        Case(
            name: "backtest-org",
            arguments: [
                "backtest", "org", "--panel", "fixtures/org/panel-60.csv", "--train-months", "3", "--trials", "100",
                "--replicates", "2",
            ]),
    ]

    /// The same commands' JSON and CSV output, each a golden file of its own (`<name>-json.txt`,
    /// `<name>-csv.txt`), so every renderer of a document is compared, not only the table.
    static let formats: [Case] = {
        let commands = [
            "run", "plans", "forecast", "diff", "sensitivity", "fit", "validate", "backtest", "calibrate", "outlook",
            "fit-org", "backtest-org", "threads", "prices", "report-daily",
        ]
        // `sensitivity` and `outlook` write no CSV (they say so).
        let noCSV: Set<String> = ["sensitivity", "outlook"]
        var out: [Case] = []
        for c in base where commands.contains(c.name) {
            for format in noCSV.contains(c.name) ? ["json"] : ["json", "csv"] {
                out.append(Case(name: "\(c.name)-\(format)", arguments: c.arguments + ["--format", format], stdin: c.stdin))
            }
        }
        return out
    }()

    /// `$SYNTHETIC`, `$MIXED`, `$CALIBRATION`, `$OUTLOOK`, `$REPORT:<name>` (a report store of that name) and
    /// `$EMPTY:<name>` (a path where no store is yet) in an argument.
    static func resolved(_ argument: String) -> String {
        if argument.hasPrefix("$REPORT:") { return reportStore(String(argument.dropFirst("$REPORT:".count))) }
        if argument.hasPrefix("$EMPTY:") {
            let db = dir + "/empty-\(argument.dropFirst("$EMPTY:".count)).db"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            return db
        }
        switch argument {
        case "$SYNTHETIC": return synthetic
        case "$MIXED": return mixed
        case "$CALIBRATION": return calibration
        case "$OUTLOOK": return outlook
        default: return argument
        }
    }

    /// Replaces what varies from run to run: the temporary directory, the repository's directory
    /// and elapsed seconds.
    static func masked(_ text: String) -> String {
        var out = text.replacingOccurrences(of: dir, with: "<tmp>")
        out = out.replacingOccurrences(of: RepositoryPaths.root.path, with: "<repo>")
        out = out.replacingOccurrences(of: #"\b\d+\.\d s\b"#, with: "<s> s", options: .regularExpression)
        out = out.replacingOccurrences(
            of: #""(elapsed_seconds|seconds)" *: *[0-9.e+-]+"#, with: "\"$1\": <s>", options: .regularExpression)
        // An admin-export import's rate, from the elapsed time.
        out = out.replacingOccurrences(of: #", [0-9,]+ buckets/s"#, with: ", <n> buckets/s", options: .regularExpression)
        // When `calibrate` stored its calibration: the clock, not the data.
        out = out.replacingOccurrences(
            of: #""created_at" *: *"[^"]*""#, with: "\"created_at\": <time>", options: .regularExpression)
        return out
    }

    /// Numbers as the commands print them.
    static var number: Regex<(Substring, Substring?, Substring?)> { #/-?[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?/# }

    /// Two lines that are the same but for the last bits of full-precision numbers (relative
    /// difference below 1e-12). OpenBLAS picks its kernels for the processor at run time, so
    /// LAPACK's results (least squares, the calibration's fits) differ in the last bits from one
    /// machine to another; the text and every figure that is printed rounded must still match.
    static func sameUpToRounding(_ a: Substring, _ b: Substring) -> Bool {
        if a == b { return true }
        let na = a.matches(of: number), nb = b.matches(of: number)
        guard na.count == nb.count, a.replacing(number, with: "#") == b.replacing(number, with: "#") else { return false }
        for (x, y) in zip(na, nb) where x.output.0 != y.output.0 {
            guard let u = Double(x.output.0), let v = Double(y.output.0) else { return false }
            if abs(u - v) > 1e-12 * max(abs(u), abs(v)) { return false }
        }
        return true
    }

    @Test func onlyTheLastBitsOfFullPrecisionNumbersMayDiffer() {
        #expect(Self.sameUpToRounding(#""coefficient" : 0.15125817915924572,"#, #""coefficient" : 0.15125817915924578,"#))
        #expect(Self.sameUpToRounding("lower 13448370.097618898 upper 2", "lower 13448370.09761889 upper 2"))
        #expect(!Self.sameUpToRounding("P90 0.1444 in the shortest", "P90 0.1445 in the shortest"))
        #expect(!Self.sameUpToRounding("P90 0.1444 in the shortest", "P90 0.1444 in the longest"))
        #expect(!Self.sameUpToRounding("threads 300", "threads 300 301"))
    }

    @Test(arguments: cases)
    func outputMatchesTheGoldenFile(_ c: Case) throws {
        let arguments = c.arguments.map(Self.resolved)
        let stdin = try c.stdin.map { try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.fixture($0))) }
        let r = try CommandRunner.run(arguments, stdin: stdin)
        #expect(r.status == 0, "\(c.name): \(r.stderr)")
        let actual = Self.masked(r.stdout)
        let path = RepositoryPaths.fixture("golden/\(c.name).txt")
        if Self.recording {
            try FileManager.default.createDirectory(atPath: RepositoryPaths.fixture("golden"), withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        if a.count != e.count || zip(a, e).contains(where: { !Self.sameUpToRounding($0, $1) }) {
            let first =
                zip(a, e).enumerated().first { !Self.sameUpToRounding($0.element.0, $0.element.1) }?.offset
                ?? min(a.count, e.count)
            let got = first < a.count ? String(a[first]) : "<end>"
            let want = first < e.count ? String(e[first]) : "<end>"
            Issue.record(
                "\(c.name): output differs from fixtures/golden/\(c.name).txt at line \(first + 1):\n  expected: \(want)\n  actual:   \(got)\nRe-record with TOKENCAST_RECORD_GOLDEN=1 swift test --filter GoldenOutputTests if the change is intended."
            )
        }
    }
}
