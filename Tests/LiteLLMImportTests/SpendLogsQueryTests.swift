// Tests: Blocking.swift
import Foundation
import Testing

@testable import LiteLLMImport

/// The aggregate's SQL text as written for each schema a LiteLLM database can have (the server
/// tests in LiteLLMImportTests run it), and the blocking bridge the command line waits with.
@Suite struct SpendLogsQueryTests {
    static let current: [String: String] = [
        "startTime": "timestamp without time zone", "model": "text", "spend": "double precision",
        "prompt_tokens": "integer", "completion_tokens": "integer", "user": "text", "team_id": "text",
        "metadata": "jsonb", "messages": "jsonb", "response": "jsonb", "proxy_server_request": "jsonb",
    ]

    @Test func aCurrentSchemaReadsUsersTeamsAndCacheTokensFromMetadata() {
        let q = SpendLogsQuery(schema: "public", columns: Self.current)
        #expect(q.missingRequired.isEmpty && q.missingOptional.isEmpty)
        #expect(q.cacheSource == .metadata)
        let sql = q.aggregateSQL(since: nil)
        #expect(sql.contains("FROM \"public\".\"LiteLLM_SpendLogs\" s"))
        #expect(sql.contains("coalesce(s.\"user\", '')") && sql.contains("coalesce(s.team_id, '')"))
        #expect(sql.contains("s.metadata->'usage_object'->'cache_read_input_tokens'"))
        #expect(sql.contains("->'prompt_tokens_details'->'cached_tokens'"))
        #expect(!sql.contains("WHERE"))
        // No column that holds prompt or response text is ever named.
        for column in SpendLogsQuery.neverRead { #expect(!sql.contains(column), "\(column)") }
    }

    @Test func olderSchemasFallBackAndSayWhatIsMissing() {
        var columns = Self.current
        columns["user"] = nil
        columns["team_id"] = nil
        columns["metadata"] = "text"
        let q = SpendLogsQuery(schema: "litellm", columns: columns)
        #expect(q.missingOptional == ["user", "team_id", "metadata (type text, not JSON)"])
        #expect(q.cacheSource == .none)
        let sql = q.aggregateSQL(since: Day("2026-03-01"))
        #expect(sql.contains("''::text COLLATE \"C\" AS u") && sql.contains("''::text COLLATE \"C\" AS t"))
        #expect(sql.contains("coalesce(0, 0) AS cr"))
        #expect(sql.contains("WHERE s.\"startTime\" >= DATE '2026-03-01'"))

        columns["metadata"] = "json"
        #expect(
            SpendLogsQuery(schema: "s", columns: columns).aggregateSQL(since: nil).contains("s.metadata::jsonb->'usage_object'"))
        columns["cache_read_input_tokens"] = "integer"
        columns["cache_creation_input_tokens"] = "integer"
        let withColumns = SpendLogsQuery(schema: "s", columns: columns)
        #expect(withColumns.cacheSource == .columns)
        #expect(withColumns.aggregateSQL(since: nil).contains("s.cache_read_input_tokens::int8"))

        var broken = Self.current
        broken["spend"] = nil
        broken["startTime"] = nil
        #expect(SpendLogsQuery(schema: "public", columns: broken).missingRequired == ["startTime", "spend"])
    }

    @Test func identifiersAreQuotedWhateverTheyHold() {
        #expect(SpendLogsQuery.quote("my\"schema") == "\"my\"\"schema\"")
        #expect(SpendLogsQuery(schema: "a b", columns: [:]).qualifiedTable == "\"a b\".\"LiteLLM_SpendLogs\"")
    }

    struct Refused: Error, Equatable {}

    @Test func blockingWaitsForTheResultAndPassesErrorsOn() throws {
        let value = try runBlocking { () async throws -> Int in
            try await Task.sleep(nanoseconds: 1_000_000)
            return 42
        }
        #expect(value == 42)
        #expect(throws: Refused.self) { try runBlocking { () async throws -> Int in throw Refused() } }
    }
}
