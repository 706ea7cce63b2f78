/// The server-side aggregate over `LiteLLM_SpendLogs`, written for the columns a database has.
///
/// Required: `startTime`, `model`, `spend`, `prompt_tokens`, `completion_tokens` (in every
/// LiteLLM version). Optional, listed in the summary when missing: `user` and `team_id` (read as
/// '' without them) and the cache token counts, which LiteLLM keeps in `metadata` JSON
/// (`usage_object`) and a few schemas as columns (`cache_read_input_tokens`,
/// `cache_creation_input_tokens`): without either they are read as 0.
///
/// Only these columns are named. `messages`, `response` and `proxy_server_request` (where a
/// proxy that stores prompts keeps them) are never selected: no prompt or response text leaves
/// the database.
public struct SpendLogsQuery: Sendable, Equatable {
    public static let table = "LiteLLM_SpendLogs"
    public static let required = ["startTime", "model", "spend", "prompt_tokens", "completion_tokens"]
    public static let optional = ["user", "team_id", "metadata"]
    /// The columns that hold text a user typed or a model wrote.
    public static let neverRead = ["messages", "response", "proxy_server_request"]

    /// Where cache token counts come from.
    public enum CacheSource: String, Sendable {
        case columns = "columns cache_read_input_tokens, cache_creation_input_tokens"
        case metadata = "metadata.usage_object"
        case none = "none: read as 0"
    }

    public var schema: String
    /// Column name -> data type, as information_schema gives them.
    public var columns: [String: String]

    public init(schema: String, columns: [String: String]) {
        self.schema = schema
        self.columns = columns
    }

    public var missingRequired: [String] { Self.required.filter { columns[$0] == nil } }

    public var missingOptional: [String] {
        var missing = Self.optional.filter { columns[$0] == nil }
        if let type = columns["metadata"], !Self.jsonTypes.contains(type) {
            missing.append("metadata (type \(type), not JSON)")
        }
        return missing
    }

    static let jsonTypes: Set<String> = ["jsonb", "json"]

    public var cacheSource: CacheSource {
        if columns["cache_read_input_tokens"] != nil, columns["cache_creation_input_tokens"] != nil { return .columns }
        if let type = columns["metadata"], Self.jsonTypes.contains(type) { return .metadata }
        return .none
    }

    /// `"schema"."LiteLLM_SpendLogs"`, quoted.
    public var qualifiedTable: String { "\(Self.quote(schema)).\(Self.quote(Self.table))" }

    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A JSON number at `path` under the usage object as int8, or NULL when it is absent or not
    /// a number (a malformed value is skipped, never an error that stops the import).
    private static func usageNumber(_ path: String) -> String {
        "CASE WHEN jsonb_typeof(\(path)) = 'number' THEN (\(path))::numeric::int8 END"
    }

    /// One row per (day, user, model, team) from `since` (nil: everything) on, in day order:
    /// day, user, model, team, requests, uncached input, output, cache read, cache write, spend,
    /// the latest startTime (text).
    ///
    /// Uncached input is `prompt_tokens` less the cache reads and writes (LiteLLM counts cached
    /// tokens inside prompt_tokens, as OpenAI does), clamped at 0 per request. `since` is a
    /// checked ``Day``, so writing it into the text is safe.
    public func aggregateSQL(since: Day?) -> String {
        let user = columns["user"] != nil ? "coalesce(s.\"user\", '')" : "''::text"
        let team = columns["team_id"] != nil ? "coalesce(s.team_id, '')" : "''::text"
        var cacheRead = "0", cacheWrite = "0"
        switch cacheSource {
        case .columns:
            cacheRead = "s.cache_read_input_tokens::int8"
            cacheWrite = "s.cache_creation_input_tokens::int8"
        case .metadata:
            let usage = columns["metadata"] == "jsonb" ? "s.metadata->'usage_object'" : "s.metadata::jsonb->'usage_object'"
            cacheRead =
                "coalesce(\(Self.usageNumber(usage + "->'cache_read_input_tokens'")), "
                + "\(Self.usageNumber(usage + "->'prompt_tokens_details'->'cached_tokens'")))"
            cacheWrite = Self.usageNumber(usage + "->'cache_creation_input_tokens'")
        case .none:
            break
        }
        let filter = since.map { "WHERE s.\"startTime\" >= DATE '\($0.text)'" } ?? ""
        // The per-request values are computed in a subquery kept apart (OFFSET 0), so that what
        // the aggregate hashes and the final sort orders are these narrow rows, never the JSON:
        // carrying metadata into a sort of every request made the query three times slower.
        // Text keys compare bytewise (COLLATE "C"): equality is the same, and cheaper.
        return """
            SELECT to_char(d, 'YYYY-MM-DD'), u, m, t, count(*)::int8,
                sum(greatest(p - cr - cw, 0))::int8, sum(c)::int8, sum(cr)::int8, sum(cw)::int8,
                coalesce(sum(spend), 0)::float8, to_char(max(ts), 'YYYY-MM-DD"T"HH24:MI:SS.MS')
            FROM (
                SELECT s."startTime"::date AS d, s."startTime" AS ts, \(user) COLLATE "C" AS u,
                    coalesce(s.model, '') COLLATE "C" AS m, \(team) COLLATE "C" AS t,
                    coalesce(s.prompt_tokens, 0)::int8 AS p, coalesce(s.completion_tokens, 0)::int8 AS c,
                    coalesce(s.spend, 0)::float8 AS spend,
                    coalesce(\(cacheRead), 0) AS cr, coalesce(\(cacheWrite), 0) AS cw
                FROM \(qualifiedTable) s
                \(filter)
                OFFSET 0
            ) v
            GROUP BY d, u, m, t
            ORDER BY d, u, m, t
            """
    }
}
