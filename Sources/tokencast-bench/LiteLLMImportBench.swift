import Foundation
import LiteLLMImport
import PostgresNIO
import SyntheticData
import ThreadStore

/// The `import litellm` figure: spend-log rows read into the panel per second, on a generated
/// `LiteLLM_SpendLogs` of `TOKENCAST_BENCH_LITELLM_ROWS` rows (default 1,000,000) in a scratch
/// database of the server at `TOKENCAST_TEST_POSTGRES_URL` (scripts/start-test-postgres.sh).
/// Without the variable the figure says it was skipped and why.
///
/// Timed: the whole import as a user runs it (connect, schema check, the server's aggregate,
/// the cursor, the store's transactions into a file database), best of three fresh stores.
func litellmImportFigures() -> [String: Any] {
    guard let admin = ProcessInfo.processInfo.environment["TOKENCAST_TEST_POSTGRES_URL"], !admin.isEmpty else {
        return ["skipped": "TOKENCAST_TEST_POSTGRES_URL is not set: eval \"$(scripts/start-test-postgres.sh)\" first"]
    }
    let rows = Int(ProcessInfo.processInfo.environment["TOKENCAST_BENCH_LITELLM_ROWS"] ?? "") ?? 1_000_000
    do {
        let figures = try runBlocking { try await litellmImportBench(admin: admin, rows: rows) }
        return [
            "spend_log_rows": figures.rows, "generate_seconds": (figures.generateSeconds * 10).rounded() / 10,
            "import_seconds": (figures.importSeconds * 1000).rounded() / 1000,
            "spend_log_rows_per_second": (Double(figures.rows) / figures.importSeconds).rounded(),
            "panel_rows": figures.panelRows, "target_rows_per_second": 200_000,
        ]
    } catch {
        return ["skipped": "the bench's database could not be made: \(PostgresURL.redact("\(error)"))"]
    }
}

/// What the bench measured.
struct LiteLLMImportFigures: Sendable {
    var rows: Int
    var generateSeconds: Double
    /// The best of three.
    var importSeconds: Double
    var panelRows: Int
}

private func litellmImportBench(admin: String, rows: Int) async throws -> LiteLLMImportFigures {
    var logger = Logger(label: "tokencast.bench")
    logger.logLevel = .critical
    func connect(_ text: String) async throws -> PostgresConnection {
        let url = try PostgresURL(text)
        return try await PostgresConnection.connect(
            configuration: .init(
                host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
                tls: .disable),
            id: 1, logger: logger)
    }
    let name = "tk_bench_\(getpid())"
    let adminConnection = try await connect(admin)
    _ = try await adminConnection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name)"), logger: logger)
    _ = try await adminConnection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
    let base = admin.range(of: "/", options: .backwards).map { String(admin[..<$0.lowerBound]) } ?? admin
    let url = "\(base)/\(name)"
    var result = LiteLLMImportFigures(rows: rows, generateSeconds: 0, importSeconds: 0, panelRows: 0)
    do {
        let connection = try await connect(url)
        let schema = try String(contentsOfFile: "fixtures/litellm/schema.sql", encoding: .utf8)
        for statement in schema.components(separatedBy: "\n;\n") {
            let sql = statement.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
            if !sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            }
        }
        let fill = Date()
        _ = try await connection.query(PostgresQuery(unsafeSQL: LiteLLMSpendLogs(rows: rows).insertSQL), logger: logger)
        _ = try await connection.query("VACUUM ANALYZE \"LiteLLM_SpendLogs\"", logger: logger)
        result.generateSeconds = Date().timeIntervalSince(fill)
        try await connection.close()

        let importer = LiteLLMImporter(url: try PostgresURL(url))
        var best = Double.infinity
        var report: LiteLLMImportReport?
        for _ in 0..<3 {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-bench-litellm-\(UUID())")
            let path = dir.appendingPathComponent("threads.db").path
            let start = DispatchTime.now().uptimeNanoseconds
            let run = try await importer.run(openStore: { try ThreadStore(path: path) })
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            try? FileManager.default.removeItem(at: dir)
            if seconds < best { best = seconds }
            report = run
        }
        result.importSeconds = best
        result.panelRows = report?.panelRows ?? 0
    } catch {
        _ = try? await adminConnection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name)"), logger: logger)
        try? await adminConnection.close()
        throw error
    }
    _ = try? await adminConnection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name)"), logger: logger)
    try? await adminConnection.close()
    return result
}
