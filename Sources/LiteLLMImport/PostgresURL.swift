import Foundation

/// A `postgres://user:password@host:port/database` address, parsed, with the password kept
/// out of every rendering.
///
/// `description` and ``redacted`` replace the password with `***`; ``origin`` (`host:port/db`)
/// is what the store records. The URL may also be LiteLLM's own `DATABASE_URL`: Prisma's
/// `?schema=NAME` is honoured and its pool settings (`connection_limit`, `pool_timeout`, ...)
/// are ignored. A URL without a password takes `PGPASSWORD`, as psql does.
public struct PostgresURL: Sendable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, CaseIterable {
        /// libpq's modes: `prefer` (the default) and `require` encrypt without checking the
        /// certificate, `verify-ca` checks the chain, `verify-full` also the host name.
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// Prisma's `?schema=`; nil reads the server's current schema (`public` by default).
    public var schema: String?
    public var tls: TLSMode
    /// The URL as given, for ``redacted``.
    private let text: String

    /// - Throws: ``LiteLLMImportError/badURL(_:reason:)`` with the URL redacted.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.text = text
        let shown = Self.redact(text)
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw LiteLLMImportError.badURL(shown, reason: "it is not a URL")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw LiteLLMImportError.badURL(shown, reason: "the scheme is '\(scheme)', not postgres://")
        }
        guard let host = components.host, !host.isEmpty else {
            throw LiteLLMImportError.badURL(shown, reason: "it names no host")
        }
        self.host = host
        port = components.port ?? 5432
        guard (1...65_535).contains(port) else {
            throw LiteLLMImportError.badURL(shown, reason: "port \(port) is not between 1 and 65535")
        }
        user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? "postgres"
        password = components.password ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty, !path.contains("/") else {
            throw LiteLLMImportError.badURL(shown, reason: "it names no database (…@host:port/DATABASE)")
        }
        database = path
        var schema: String?
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "schema": schema = item.value.flatMap { $0.isEmpty ? nil : $0 }
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw LiteLLMImportError.badURL(
                        shown,
                        reason: "sslmode '\(item.value ?? "")' is none of "
                            + TLSMode.allCases.map(\.rawValue).joined(separator: ", "))
                }
                tls = mode
            case "password": password = item.value
            case "user": if let value = item.value, !value.isEmpty { user = value }
            default: continue  // Prisma's pool settings and others the import has no use for
            }
        }
        self.schema = schema
        self.tls = tls
    }

    /// `host:port/database`: where the data came from, without credentials.
    public var origin: String { "\(hostAndPort)/\(database)" }

    public var hostAndPort: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The URL as given with its password replaced by `***`.
    public var redacted: String { Self.redact(text) }

    public var description: String { redacted }

    /// Replaces the password of any `scheme://user:password@...` text, and `password=` query
    /// values, with `***`; works on malformed URLs too, so an error about one can quote it.
    public static func redact(_ text: String) -> String {
        var result = text
        if let schemeEnd = result.range(of: "://") {
            let rest = result[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                let userInfo = authority[..<at]
                if let colon = userInfo.firstIndex(of: ":") {
                    result.replaceSubrange(result.index(after: colon)..<at, with: "***")
                }
            }
        }
        // `password=` in the query string.
        if let query = result.firstIndex(of: "?") {
            var head = String(result[...query])
            let items = result[result.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false)
            head += items.map { $0.lowercased().hasPrefix("password=") ? "password=***" : String($0) }
                .joined(separator: "&")
            result = head
        }
        return result
    }

    /// `message` with the password replaced by `***` wherever it occurs (a server error could
    /// quote what it was sent; passwords shorter than four characters would garble the text and
    /// are not searched for).
    public func scrub(_ message: String) -> String {
        guard let password, password.count >= 4 else { return message }
        var result = message.replacingOccurrences(of: password, with: "***")
        if let encoded = password.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed), encoded != password {
            result = result.replacingOccurrences(of: encoded, with: "***")
        }
        return result
    }
}
