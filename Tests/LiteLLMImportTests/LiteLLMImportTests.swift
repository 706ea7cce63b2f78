// Tests: LiteLLMImportError.swift, LiteLLMImportReport.swift, LiteLLMImporter.swift, PostgresURL.swift, Day.swift, LiteLLMSpendLogs.swift
// Tests: PostgresSession.swift
// (against the real server: connecting, and the errors it translates for bad credentials, a
// missing database and an unreachable server)
import Foundation
import LiteLLMImport
import SyntheticData
import TestSupport
import Testing
import ThreadStore

/// `import litellm` against a real PostgreSQL server (scripts/start-test-postgres.sh): each test
/// makes an empty database, creates the LiteLLM tables from fixtures/litellm/schema.sql, fills
/// `LiteLLM_SpendLogs` with generate_series and checks the panel against sums the server
/// computes itself.
@Suite(.serialized, .enabled(if: TestPostgres.available, TestPostgres.skipReason))
struct LiteLLMImportTests {
    static func importer(_ database: ScratchDatabase, _ options: LiteLLMImporter.Options = .init()) throws
        -> LiteLLMImporter
    {
        LiteLLMImporter(url: try PostgresURL(database.url), options: options)
    }

    static func run(_ importer: LiteLLMImporter, store path: String) async throws -> LiteLLMImportReport {
        try await importer.run(openStore: { try ThreadStore(path: path) })
    }

    @Test func aMillionSpendLogsGiveThePanelTheServersSumsAndAReRunAddsNothing() async throws {
        let database = try await ScratchDatabase.make("million")
        let store = temporaryStorePath("million")
        defer { removeStore(store) }
        let shape = LiteLLMSpendLogs(rows: 1_000_000)
        try await database.execute(shape.insertSQL)
        let server = try await ServerSums.of(database)
        #expect(server.requests == 1_000_000)

        let first = try await Self.run(try Self.importer(database), store: store)
        #expect(first.spendLogRows == 1_000_000)
        #expect(first.missingOptional.isEmpty)
        #expect(first.cacheSource == .metadata)
        let panel = try ServerSums.of(try ThreadStore(path: store))
        #expect(panel.matches(server), "panel \(panel) against the server's \(server)")
        #expect(server.cacheRead > 0 && server.cacheWrite > 0)
        #expect(first.totals.days == 90 && first.totals.models == 5)

        // No prompt or response text reached the store (the generated rows carry a marker in
        // messages, response and proxy_server_request).
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        #expect(bytes.range(of: Data(LiteLLMSpendLogs.secretMarker.utf8)) == nil)

        // A re-run re-reads only the last day, replaces its rows, and changes no total.
        let second = try await Self.run(try Self.importer(database), store: store)
        #expect(second.from == "2026-03-31")
        let lastDay = try await database.row(
            "SELECT count(*)::int8 FROM \"LiteLLM_SpendLogs\" WHERE \"startTime\" >= DATE '2026-03-31'")
        #expect(second.spendLogRows == (try lastDay.decode(Int64.self)))
        #expect(try ServerSums.of(try ThreadStore(path: store)).matches(server))
        await database.drop()
    }

    @Test func newRowsOnTheBoundaryDayAndAfterAreAddedOnceEach() async throws {
        let database = try await ScratchDatabase.make("resume")
        let store = temporaryStorePath("resume")
        defer { removeStore(store) }
        try await database.execute(LiteLLMSpendLogs(rows: 40_000, days: 10).insertSQL)
        _ = try await Self.run(try Self.importer(database), store: store)
        // More requests late on the last day imported (2026-01-10) and on two new days.
        try await database.execute(
            LiteLLMSpendLogs(rows: 12_000, days: 3, firstDay: "2026-01-10", firstRequest: 40_000).insertSQL)
        let report = try await Self.run(try Self.importer(database), store: store)
        #expect(report.from == "2026-01-10")
        #expect(report.lastDay == "2026-01-12")
        let server = try await ServerSums.of(database)
        #expect(server.requests == 52_000)
        #expect(try ServerSums.of(try ThreadStore(path: store)).matches(server))
        let mark = try #require(try ThreadStore(path: store).orgImportMark(source: "litellm"))
        #expect(mark.resumeDay == "2026-01-12")
        #expect(!mark.origin.contains("tokencast-test"))

        // --since re-reads earlier days; the totals stay the server's.
        let again = try await Self.run(try Self.importer(database, .init(since: Day("2026-01-01"))), store: store)
        #expect(again.spendLogRows == 52_000)
        #expect(try ServerSums.of(try ThreadStore(path: store)).matches(server))
        await database.drop()
    }

    @Test func anOlderSchemaWithoutTeamsUsersOrMetadataImportsAndListsWhatIsMissing() async throws {
        let database = try await ScratchDatabase.make("old")
        let store = temporaryStorePath("old")
        defer { removeStore(store) }
        try await database.execute(LiteLLMSpendLogs(rows: 5_000, days: 5).insertSQL)
        for column in ["team_id", "metadata", "user"] {
            try await database.execute("ALTER TABLE \"LiteLLM_SpendLogs\" DROP COLUMN \"\(column)\"")
        }
        let report = try await Self.run(try Self.importer(database), store: store)
        #expect(report.missingOptional == ["user", "team_id", "metadata"])
        #expect(report.cacheSource == .none)
        #expect(report.summary.contains("optional columns missing: user, team_id, metadata"))
        let rows = try ThreadStore(path: store).orgUsage()
        #expect(rows.allSatisfy { $0.team == "" && $0.user == "" && $0.cacheReadTokens == 0 })
        #expect(rows.reduce(0) { $0 + $1.requests } == 5_000)
        await database.drop()
    }

    @Test func cacheColumnsAreReadWhenTheTableHasThem() async throws {
        let database = try await ScratchDatabase.make("cachecols")
        let store = temporaryStorePath("cachecols")
        defer { removeStore(store) }
        try await database.execute(LiteLLMSpendLogs(rows: 2_000, days: 2).insertSQL)
        try await database.execute(
            """
            ALTER TABLE "LiteLLM_SpendLogs" ADD COLUMN cache_read_input_tokens INTEGER NOT NULL DEFAULT 7,
                ADD COLUMN cache_creation_input_tokens INTEGER NOT NULL DEFAULT 3
            """)
        let report = try await Self.run(try Self.importer(database), store: store)
        #expect(report.cacheSource == .columns)
        #expect(report.totals.cacheReadTokens == 14_000)
        #expect(report.totals.cacheWriteTokens == 6_000)
        await database.drop()
    }

    @Test func aWrongSchemaNamesWhatIsMissingAndWritesNothing() async throws {
        let empty = try await ScratchDatabase.make("empty", schema: false)
        let store = temporaryStorePath("wrong")
        defer { removeStore(store) }
        await #expect(throws: LiteLLMImportError.self) { _ = try await Self.run(try Self.importer(empty), store: store) }
        do {
            _ = try await Self.run(try Self.importer(empty), store: store)
        } catch let error as LiteLLMImportError {
            guard case let .missingTable(table, schema, _, _) = error else {
                Issue.record("expected missingTable, got \(error)")
                return
            }
            #expect(table == "LiteLLM_SpendLogs" && schema == "public")
            #expect(error.description.contains("no table \"LiteLLM_SpendLogs\" in schema public"))
        }
        #expect(!FileManager.default.fileExists(atPath: store))

        let broken = try await ScratchDatabase.make("broken")
        try await broken.execute("ALTER TABLE \"LiteLLM_SpendLogs\" DROP COLUMN spend, DROP COLUMN \"startTime\"")
        do {
            _ = try await Self.run(try Self.importer(broken), store: store)
            Issue.record("a table without spend imported")
        } catch let error as LiteLLMImportError {
            #expect(
                error
                    == .missingColumns(
                        table: "LiteLLM_SpendLogs", columns: ["startTime", "spend"],
                        url: broken.url
                            .replacingOccurrences(of: "tokencast-test", with: "***")))
        }
        #expect(!FileManager.default.fileExists(atPath: store))
        await empty.drop()
        await broken.drop()
    }

    @Test func badCredentialsAreRefusedWithoutEchoingThePassword() async throws {
        let database = try await ScratchDatabase.make("creds")
        let store = temporaryStorePath("creds")
        defer { removeStore(store) }
        let secret = "Wr0ng-Pa55word-73"
        let wrong = database.url.replacingOccurrences(of: ":tokencast-test@", with: ":\(secret)@")
        let shown = try CommandRunner.run(["import", "litellm", "--url", wrong, "--db", store, "--quiet"])
        #expect(shown.status == 2)
        #expect(shown.stderr.contains("refused user 'tokencast'"), "\(shown.stderr)")
        #expect(shown.stderr.contains("127.0.0.1:"))
        #expect(!shown.stderr.contains(secret) && !shown.stdout.contains(secret))
        #expect(shown.stderr.contains("tokencast:***@"))
        #expect(!FileManager.default.fileExists(atPath: store))

        let noDatabase = database.url.replacingOccurrences(of: database.name, with: "no_such_db")
        let missing = try CommandRunner.run(["import", "litellm", "--url", noDatabase, "--db", store, "--quiet"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("has no database 'no_such_db'"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("tokencast-test"))
        await database.drop()
    }

    @Test func aStoreThatIsNotTokencastsIsLeftUntouchedAndNamed() async throws {
        let database = try await ScratchDatabase.make("foreign")
        let store = temporaryStorePath("foreign")
        defer { removeStore(store) }
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: store))
        let shown = try CommandRunner.run(["import", "litellm", "--url", database.url, "--db", store, "--quiet"])
        #expect(shown.status == 2)
        #expect(shown.stderr.contains("is not a tokencast thread database"), "\(shown.stderr)")
        #expect(try String(contentsOfFile: store, encoding: .utf8) == "not a database")
        let zero = try CommandRunner.run(["import", "litellm", "--url", database.url, "--db", store, "--batch-rows", "0"])
        #expect(zero.status == 2 && zero.stderr.contains("--batch-rows 0"), "\(zero.stderr)")
        await database.drop()
    }

    @Test func theCommandPrintsItsSummaryWithTheURLRedacted() async throws {
        let database = try await ScratchDatabase.make("cli")
        let store = temporaryStorePath("cli")
        defer { removeStore(store) }
        try await database.execute(LiteLLMSpendLogs(rows: 3_000, days: 3).insertSQL)
        let shown = try CommandRunner.run(["import", "litellm", "--url", database.url, "--db", store, "--quiet"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("litellm: 3,000 spend-log rows (2026-01-01..2026-01-03)"), "\(shown.stdout)")
        #expect(shown.stdout.contains("tokencast:***@127.0.0.1"))
        #expect(!shown.stdout.contains("tokencast-test") && !shown.stderr.contains("tokencast-test"))
        // A second proxy under the same source name is refused; under another name it is kept apart.
        let other = try await ScratchDatabase.make("cli2")
        try await other.execute(LiteLLMSpendLogs(rows: 1_000, days: 1).insertSQL)
        let clash = try CommandRunner.run(["import", "litellm", "--url", other.url, "--db", store, "--quiet"])
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("Pass --source NAME"), "\(clash.stderr)")
        let apart = try CommandRunner.run([
            "import", "litellm", "--url", other.url, "--db", store, "--quiet", "--source", "litellm-eu",
        ])
        #expect(apart.status == 0, "\(apart.stderr)")
        #expect(try ThreadStore(path: store).orgUsageTotals(source: "litellm-eu").requests == 1_000)
        #expect(try ThreadStore(path: store).orgUsageTotals(source: "litellm").requests == 3_000)
        await database.drop()
        await other.drop()
    }
}

/// What runs without a server: URLs, redaction, an unreachable address.
@Suite struct LiteLLMURLTests {
    @Test func urlsAreParsedAndRedactedEverywhere() throws {
        let url = try PostgresURL(
            "postgresql://llm:s3cr%40t-pass@db.internal:6543/litellm?schema=proxy&connection_limit=5&sslmode=require",
            environment: [:])
        #expect(url.host == "db.internal" && url.port == 6543 && url.user == "llm")
        #expect(url.password == "s3cr@t-pass")
        #expect(url.database == "litellm" && url.schema == "proxy" && url.tls == .require)
        #expect(url.origin == "db.internal:6543/litellm")
        #expect(url.redacted == "postgresql://llm:***@db.internal:6543/litellm?schema=proxy&connection_limit=5&sslmode=require")
        #expect("\(url)" == url.redacted)
        #expect(url.scrub("x s3cr@t-pass y s3cr%40t-pass") == "x *** y ***")
        #expect(PostgresURL.redact("postgres://u:p@ss@h/db") == "postgres://u:***@h/db")
        #expect(PostgresURL.redact("postgres://h/db?password=hunter22&x=1") == "postgres://h/db?password=***&x=1")
        let fromEnvironment = try PostgresURL("postgres://me@localhost/db", environment: ["PGPASSWORD": "pw"])
        #expect(fromEnvironment.password == "pw" && fromEnvironment.port == 5432)
    }

    @Test func badURLsSayWhatIsWrongWithoutThePassword() {
        for (text, reason) in [
            ("mysql://u:topsecret@h/db", "the scheme is 'mysql'"),
            ("postgres://u:topsecret@h:99999/db", "port"),
            ("postgres://u:topsecret@h", "names no database"),
            ("postgres://u:topsecret@h/db?sslmode=maybe", "sslmode 'maybe'"),
        ] {
            #expect {
                _ = try PostgresURL(text, environment: [:])
            } throws: { error in
                let message = "\(error)"
                return message.contains(reason) && !message.contains("topsecret") && message.contains("u:***@")
            }
        }
    }

    @Test func anUnreachableServerIsNamedWithHostAndPortAndNothingIsWritten() throws {
        let store = temporaryStorePath("unreachable")
        defer { removeStore(store) }
        // Port 1 on loopback: nothing listens there.
        let shown = try CommandRunner.run([
            "import", "litellm", "--url", "postgres://llm:hunter2-secret@127.0.0.1:1/litellm", "--db", store, "--quiet",
        ])
        #expect(shown.status == 2)
        #expect(shown.stderr.contains("cannot reach the PostgreSQL server at 127.0.0.1:1"), "\(shown.stderr)")
        #expect(shown.stderr.contains("Check that the server is running"))
        #expect(!shown.stderr.contains("hunter2-secret"))
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func days() {
        #expect(Day("2026-02-29") == nil && Day("2028-02-29") != nil && Day("2026-1-01") == nil)
        #expect(Day("2026-01-01'; DROP TABLE x; --") == nil)
    }

    /// In CI the server tests must run, not be skipped.
    @Test func ciHasTheTestServer() {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            #expect(TestPostgres.available, "CI=true but \(TestPostgres.variable) is not set: .ci/run must start the server")
        }
    }
}
