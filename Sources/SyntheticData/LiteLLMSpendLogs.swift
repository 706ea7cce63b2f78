/// SQL that fills a LiteLLM `LiteLLM_SpendLogs` table (fixtures/litellm/schema.sql) with
/// generated requests on the server, by `generate_series`: a million rows in seconds, with no
/// rows crossing the wire.
///
/// Values are integer hashes of the row number, so the same shape gives the same table on any
/// server. Times are spread evenly over `days` days from `firstDay` in request order. About one
/// row in 17 has no user and one in 5 no team (NULL, as LiteLLM writes them); one in 101 has
/// metadata without `usage_object` and one in 211 a non-number cache count (both read as 0
/// cache tokens); one in 1,000 carries `secretMarker` in `messages`, `response` and
/// `proxy_server_request`, the columns an import must never read.
public struct LiteLLMSpendLogs: Sendable {
    public var rows: Int
    public var days: Int
    public var users: Int
    public var models: [String]
    public var teams: Int
    /// `YYYY-MM-DD`.
    public var firstDay: String
    /// Request ids start after this, so that a second batch appends rows.
    public var firstRequest: Int

    public static let secretMarker = "tokencast-secret-prompt-9d41"

    public init(
        rows: Int, days: Int = 90, users: Int = 400,
        models: [String] = ["claude-sonnet-4-5", "claude-opus-4-5", "claude-haiku-4-5", "gpt-5", "gpt-5-mini"],
        teams: Int = 7, firstDay: String = "2026-01-01", firstRequest: Int = 0
    ) {
        self.rows = rows
        self.days = days
        self.users = users
        self.models = models
        self.teams = teams
        self.firstDay = firstDay
        self.firstRequest = firstRequest
    }

    /// One INSERT ... SELECT statement.
    public var insertSQL: String {
        let modelArray =
            "ARRAY["
            + models.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
            .joined(separator: ", ") + "]"
        let step = Double(days) * 86_400 / Double(max(rows, 1))
        return """
            INSERT INTO "LiteLLM_SpendLogs" (request_id, call_type, api_key, spend, total_tokens, prompt_tokens,
                completion_tokens, "startTime", "endTime", model, "user", team_id, metadata, messages, response,
                proxy_server_request, status)
            SELECT 'req-' || g, 'acompletion', 'hashed-key-' || u, p * 3e-6 + c * 1.5e-5 + cr * 3e-7 + cw * 3.75e-6,
                p + c, p, c, ts, ts + interval '4 seconds', (\(modelArray))[1 + (u * 3 + g / 7) % \(models.count)],
                CASE WHEN u % 17 = 0 THEN NULL ELSE 'user-' || u END,
                CASE WHEN u % 5 = 0 THEN NULL ELSE 'team-' || (u % \(teams)) END,
                CASE WHEN g % 101 = 0 THEN '{"user_api_key_alias": "dev"}'::jsonb
                     WHEN g % 211 = 0 THEN jsonb_build_object('usage_object', jsonb_build_object(
                         'prompt_tokens', p, 'completion_tokens', c, 'cache_read_input_tokens', 'n/a'))
                     ELSE jsonb_build_object('user_api_key_alias', 'dev', 'usage_object', jsonb_build_object(
                         'prompt_tokens', p, 'completion_tokens', c, 'cache_read_input_tokens', cr,
                         'cache_creation_input_tokens', cw)) END,
                CASE WHEN g % 1000 = 0 THEN '[{"role": "user", "content": "\(Self.secretMarker)"}]'::jsonb ELSE '{}' END,
                CASE WHEN g % 1000 = 0 THEN '{"content": "\(Self.secretMarker)"}'::jsonb ELSE '{}' END,
                CASE WHEN g % 1000 = 0 THEN '{"body": "\(Self.secretMarker)"}'::jsonb ELSE '{}' END,
                CASE WHEN g % 53 = 0 THEN 'failure' ELSE 'success' END
            FROM (
                SELECT g, u, ts, p, c, cr, (p - cr) * ((g * 7) % 30) / 100 AS cw
                FROM (
                    SELECT g, (g * 7919) % \(users) AS u,
                        TIMESTAMP '\(firstDay) 00:00:00' + (g - \(firstRequest) - 1) * interval '\(step) seconds' AS ts,
                        2000 + (g * 104729) % 30000 AS p, 100 + (g * 15485863) % 2000 AS c,
                        (2000 + (g * 104729) % 30000) * ((g * 13) % 80) / 100 AS cr
                    FROM generate_series(\(firstRequest + 1)::int8, \(firstRequest + rows)::int8) AS g
                ) a
            ) b
            """
    }
}
