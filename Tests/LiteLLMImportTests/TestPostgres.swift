import Foundation
import LiteLLMImport
import PostgresNIO
import TestSupport
import Testing

/// The PostgreSQL server the tests use: `TOKENCAST_TEST_POSTGRES_URL`, which
/// scripts/start-test-postgres.sh prints and `.ci/run` exports. Without it the tests that need a
/// server are reported as skipped, with this reason.
enum TestPostgres {
    static let variable = "TOKENCAST_TEST_POSTGRES_URL"
    static let url = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    static let available = url != nil
    static let skipReason: Comment =
        "not run: TOKENCAST_TEST_POSTGRES_URL is not set (eval \"$(scripts/start-test-postgres.sh)\", or make test-postgres)"

    static var quietLogger: Logger {
        var logger = Logger(label: "tokencast.tests.postgres")
        logger.logLevel = .critical
        return logger
    }

    /// Connects to `urlText` (the admin URL when nil).
    static func connect(_ urlText: String? = nil) async throws -> PostgresConnection {
        let url = try PostgresURL(urlText ?? Self.url ?? "")
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: .disable)
        return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: quietLogger)
    }

    /// Runs statements (no results) on a connection.
    static func execute(_ sql: String, on connection: PostgresConnection) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: quietLogger)
    }

    /// fixtures/litellm/schema.sql, split into its statements.
    static var schemaStatements: [String] {
        get throws {
            let text = try String(contentsOfFile: RepositoryPaths.fixture("litellm/schema.sql"), encoding: .utf8)
            return text.components(separatedBy: "\n;\n").map { statement in
                statement.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
            }.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }
    }
}

/// An empty database of its own on the test server, made with the LiteLLM tables from
/// fixtures/litellm/schema.sql (unless `schema: false`); ``drop()`` removes it.
struct ScratchDatabase: Sendable {
    let name: String
    /// The admin URL with this database in place of its own.
    let url: String

    static func make(_ label: String, schema: Bool = true) async throws -> ScratchDatabase {
        let admin = try #require(TestPostgres.url)
        let name = "tk_\(label)_\(UUID().uuidString.prefix(8).lowercased())"
        let connection = try await TestPostgres.connect()
        try await TestPostgres.execute("CREATE DATABASE \(name)", on: connection)
        try await connection.close()
        let base = admin.range(of: "/", options: .backwards).map { String(admin[..<$0.lowerBound]) } ?? admin
        let database = ScratchDatabase(name: name, url: "\(base)/\(name)")
        if schema {
            let c = try await database.connect()
            for statement in try TestPostgres.schemaStatements { try await TestPostgres.execute(statement, on: c) }
            try await c.close()
        }
        return database
    }

    func connect() async throws -> PostgresConnection { try await TestPostgres.connect(url) }

    func execute(_ sql: String) async throws {
        let c = try await connect()
        do {
            try await TestPostgres.execute(sql, on: c)
        } catch {
            try? await c.close()
            throw error
        }
        try await c.close()
    }

    /// Runs a query and returns its single row.
    func row(_ sql: String) async throws -> PostgresRow {
        let c = try await connect()
        let rows = try await c.query(PostgresQuery(unsafeSQL: sql), logger: TestPostgres.quietLogger).collect()
        try await c.close()
        return try #require(rows.first)
    }

    func drop() async {
        guard let c = try? await TestPostgres.connect() else { return }
        try? await TestPostgres.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: c)
        try? await c.close()
    }
}

/// A fresh temporary directory for thread databases.
func temporaryStorePath(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-litellm-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("\(name).db").path
}

func removeStore(_ path: String) {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
}
