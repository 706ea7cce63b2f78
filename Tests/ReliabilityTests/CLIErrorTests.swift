import Foundation
import TestSupport
import Testing

/// Errors a user can cause, end to end: exit code 2 and the exact message on standard error.
///
/// Complements the messages pinned elsewhere (ScenarioLoaderTests, PricingTests, ThreadStoreTests,
/// TokencastCLITests); docs/RELIABILITY.md lists which test covers which error.
@Suite struct CLIErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var stderr: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let e = "fixtures/reliability/errors"
    static let scenario = "fixtures/scenarios/valid-minimal.yaml"

    static let cases: [Case] = [
        // Thread database
        Case(
            arguments: ["threads", "--db", "\(e)/not-sqlite.bin"],
            stderr:
                "error: \(e)/not-sqlite.bin is not a tokencast thread database (not an SQLite file); it was left untouched. Move it away, or pass --db with another path.\n"
        ),
        Case(
            arguments: ["threads", "--db", e],
            stderr:
                "error: \(e) is not a tokencast thread database (not an SQLite file); it was left untouched. Move it away, or pass --db with another path.\n"
        ),
        Case(
            arguments: ["threads", "--db", "\(e)/damaged-sqlite.bin"],
            stderr:
                "error: \(e)/damaged-sqlite.bin is a damaged SQLite database (file is not a database); it was left untouched. Restore it from a backup, or move it away and import your logs again.\n"
        ),
        Case(
            arguments: ["threads", "--db", "/proc/1/no-such-dir/threads.db"],
            stderr:
                "error: cannot open the thread database /proc/1/no-such-dir/threads.db: The operation could not be completed. The file doesn’t exist. Pass --db with a writable path.\n"
        ),
        // Import arguments
        Case(
            arguments: ["import", "csv", "fixtures/logs/csv/threads.csv", "--db", "/dev/null/unused.db"],
            stderr:
                "error: cannot open the thread database /dev/null/unused.db: The operation could not be completed. A file with the same name already exists. Pass --db with a writable path.\n"
        ),
        // Price files
        Case(
            arguments: ["run", scenario, "--prices", "no/such.json"],
            stderr:
                "error: no/such.json: cannot read the price file (no such file or no permission); give the path of a LiteLLM model_prices_and_context_window.json, or leave out --prices to use the built-in catalog\n"
        ),
        Case(
            arguments: ["run", scenario, "--prices", "\(e)/not-json.json"],
            stderr:
                "error: \(e)/not-json.json:1:2: not valid JSON (Invalid value); fix the file there or download a fresh copy of LiteLLM's model_prices_and_context_window.json\n"
        ),
        Case(
            arguments: ["run", scenario, "--prices", "\(e)/array.json"],
            stderr:
                "error: \(e)/array.json: the top level is an array, but a LiteLLM price file is a JSON object keyed by model name ({\"gpt-4.1\": {\"input_cost_per_token\": 2e-06, ...}, ...})\n"
        ),
        Case(
            arguments: ["run", "\(e)/embedding-model.yaml", "--prices", "\(e)/litellm-modes.json"],
            stderr:
                "error: \(e)/embedding-model.yaml:4:31: model 'e': \(e)/litellm-modes.json: 'text-embedding-3-small' is an embedding model, not a chat model; pick a chat model (`tokencast prices --prices \(e)/litellm-modes.json` lists them)\n"
        ),
        Case(
            arguments: ["run", "\(e)/unpriced-model.yaml", "--prices", "\(e)/litellm-modes.json"],
            stderr:
                "error: \(e)/unpriced-model.yaml:4:31: model 'e': \(e)/litellm-modes.json: model 'free-model' has no input_cost_per_token or output_cost_per_token; add them to the model's entry in USD per token, or pick another model\n"
        ),
        // Scenario files
        Case(
            arguments: ["run", "\(e)/not-utf8.yaml"],
            stderr: "error: \(e)/not-utf8.yaml: the file is not UTF-8 text: save it as UTF-8\n"),
        Case(
            arguments: ["run", "\(e)/empty.yaml"],
            stderr: "error: \(e)/empty.yaml: the file is empty: see docs/scenarios.md for what a scenario holds\n"),
        Case(
            arguments: ["check", "no/such.yaml"],
            stderr: "error: no/such.yaml: no such file: check the path (scenarios live in scenarios/)\n"),
        // Output
        Case(
            arguments: ["run", scenario, "--out", "/proc/1/no-such-dir/out.json"],
            stderr:
                "error: cannot write /proc/1/no-such-dir/out.json: The operation could not be completed. The file doesn’t exist.\n"
        ),
    ]

    @Test(arguments: cases)
    func exitsTwoWithTheExactMessage(_ c: Case) throws {
        let r = try CommandRunner.run(c.arguments)
        #expect(r.status == 2)
        #expect(r.stderr == c.stderr)
    }

    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-errors-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func aBareDatabaseFileNameWorks() throws {
        // `--db threads.db` (no directory part) used to fail: the store tried to create the
        // directory "" and reported "cannot open the thread database".
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = ["import", "csv", RepositoryPaths.fixture("logs/csv/threads.csv"), "--db", "bare.db", "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: "\(dir)/bare.db"))
    }

    @Test func missingLogPathsAndDefaultDirectories() throws {
        let home = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let db = "\(home)/threads.db"
        let env = ["HOME": home, "XDG_CONFIG_HOME": "", "CLAUDE_CONFIG_DIR": "", "CODEX_HOME": ""]
        var r = try CommandRunner.run(["import", "claude-code", "no/such/dir", "--db", db], environment: env)
        #expect(r.status == 2 && r.stderr == "error: no/such/dir: no such file or directory: check the path.\n")
        r = try CommandRunner.run(["import", "csv", "no/such.csv", "--db", db], environment: env)
        #expect(r.status == 2 && r.stderr == "error: no/such.csv: no such file or directory: check the path.\n")
        r = try CommandRunner.run(["import", "csv", "fixtures/logs/csv/unknown-header.csv", "--db", db], environment: env)
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: fixtures/logs/csv/unknown-header.csv: not a CSV header tokencast knows (found: session, tokens). Expected thread rows with columns thread_id, model, turns (required), started_at, ended_at, developer, project, input_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost_usd, outcome or request rows with columns thread_id, turn_index (required), timestamp, model, developer, project, input_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost_usd.\n"
        )
        r = try CommandRunner.run(["import", "claude-code", "--db", db], environment: env)
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: no Claude Code logs found; looked in \(home)/.config/claude/projects, \(home)/.claude/projects. Pass the log directory as an argument.\n"
        )
        r = try CommandRunner.run(["import", "codex", "--db", db], environment: env)
        #expect(r.status == 2)
        #expect(
            r.stderr == "error: no Codex logs found; looked in \(home)/.codex/sessions. Pass the log directory as an argument.\n")
    }

    @Test func fitWithTooFewThreads() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = "\(dir)/few.db"
        #expect(try CommandRunner.run(["import", "csv", "fixtures/logs/csv/threads.csv", "--db", db, "-q"]).status == 0)
        var r = try CommandRunner.run(["fit", "--db", db])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: no model has 10 or more threads in this window (claude-sonnet-4-5: 2, gpt-5: 1): import more logs or widen --since/--until\n"
        )
        r = try CommandRunner.run(["fit", "--db", db, "--model", "claude-sonnet-4-5"])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: model 'claude-sonnet-4-5' has 2 threads in this window but a fit needs at least 10: import more logs or widen --since/--until\n"
        )
    }

    @Test func fitWithoutOutputTokensIsNotIdentifiable() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = "\(dir)/zero.db"
        #expect(try CommandRunner.run(["import", "csv", "\(Self.e)/zero-output-threads.csv", "--db", db, "-q"]).status == 0)
        let r = try CommandRunner.run(["fit", "--db", db, "--dry-run", "--quiet"])
        #expect(r.status == 2)
        #expect(
            r.stderr == "error: model 'claude-sonnet-4-5': fewer than two threads with positive fresh input and output tokens\n")
    }
}
