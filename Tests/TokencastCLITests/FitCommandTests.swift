import Foundation
import TestSupport
import Testing

/// End-to-end tests of `tokencast fit` and `tokencast backtest`: what a user sees.
@Suite(.serialized) struct FitCommandTests {
    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// Runs the debug build's executable from the repository root.
    static func tokencast(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = RepositoryPaths.root.appendingPathComponent(".build/debug/tokencast")
        process.arguments = arguments
        process.currentDirectoryURL = RepositoryPaths.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    static let dir: String = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokencast-cli-fit-\(ProcessInfo.processInfo.processIdentifier)"
        ).path
        try? FileManager.default.removeItem(atPath: d)
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    /// The synthetic fixture imported through the CLI.
    static let database: String = {
        let db = dir + "/threads.db"
        for file in ["requests.csv", "outcomes.csv"] {
            _ = try? tokencast(["import", "csv", RepositoryPaths.fixture("logs/synthetic/\(file)"), "--db", db, "-q"])
        }
        return db
    }()

    @Test func missingDatabaseIsExitTwoWithTheFix() throws {
        let r = try Self.tokencast(["fit", "--db", Self.dir + "/nothing.db"])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: the thread database \(Self.dir)/nothing.db does not exist: import logs first (tokencast import claude-code, codex or csv), or pass --db\n"
        )
    }

    @Test func emptyStoreIsExitTwoWithTheFix() throws {
        let db = Self.dir + "/empty.db"
        _ = try Self.tokencast(["threads", "--db", db])  // creates the empty database
        let r = try Self.tokencast(["fit", "--db", db])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: the thread database \(db) holds no threads in this window: import logs first (tokencast import claude-code, codex or csv), or widen --since/--until\n"
        )
    }

    @Test func unknownModelIsExitTwoAndListsTheKnownOnes() throws {
        let r = try Self.tokencast(["fit", "--db", Self.database, "--model", "gpt-5", "--bootstrap", "0"])
        #expect(r.status == 2)
        #expect(r.stderr == "error: no threads of model 'gpt-5' in this window: pass --model with one of: claude-sonnet-4-5\n")
    }

    @Test func fitStoresAndAScenarioUsesIt() throws {
        let r = try Self.tokencast([
            "fit", "--db", Self.database, "--bootstrap", "20", "--goodness-replicates", "20", "--format", "csv", "-q",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("model,parameter,estimate,lower_95,upper_95\nclaude-sonnet-4-5,one_shot_rate,"))
        let scenario = Self.dir + "/fitted.yaml"
        try """
        db: threads.db
        trials: 100
        developer: {threads_per_day: 3}
        models:
          sonnet: {price: claude-sonnet-4-5, fit: latest}
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let run = try Self.tokencast(["run", scenario, "-q", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func fitWritesToOutFile() throws {
        let path = Self.dir + "/fit.csv"
        let arguments = [
            "fit", "--db", Self.database, "--bootstrap", "2", "--goodness-replicates", "0", "--dry-run", "--format", "csv", "-q",
        ]
        let printed = try Self.tokencast(arguments)
        let written = try Self.tokencast(arguments + ["--out", path])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        #expect(String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) == printed.stdout)
        #expect(printed.stdout.hasPrefix("model,parameter,estimate,lower_95,upper_95\n"))
    }

    @Test func backtestReportsCoverage() throws {
        let r = try Self.tokencast([
            "backtest", "--db", Self.database, "--train-until", "2025-09-29", "--horizon", "14d", "--trials", "200",
            "--bootstrap", "20", "-q",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("threads per working day fitted per developer, day-to-day dispersion pooled"))
        #expect(r.stdout.contains("developers") && r.stdout.contains("inside their P10-P90"))
        let bad = try Self.tokencast(["backtest", "--db", Self.database, "--train-until", "2025-09-29", "--horizon", "soon"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--horizon 'soon' must be a number of days from 1 to 3660, e.g. 30d."))
    }
}
