import Foundation
import TestSupport
import Testing

/// `import`, `threads` and `prices` as a user runs them: exit codes and exact messages.
@Suite(.serialized) struct StoreAndPricesCommandTests {
    func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-cli-\(UUID().uuidString).db").path
    }

    @Test func importCSVThenSummariseAndReimportAddsNothing() throws {
        let db = temporaryDatabase()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }
        let first = try CommandRunner.run(["import", "csv", "fixtures/logs/csv/threads.csv", "--db", db, "-q"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("threads: 3\n"))
        #expect(
            first.stdout.contains("1 invalid outcome (expected success, failure or abandoned): fixtures/logs/csv/threads.csv:5"))
        let again = try CommandRunner.run(["import", "csv", "fixtures/logs/csv/threads.csv", "--db", db, "-q"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("threads: 0\n"))
        let summary = try CommandRunner.run(["threads", "--db", db, "--format", "csv"])
        #expect(summary.status == 0)
        #expect(summary.stdout.contains("claude-sonnet-4-5,2025-09,2,15,"))
    }

    /// The Claude Code fixtures and the CSV request rows (as ThreadStoreTests' summary store).
    func summaryDatabase() throws -> String {
        let db = temporaryDatabase()
        #expect(
            try CommandRunner.run(["import", "claude-code", "fixtures/logs/claude-code/projects", "--db", db, "-q"]).status == 0)
        #expect(try CommandRunner.run(["import", "csv", "fixtures/logs/csv/requests.csv", "--db", db, "-q"]).status == 0)
        return db
    }

    @Test func threadsCSV() throws {
        let db = try summaryDatabase()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }
        let r = try CommandRunner.run(["threads", "--db", db, "--model", "mystery-model-9", "--format", "csv"])
        #expect(r.status == 0)
        #expect(
            r.stdout == """
                model,month,threads,turns,input,cache_read,cache_write_5m,cache_write_1h,output,reasoning,cost_usd,cache_hit_rate
                mystery-model-9,2025-09,1,1,10,0,0,0,5,0,-,0.0000

                """)
    }

    @Test func threadsTable() throws {
        let db = try summaryDatabase()
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }
        let r = try CommandRunner.run(["threads", "--db", db, "--model", "mystery-model-9"])
        #expect(r.status == 0)
        #expect(
            r.stdout == """
                model            month    threads  turns  input  cache_read  cache_write_5m  cache_write_1h  output  reasoning  cost_usd  cache_hit_rate
                mystery-model-9  2025-09        1      1     10           0               0               0       5          0         -            0.0%
                total                           1      1     10           0               0               0       5          0         -            0.0%
                prices: built-in 2026-11-20; cost is API-equivalent at base prices (context tiers not applied)
                unpriced: mystery-model-9 (cost shown as -); the total cost excludes their 1 thread and 1 request; price them with --prices FILE or `tokencast prices --update FILE`

                """)
    }

    @Test func threadsWriteToOutFile() throws {
        let db = try summaryDatabase()
        let path = db + ".json"
        defer { for s in ["", "-wal", "-shm", ".json"] { try? FileManager.default.removeItem(atPath: db + s) } }
        let printed = try CommandRunner.run(["threads", "--db", db, "--format", "json"])
        let written = try CommandRunner.run(["threads", "--db", db, "--format", "json", "--out", path])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        #expect(String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) == printed.stdout)
        #expect(printed.stdout.contains("\"model\" : \"mystery-model-9\""))
    }

    @Test func unknownCSVHeaderExitsTwoNamingTheColumns() throws {
        let r = try CommandRunner.run(["import", "csv", "fixtures/logs/csv/unknown-header.csv", "--db", temporaryDatabase()])
        #expect(r.status == 2)
        #expect(
            r.stderr.hasPrefix(
                "error: fixtures/logs/csv/unknown-header.csv: not a CSV header tokencast knows (found: session, tokens). Expected thread rows with columns thread_id, model, turns (required)"
            ))
    }

    @Test func missingLogDirectoryExitsTwo() throws {
        let db = temporaryDatabase()
        let r = try CommandRunner.run(["import", "claude-code", "/no/such/dir", "--db", db])
        #expect(r.status == 2)
        #expect(r.stderr == "error: /no/such/dir: no such file or directory: check the path.\n")
        // Checked before the database is opened: no empty database is left behind.
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func foreignDatabaseIsRefusedAndLeftUntouched() throws {
        let path = temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("not sqlite at all\n".utf8).write(to: URL(fileURLWithPath: path))
        let r = try CommandRunner.run(["threads", "--db", path])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: \(path) is not a tokencast thread database (not an SQLite file); it was left untouched. Move it away, or pass --db with another path.\n"
        )
        #expect(FileManager.default.contents(atPath: path) == Data("not sqlite at all\n".utf8))
    }

    @Test func pricesResolveDatedNamesInAPriceFile() throws {
        let r = try CommandRunner.run([
            "prices", "claude-sonnet-4-5-20250929", "--prices", "fixtures/prices/litellm-trimmed.json", "--format", "csv",
        ])
        #expect(r.status == 0)
        #expect(r.stdout.contains("claude-sonnet-4-5"))
        #expect(r.stdout.contains("3"))
    }

    @Test func pricesWriteToOutFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-prices-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let printed = try CommandRunner.run(["prices", "claude-sonnet-4-5", "--format", "csv"])
        let written = try CommandRunner.run(["prices", "claude-sonnet-4-5", "--format", "csv", "--out", path])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        #expect(String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) == printed.stdout)
        #expect(printed.stdout.hasPrefix("model,provider,caching,input,output,"))
    }

    @Test func unknownModelExitsTwoWithSuggestions() throws {
        // claude-opus-4-7 is in the LiteLLM snapshot behind the built-in names; 4-9 is in neither.
        let r = try CommandRunner.run(["prices", "claude-opus-4-9"])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: unknown model 'claude-opus-4-9': did you mean 'claude-opus-4-5', 'claude-opus-4-6', 'claude-opus-4-7'?\n"
        )
    }

    @Test func priceFileThatIsNotJSONExitsTwo() throws {
        let r = try CommandRunner.run(["prices", "--prices", "fixtures/scenarios/valid-minimal.yaml"])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: fixtures/scenarios/valid-minimal.yaml:1:3: not valid JSON (Invalid value); fix the file there or download a fresh copy of LiteLLM's model_prices_and_context_window.json\n"
        )
    }

    @Test func htmlReportIsSelfContained() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try CommandRunner.run([
            "run", "fixtures/scenarios/valid-minimal.yaml", "--trials", "40", "--format", "html", "--sensitivity-trials", "0",
            "--out", path,
        ])
        #expect(r.status == 0)
        let html = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<script"))
    }
}
