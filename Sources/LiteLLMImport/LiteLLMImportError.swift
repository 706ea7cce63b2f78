/// What can go wrong reading a LiteLLM proxy's database, each with what to check.
///
/// No message quotes a password: URLs are shown redacted (``PostgresURL/redacted``) and server
/// messages are scrubbed. The import checks the connection and the schema before it opens the
/// thread database, so each of these leaves the store as it was.
public enum LiteLLMImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case badURL(String, reason: String)
    /// No TCP connection (refused, unknown host, timed out).
    case unreachable(hostAndPort: String, reason: String, url: String)
    /// The server refused the user name or password.
    case badCredentials(user: String, hostAndPort: String, reason: String, url: String)
    /// The server asks for a password and none was given.
    case passwordRequired(user: String, hostAndPort: String, url: String)
    case noDatabase(database: String, hostAndPort: String, url: String)
    /// `LiteLLM_SpendLogs` is not in the schema read; `found` lists the LiteLLM tables that are.
    case missingTable(table: String, schema: String, found: [String], url: String)
    case missingColumns(table: String, columns: [String], url: String)
    /// The store already holds this source from another database.
    case otherOrigin(source: String, stored: String, given: String)
    case badSince(String)
    /// Any other error the server or the connection reported, scrubbed.
    case server(hostAndPort: String, message: String, url: String)

    public var description: String {
        switch self {
        case let .badURL(url, reason):
            return "--url \(url): \(reason). Expected postgres://USER:PASSWORD@HOST:PORT/DATABASE "
                + "(LiteLLM's DATABASE_URL works as is; a password may also come from PGPASSWORD)."
        case let .unreachable(hostAndPort, reason, url):
            return "cannot reach the PostgreSQL server at \(hostAndPort) (\(reason)); nothing was imported. "
                + "Check that the server is running and listening on that address (listen_addresses, port), "
                + "the host and port in --url \(url), and that no firewall or VPN is in the way."
        case let .badCredentials(user, hostAndPort, reason, url):
            return "the PostgreSQL server at \(hostAndPort) refused user '\(user)' (\(reason)); nothing was imported. "
                + "Check the user name and password in --url \(url) (or PGPASSWORD), and pg_hba.conf on the server."
        case let .passwordRequired(user, hostAndPort, url):
            return "the PostgreSQL server at \(hostAndPort) asks for a password for user '\(user)'; nothing was imported. "
                + "Put it in --url \(url) or in PGPASSWORD."
        case let .noDatabase(database, hostAndPort, url):
            return "the PostgreSQL server at \(hostAndPort) has no database '\(database)'; nothing was imported. "
                + "Check the database name in --url \(url): it is the one in the LiteLLM proxy's DATABASE_URL."
        case let .missingTable(table, schema, found, url):
            let seen =
                found.isEmpty
                ? "no LiteLLM table is there"
                : "LiteLLM tables there: \(found.prefix(8).joined(separator: ", "))\(found.count > 8 ? ", ..." : "")"
            return "no table \"\(table)\" in schema \(schema) of \(url) (\(seen)); nothing was imported. "
                + "Point --url at the LiteLLM proxy's database, add ?schema=NAME if LiteLLM uses another schema, "
                + "and check that spend logs are enabled (disable_spend_logs is false)."
        case let .missingColumns(table, columns, url):
            return "table \"\(table)\" of \(url) lacks the column\(columns.count == 1 ? "" : "s") "
                + "\(columns.map { "\"\($0)\"" }.joined(separator: ", ")) the import needs; nothing was imported. "
                + "This is not a LiteLLM spend-log table tokencast knows: check the database, or upgrade the proxy's schema."
        case let .otherOrigin(source, stored, given):
            return "the thread database holds source '\(source)' from \(stored), and --url names \(given); nothing was imported. "
                + "Pass --source NAME to import a second proxy beside it, or the same host:port/database as before."
        case let .badSince(text):
            return "--since \(text): not a day; write YYYY-MM-DD, e.g. --since 2026-01-01."
        case let .server(hostAndPort, message, url):
            return "the PostgreSQL server at \(hostAndPort) reported: \(message) (--url \(url)); nothing more was imported."
        }
    }
}
