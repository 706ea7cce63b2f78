import Foundation
import Pricing
import TestSupport
import Testing
import ThreadStore

/// `report` and `statusline` as a user runs them: exit codes, what they print, what they keep.
@Suite(.serialized) struct ReportAndStatuslineCommandTests {
    final class Directory {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-cli-\(UUID().uuidString)").path
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The report fixture, the Claude Code fixtures and the Codex rollout (official readings).
    func reportDatabase(_ dir: Directory) throws -> String {
        let db = dir.file("threads.db")
        let claude = try CommandRunner.run([
            "import", "claude-code", "fixtures/logs/report/projects", "fixtures/logs/claude-code/projects", "--db", db, "-q",
        ])
        #expect(claude.status == 0)
        #expect(try CommandRunner.run(["import", "codex", "fixtures/logs/codex/sessions", "--db", db, "-q"]).status == 0)
        return db
    }

    /// Runs `tokencast` with `stdin` on its standard input, and `environment` added to ours.
    func run(_ arguments: [String], stdin: Data, environment: [String: String] = [:]) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = RepositoryPaths.root
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        input.fileHandleForWriting.write(stdin)
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.fixture("statusline/\(name)")))
    }

    @Test func blocksTableMarksTheActiveBlockAndUnpricedModels() throws {
        let dir = try Directory()
        let db = try reportDatabase(dir)
        let r = try CommandRunner.run(["report", "blocks", "--db", db, "--timezone", "UTC", "--now", "2025-12-01T15:00:00Z"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("block             end               active  model"))
        #expect(lines.contains { $0.hasPrefix("2025-12-01 13:30  2025-12-01 18:30  active  claude-experimental-x") })
        #expect(lines.contains { $0.hasPrefix("2025-12-02 06:00  2025-12-02 11:00          claude-sonnet-4-5") })
        #expect(r.stdout.contains("$0.0050 + unpriced"))
        #expect(r.stdout.contains("OpenAI 5h 7.0% official, OpenAI weekly 2.0% official"))
        // gpt-5 and gpt-5-codex are priced by the LiteLLM snapshot behind the built-in names, as in
        // every command that prices; only a model no catalog knows stays unpriced.
        #expect(r.stdout.contains("unpriced (tokens counted, cost unknown): claude-experimental-x\n"))
        #expect(lines.contains { $0.contains("gpt-5-codex") && $0.hasSuffix("$0.0020") })
        #expect(r.stdout.contains("times in UTC"))
    }

    @Test func weeklyJSONInParisAndEstimatedShares() throws {
        let dir = try Directory()
        let db = try reportDatabase(dir)
        let r = try CommandRunner.run([
            "report", "weekly", "--db", db, "--timezone", "Europe/Paris", "--plan", "Claude Max 5x", "--format", "json",
            "--since", "2025-12-01",
        ])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["key"] as? String } == ["2025-W49", "2025-W50"])
        let totals = groups.compactMap { ($0["total"] as? [String: Any])?["requests"] as? Int }
        #expect(totals == [6, 2])
        let shares = try #require(groups[0]["window_shares"] as? [[String: Any]])
        #expect(shares.first?["basis"] as? String == "estimated")
        #expect(shares.first?["plan"] as? String == "Claude Max 5x")
        #expect(object["unpriced_models"] as? [String] == ["claude-experimental-x"])
    }

    @Test func csvAndHTMLAndBadArguments() throws {
        let dir = try Directory()
        let db = try reportDatabase(dir)
        let csv = try CommandRunner.run(["report", "daily", "--db", db, "--timezone", "UTC", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(
            csv.stdout.contains(
                "daily,2025-12-01,2025-12-01 00:00,2025-12-02 00:00,,,claude-experimental-x,1,1,10,0,0,0,0,,false,"))
        let page = dir.file("report.html")
        let html = try CommandRunner.run(["report", "session", "--db", db, "--format", "html", "--out", page])
        #expect(html.status == 0)
        let text = try String(contentsOfFile: page, encoding: .utf8)
        #expect(text.contains("<h1>Usage by session</h1>") && text.contains("sess-report"))
        let period = try CommandRunner.run(["report", "hourly", "--db", db])
        #expect(period.status == 2)
        #expect(period.stderr.contains("'daily', 'weekly', 'monthly', 'session' or 'blocks'"))
        let zone = try CommandRunner.run(["report", "daily", "--db", db, "--timezone", "Mars/Olympus"])
        #expect(zone.status == 2 && zone.stderr.contains("not a time zone"))
        let missing = try CommandRunner.run(["report", "daily", "--db", dir.file("none.db")])
        #expect(missing.status == 2 && missing.stderr.contains("does not exist: import logs first"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("none.db")))
    }

    @Test func statuslinePrintsOneLineAndRecordsTheReading() throws {
        let dir = try Directory()
        let db = try reportDatabase(dir)
        let args = ["statusline", "--db", db, "--timezone", "UTC", "--now", "2025-12-02T09:00:00Z"]
        let r = try run(args, stdin: fixture("subscriber.json"))
        #expect(r.status == 0)
        #expect(
            r.stdout
                == "Opus 4.6 · session $1.37 · today $1.37 · 5h 35% ↻2h30m, on pace for 70% · week 17% ↻5d1h, on pace for 61%"
                + " · estimate\n")
        let api = try run(args, stdin: fixture("api-user.json"))
        #expect(api.stdout == "Opus 4.6 · session $1.37 · today $1.37\n")
        // The readings are official shares in `report`.
        let blocks = try CommandRunner.run(["report", "blocks", "--db", db, "--timezone", "UTC", "--since", "2025-12-02"])
        #expect(blocks.stdout.contains("Anthropic 5h 35% official"))
        #expect(!blocks.stdout.contains("Anthropic weekly 22"))  // seven_day_opus is not the plan's share
    }

    /// A stored calibration of Claude's 5-hour window (`tokencast calibrate` on the readings
    /// the statusline recorded) weighs that window's history and names its basis; the weekly
    /// window has none and stays an estimate. A Codex calibration is another gauge: ignored.
    @Test func aCalibrationOfClaudesWindowIsUsedAndNamed() throws {
        let dir = try Directory()
        let db = try reportDatabase(dir)
        let store = try ThreadStore(path: db)
        func save(_ source: String, _ snapshots: Int) throws {
            let weights = PlanCalibration.Kind.allCases.map { kind in
                PlanCalibration.Weight(
                    model: "claude-opus-4-6", kind: kind, tokensSeen: 1e6, identified: true,
                    percentPerMillion: kind == .cacheRead ? 0.1 : 2, percentPerMillionInterval: nil, allowanceTokens: nil,
                    allowanceInterval: nil)
            }
            let c = PlanCalibration(
                windowMinutes: 300, source: source, plan: nil, snapshots: snapshots, pairs: snapshots - 1,
                since: Date(timeIntervalSince1970: 1_764_000_000), until: Date(timeIntervalSince1970: 1_764_600_000),
                weights: weights, hiddenPercentPerHour: 0.5, hiddenInterval: .init(lower: 0, upper: 1), residualRMS: 1,
                dollarAllowance: 40, dollarInterval: nil, resamples: 200, createdAt: Date(timeIntervalSince1970: 1_764_600_000))
            try store.saveCalibration(
                windowMinutes: 300, source: source, plan: nil, snapshots: snapshots, pairs: snapshots - 1, since: c.since,
                until: c.until, payload: try c.json(), createdAt: c.createdAt.addingTimeInterval(Double(snapshots)))
        }
        let args = ["statusline", "--db", db, "--timezone", "UTC", "--now", "2025-12-02T09:00:00Z"]
        try save("codex", 50)
        let codexOnly = try run(args, stdin: fixture("subscriber.json"))
        #expect(codexOnly.stdout.hasSuffix(" · estimate\n"))
        try save("claude-code", 40)
        try save("codex", 60)  // newer, but Codex's
        let r = try run(args, stdin: fixture("subscriber.json"))
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix(" · 5h calibrated from 40 snapshots, week estimate\n"))
        #expect(r.stdout.contains("5h 35% ↻2h30m, "))
    }

    /// A model the built-in names do not price (claude-sonnet-4-6) is priced from the LiteLLM
    /// snapshot behind them, so its past windows give a P(hit); priced as nothing, they would
    /// leave only the pace.
    @Test func pastWindowsOfAModelOnlyTheSnapshotPricesCount() throws {
        let dir = try Directory()
        let db = dir.file("snapshot.db")
        var rows = ["thread_id,turn_index,timestamp,model,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens"]
        for day in 1...12 {
            let date = String(format: "2025-11-%02d", 19 + day)
            for (turn, time) in ["06:40", "08:00", "10:00"].enumerated() {
                rows.append("d\(day),\(turn + 1),\(date)T\(time):00Z,claude-sonnet-4-6,1000,20000,500,800")
            }
        }
        let csv = dir.file("rows.csv")
        try (rows.joined(separator: "\n") + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["import", "csv", csv, "--db", db, "-q"]).status == 0)
        #expect((try? PriceCatalog.builtIn.price(of: "claude-sonnet-4-6")) == nil)
        let r = try run(
            ["statusline", "--db", db, "--timezone", "UTC", "--now", "2025-12-02T09:00:00Z"], stdin: fixture("subscriber.json"))
        #expect(r.status == 0)
        #expect(r.stdout.contains("5h 35% ↻2h30m, P(hit) <1%"))
    }

    /// Without `--timezone`, "today" is the machine's day (`TZ`, read through the C library),
    /// on both the quick and the parsed path: 20:00 UTC is already tomorrow at UTC+14.
    @Test func todayIsTheMachinesDayWithoutATimeZone() throws {
        for (zone, day) in [("Pacific/Kiritimati", "2025-12-03"), ("Pacific/Pago_Pago", "2025-12-02")] {
            let dir = try Directory()
            let db = dir.file("zones.db")
            let r = try run(
                ["statusline", "--db", db, "--now", "2025-12-02T20:00:00Z"], stdin: fixture("api-user.json"),
                environment: ["TZ": zone])
            #expect(r.status == 0 && r.stdout.hasSuffix("today $1.37\n"))
            let store = try ThreadStore(path: db)
            #expect(try store.statuslineCost(day: day) == 1.37)
            #expect(try store.statuslineCost(day: day == "2025-12-03" ? "2025-12-02" : "2025-12-03") == 0)
        }
    }

    /// `--db` and `--timezone` alone are read without argument-parser (StatuslineCommand's
    /// `runQuickly`); anything else still gets argument-parser's messages.
    @Test func theEverydayOptionsAreReadQuicklyAndTheRestByTheParser() throws {
        let dir = try Directory()
        let db = dir.file("quick.db")
        let quick = try run(["statusline", "--db=\(db)", "--timezone=UTC"], stdin: fixture("api-user.json"))
        #expect(quick.status == 0 && quick.stdout == "Opus 4.6 · session $1.37 · today $1.37\n")
        #expect(FileManager.default.fileExists(atPath: db))
        let zone = try run(["statusline", "--db", db, "--timezone", "Nowhere/Zone"], stdin: fixture("api-user.json"))
        #expect(zone.status == 2 && zone.stderr.contains("is not a time zone"))
        let typo = try run(["statusline", "--dbb", db], stdin: fixture("api-user.json"))
        #expect(typo.status == 2 && typo.stderr.contains("--dbb"))
        let help = try run(["statusline", "--help"], stdin: Data())
        #expect(help.status == 0 && help.stdout.contains("Claude Code statusline"))
    }

    @Test func malformedInputPrintsAFallbackRecordsNothingAndLogs() throws {
        let dir = try Directory()
        let db = dir.file("threads.db")
        for name in ["malformed.json", "wrong-type.json"] {
            let r = try run(["statusline", "--db", db], stdin: fixture(name))
            #expect(r.status == 0)
            #expect(r.stdout == "tokencast: no status (see statusline.log)\n")
            #expect(r.stderr.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: db))
        let log = try String(contentsOfFile: dir.file("statusline.log"), encoding: .utf8)
        #expect(log.contains("malformed input: not JSON"))
        #expect(log.contains("rate_limits.five_hour.used_percentage is not a number"))
    }
}
