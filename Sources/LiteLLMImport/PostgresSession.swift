import Foundation
import PostgresNIO

/// One connection to the server, with every failure turned into a ``LiteLLMImportError`` that
/// names host:port and never the password.
struct PostgresSession {
    let url: PostgresURL
    let connection: PostgresConnection
    let logger: Logger

    /// A logger that writes nothing: PostgresNIO's connection logs could carry connection
    /// details, and the import's own output is its summary.
    static var quietLogger: Logger {
        var logger = Logger(label: "tokencast.litellm")
        logger.logLevel = .critical
        return logger
    }

    static func connect(_ url: PostgresURL) async throws -> PostgresSession {
        let logger = quietLogger
        do {
            var configuration = PostgresConnection.Configuration(
                host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
                tls: try tls(url.tls))
            configuration.options.connectTimeout = .seconds(15)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return PostgresSession(url: url, connection: connection, logger: logger)
        } catch {
            throw translate(error, url: url)
        }
    }

    /// libpq's sslmode: `prefer` and `require` encrypt without verifying, as libpq does.
    private static func tls(_ mode: PostgresURL.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return .disable
        case .allow, .prefer:
            configuration.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: configuration))
        case .require:
            configuration.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: configuration))
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: configuration))
        case .verifyFull:
            return .require(try NIOSSLContext(configuration: configuration))
        }
    }

    func query(_ sql: String) async throws -> PostgresRowSequence {
        do {
            return try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            throw Self.translate(error, url: url)
        }
    }

    /// Runs `sql` and collects its rows (small results only).
    func rows(_ sql: String) async throws -> [PostgresRow] {
        do {
            return try await query(sql).collect()
        } catch let error as LiteLLMImportError {
            throw error
        } catch {
            throw Self.translate(error, url: url)
        }
    }

    func close() async {
        try? await connection.close()
    }

    /// The error a user reads for what PostgresNIO or the server reported.
    static func translate(_ error: any Error, url: PostgresURL) -> any Error {
        if error is LiteLLMImportError { return error }
        let shown = url.redacted
        if let decoding = error as? PostgresDecodingError {
            return LiteLLMImportError.server(
                hostAndPort: url.hostAndPort,
                message: "column '\(decoding.columnName)' of the aggregate came back as \(decoding.postgresType), "
                    + "not the type LiteLLM's schema gives it (\(decoding.code))",
                url: shown)
        }
        guard let psql = error as? PSQLError else {
            return LiteLLMImportError.server(
                hostAndPort: url.hostAndPort, message: url.scrub(String(describing: error)), url: shown)
        }
        switch psql.code {
        case .connectionError:
            let reason = psql.underlying.map { url.scrub(describe($0)) } ?? "connection failed"
            return LiteLLMImportError.unreachable(hostAndPort: url.hostAndPort, reason: reason, url: shown)
        case .serverClosedConnection, .uncleanShutdown:
            return LiteLLMImportError.unreachable(
                hostAndPort: url.hostAndPort, reason: "the server closed the connection", url: shown)
        case .authMechanismRequiresPassword:
            return LiteLLMImportError.passwordRequired(user: url.user, hostAndPort: url.hostAndPort, url: shown)
        case .sslUnsupported:
            return LiteLLMImportError.server(
                hostAndPort: url.hostAndPort,
                message: "the server does not accept TLS and the URL asks for it (sslmode=\(url.tls.rawValue))", url: shown)
        case .server:
            let state = psql.serverInfo?[.sqlState] ?? ""
            let message = url.scrub(psql.serverInfo?[.message] ?? "an error")
            switch state {
            case "28P01", "28000":
                return LiteLLMImportError.badCredentials(
                    user: url.user, hostAndPort: url.hostAndPort, reason: message, url: shown)
            case "3D000":
                return LiteLLMImportError.noDatabase(database: url.database, hostAndPort: url.hostAndPort, url: shown)
            default:
                return LiteLLMImportError.server(
                    hostAndPort: url.hostAndPort, message: state.isEmpty ? message : "\(message) (SQLSTATE \(state))",
                    url: shown)
            }
        default:
            return LiteLLMImportError.server(hostAndPort: url.hostAndPort, message: url.scrub(psql.code.description), url: shown)
        }
    }

    /// A short reason for a socket-level error ("connection refused", "timed out").
    private static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        let lower = text.lowercased()
        if lower.contains("refused") { return "connection refused" }
        if lower.contains("timeout") || lower.contains("timed out") { return "connection timed out" }
        if lower.contains("unknown host") || lower.contains("resolve") || lower.contains("nodename")
            || lower.contains("name or service")
        {
            return "the host name does not resolve"
        }
        if lower.contains("unreachable") { return "network unreachable" }
        return text.count > 160 ? String(text.prefix(160)) + "..." : text
    }
}
