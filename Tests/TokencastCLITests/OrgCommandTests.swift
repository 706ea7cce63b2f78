import Foundation
import TestSupport
import Testing
import ThreadStore

/// End-to-end: `fit org` and `backtest org` on a small panel CSV.
@Suite struct OrgCommandTests {
    static let enabled = FileManager.default.isExecutableFile(atPath: CommandRunner.executable)

    @Test(.enabled(if: enabled))
    func fitOrgWritesAScenarioThatForecastRuns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-org-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("org.yaml").path
        let fit = try CommandRunner.run([
            "fit", "org", "--panel", "fixtures/org/panel-60.csv", "--replicates", "10", "--write", scenario, "--format", "json",
        ])
        #expect(fit.status == 0, "\(fit.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as? [String: Any])
        #expect(json["kind"] as? String == "org-fit")
        #expect(json["developers"] as? Int == 60)
        let profiles = try #require(json["profiles"] as? [[String: Any]])
        #expect((2...4).contains(profiles.count))
        #expect(profiles.compactMap { $0["developers"] as? Int }.reduce(0, +) == 60)
        let text = try String(contentsOfFile: scenario, encoding: .utf8)
        #expect(text.contains("calendar: {start: 2026-07, months: 12"))
        #expect(text.contains("claude-sonnet-4-5: {preset: sonnet-4.5, price: \"claude-sonnet-4-5\"}"))
        let forecast = try CommandRunner.run(["forecast", scenario, "--quiet", "--trials", "100", "--format", "json"])
        #expect(forecast.status == 0, "\(forecast.stderr)")
        let f = try #require(JSONSerialization.jsonObject(with: Data(forecast.stdout.utf8)) as? [String: Any])
        let annual = try #require(((f["organisation"] as? [String: Any])?["annual"] as? [String: Any])?["p50"] as? Double)
        // The panel's 60 developers spend about $38,000 a month (backtest below): a year of it.
        #expect(annual > 12 * 30_000 && annual < 12 * 48_000, "annual P50 \(annual)")
    }

    /// `import litellm` fills the store's panel; `fit org` without --panel reads it and finds
    /// what it finds in the same rows as CSV.
    @Test(.enabled(if: enabled))
    func fitOrgReadsTheStoresPanel() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-org-store-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("threads.db").path
        let csv = try String(
            contentsOfFile: RepositoryPaths.root.appendingPathComponent("fixtures/org/panel-60.csv").path, encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst().map { line -> OrgUsageRow in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return OrgUsageRow(
                user: f[0], day: f[1], model: f[3], team: f[2], requests: Int64(f[4]) ?? 0, inputTokens: 0, outputTokens: 0,
                cacheReadTokens: 0, cacheWriteTokens: 0, spendUSD: Double(f[5]) ?? 0)
        }
        let store = try ThreadStore(path: db)
        try store.writeOrgUsage(
            rows, source: "litellm",
            mark: OrgImportMark(source: "litellm", origin: "test", resumeDay: "2026-06-03", latestEvent: nil, importedAt: Date()))
        let fromStore = try CommandRunner.run(["fit", "org", "--store", db, "--replicates", "5", "--format", "csv"])
        let fromCSV = try CommandRunner.run([
            "fit", "org", "--panel", "fixtures/org/panel-60.csv", "--replicates", "5", "--format", "csv",
        ])
        #expect(fromStore.status == 0, "\(fromStore.stderr)")
        #expect(fromStore.stdout == fromCSV.stdout)
        #expect(fromStore.stdout.split(separator: "\n").count >= 3)
    }

    @Test(.enabled(if: enabled))
    func backtestOrgComparesWholeMonths() throws {
        let r = try CommandRunner.run([
            "backtest", "org", "--panel", "fixtures/org/panel-60.csv", "--train-months", "3", "--trials", "200",
            "--replicates", "5", "--format", "csv",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "team,month,p10,p50,p90,actual,inside")
        // Three teams and the total, April and May (June is partial).
        #expect(lines.count == 1 + 4 * 2)
        #expect(lines.filter { $0.hasPrefix("total,2026-04,") || $0.hasPrefix("total,2026-05,") }.count == 2)
    }

    @Test(
        .enabled(if: enabled),
        arguments: [
            (
                ["fit", "org", "--panel", "fixtures/org/panel-bad-date.csv"],
                "error: fixtures/org/panel-bad-date.csv:3: 'day' is '2026-13-01': expected a date such as 2026-03-14; fix or remove the line\n"
            ),
            (
                ["fit", "org", "--panel", "fixtures/org/panel-open-quote.csv"],
                "error: fixtures/org/panel-open-quote.csv:3: a quote is out of place or never closed: quote the whole field and double any quote inside it (\"a \"\"b\"\"\")\n"
            ),
            (
                ["fit", "org", "--panel", "fixtures/org/panel-header-only.csv"],
                "error: the organisation panel is empty: import usage first (tokencast import litellm --url ..., or fit org --panel FILE.csv)\n"
            ),
            (
                ["fit", "org", "--store", "/nonexistent/threads.db"],
                "error: no usage to fit: import it into the store (tokencast import litellm --url ...) or pass --panel FILE.csv (columns user, day, spend; optional team, model, requests)\n"
            ),
            (
                ["backtest", "org", "--panel", "fixtures/org/panel-60.csv", "--train-months", "5"],
                "error: the panel covers 5 months, so training on 5 leaves nothing to compare: give --train-months between 1 and 4\n"
            ),
        ])
    func badInputExitsWithTwo(arguments: [String], message: String) throws {
        let r = try CommandRunner.run(arguments)
        #expect(r.status == 2)
        #expect(r.stderr == message)
    }
}

/// `--out /dev/null` must write into the device, not rename a regular file over it (which broke
/// every later `> /dev/null` on the machine).
@Suite struct OutToADeviceTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CommandRunner.executable)))
    func outToDevNullLeavesTheDevice() throws {
        let r = try CommandRunner.run(["prices", "claude-opus-4-5", "--out", "/dev/null"])
        #expect(r.status == 0, "\(r.stderr)")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
    }
}

/// `backtest org --trials/--seed` reach the forecast (they were taken by `backtest`, the parent
/// command, which declares the same options, and had no effect).
@Suite struct BacktestOrgOptionsTests {
    @Test func seedAndTrialsReachTheForecast() throws {
        func band(_ extra: [String]) throws -> String {
            let r = try CommandRunner.run(
                ["backtest", "org", "--panel", "fixtures/org/panel-60.csv", "--train-months", "3", "--replicates", "2"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").first { $0.hasPrefix("total     2026-04") }.map(String.init) ?? ""
        }
        let a = try band(["--trials", "100", "--seed", "1"])
        #expect(!a.isEmpty)
        #expect(try band(["--trials", "100", "--seed", "2"]) != a)
        #expect(try band(["--trials", "300", "--seed", "1"]) != a)
        #expect(try band(["--trials", "100", "--seed", "1"]) == a)
    }
}

/// `fit org --seed` reaches the subcommand (the parent `fit` declares `--seed` too).
@Suite struct FitOrgOptionsTests {
    @Test func theSeedReachesTheFitAndTheScenario() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-fit-org-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func scenario(_ extra: [String]) throws -> String {
            let path = (dir as NSString).appendingPathComponent("org\(extra.joined()).yaml")
            let r = try CommandRunner.run(
                ["fit", "org", "--panel", "fixtures/org/panel-60.csv", "--replicates", "10", "--write", path] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        #expect(try scenario([]).contains("\nseed: 42\n"))
        #expect(try scenario(["--seed", "7"]).contains("\nseed: 7\n"))
    }
}
