import Foundation
import PostgresNIO
import ThreadStore

/// Sums of a spend-log table computed on the server by SQL written apart from the importer's
/// (`#>>` text paths and a regular expression instead of its jsonb_typeof), to check the panel
/// against.
struct ServerSums: Equatable {
    var requests: Int64
    var promptTokens: Int64
    var completionTokens: Int64
    var cacheRead: Int64
    var cacheWrite: Int64
    var spend: Double
    var groups: Int64
    /// Team ('' for none) -> (requests, spend).
    var byTeam: [String: TeamSums]

    struct TeamSums: Equatable {
        var requests: Int64
        var spend: Double
    }

    static func of(_ database: ScratchDatabase) async throws -> ServerSums {
        let number = "'^[0-9]+$'"
        let row = try await database.row(
            """
            SELECT count(*)::int8, sum(prompt_tokens)::int8, sum(completion_tokens)::int8,
                coalesce(sum((metadata #>> '{usage_object,cache_read_input_tokens}')::int8)
                    FILTER (WHERE metadata #>> '{usage_object,cache_read_input_tokens}' ~ \(number)), 0)::int8,
                coalesce(sum((metadata #>> '{usage_object,cache_creation_input_tokens}')::int8)
                    FILTER (WHERE metadata #>> '{usage_object,cache_creation_input_tokens}' ~ \(number)), 0)::int8,
                sum(spend)::float8,
                (SELECT count(*) FROM (SELECT DISTINCT date_trunc('day', "startTime"), coalesce("user", ''), model,
                    coalesce(team_id, '') FROM "LiteLLM_SpendLogs") d)::int8
            FROM "LiteLLM_SpendLogs"
            """)
        let (requests, prompt, completion, cacheRead, cacheWrite, spend, groups) = try row.decode(
            (Int64, Int64, Int64, Int64, Int64, Double, Int64).self)
        var byTeam: [String: TeamSums] = [:]
        let c = try await database.connect()
        for try await team in try await c.query(
            PostgresQuery(
                unsafeSQL:
                    "SELECT coalesce(team_id, ''), count(*)::int8, sum(spend)::float8 FROM \"LiteLLM_SpendLogs\" GROUP BY 1"),
            logger: TestPostgres.quietLogger)
        {
            let (name, n, s) = try team.decode((String, Int64, Double).self)
            byTeam[name] = TeamSums(requests: n, spend: s)
        }
        try await c.close()
        return ServerSums(
            requests: requests, promptTokens: prompt, completionTokens: completion, cacheRead: cacheRead,
            cacheWrite: cacheWrite, spend: spend, groups: groups, byTeam: byTeam)
    }

    /// The same figures read from the panel.
    static func of(_ store: ThreadStore, source: String = "litellm") throws -> ServerSums {
        let rows = try store.orgUsage(source: source)
        var byTeam: [String: TeamSums] = [:]
        var sums = ServerSums(
            requests: 0, promptTokens: 0, completionTokens: 0, cacheRead: 0, cacheWrite: 0, spend: 0,
            groups: Int64(rows.count), byTeam: [:])
        for row in rows {
            sums.requests += row.requests
            sums.promptTokens += row.inputTokens + row.cacheReadTokens + row.cacheWriteTokens
            sums.completionTokens += row.outputTokens
            sums.cacheRead += row.cacheReadTokens
            sums.cacheWrite += row.cacheWriteTokens
            sums.spend += row.spendUSD
            byTeam[row.team, default: TeamSums(requests: 0, spend: 0)].requests += row.requests
            byTeam[row.team, default: TeamSums(requests: 0, spend: 0)].spend += row.spendUSD
        }
        sums.byTeam = byTeam
        return sums
    }

    /// Equal counts, and spends within 1e-9 relative (sums of doubles in another order).
    func matches(_ other: ServerSums) -> Bool {
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1) }
        guard
            requests == other.requests, promptTokens == other.promptTokens,
            completionTokens == other.completionTokens, cacheRead == other.cacheRead, cacheWrite == other.cacheWrite,
            groups == other.groups, close(spend, other.spend), Set(byTeam.keys) == Set(other.byTeam.keys)
        else { return false }
        return byTeam.allSatisfy { key, value in
            let o = other.byTeam[key]!
            return value.requests == o.requests && close(value.spend, o.spend)
        }
    }
}
