// Tests: OrgExportFields.swift
import Foundation
import Testing

@testable import ThreadStore

/// Absurd numbers in admin exports: a page or row whose count no real usage has (negative,
/// over a trillion, beyond 64 bits) is skipped with its position, never stored or trapped on.
@Suite struct OrgExportRangeTests {
    static func page(day: String, output: String) -> String {
        """
        {"data":[{"starting_at":"\(day)T00:00:00Z","ending_at":"\(day)T23:59:59Z","results":[{"uncached_input_tokens":10,\
        "cache_read_input_tokens":0,"output_tokens":\(output),"api_key_id":"k","workspace_id":"w",\
        "model":"claude-sonnet-4-5-20250929","service_tier":"standard","context_window":"0-200k"}]}],\
        "has_more":false,"next_page":null}
        """
    }

    @Test func jsonPagesWithAbsurdCountsAreSkippedWithTheirPosition() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("usage.jsonl")
        let lines = [
            Self.page(day: "2026-03-02", output: "300"), Self.page(day: "2026-03-03", output: "1e30"),
            Self.page(day: "2026-03-04", output: "-5"), Self.page(day: "2026-03-05", output: "\"1e30\""),
            Self.page(day: "2026-03-06", output: "2000000000000"),
        ]
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let file = try OrgExportFile(path: path, source: .anthropicUsage)
        #expect(file.buckets.map(\.day) == ["2026-03-02"])
        #expect(file.buckets.first?.outputTokens == 300)
        #expect(file.skipped.map(\.position) == (2...5).map { "\(path):\($0) (page \($0))" })
        #expect(file.skipped.allSatisfy { $0.reason == "output tokens out of range (negative, or over a trillion)" })
    }

    @Test func csvRowsWithAbsurdCountsAreSkippedWithTheirLine() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("usage.csv")
        try """
        usage_date_utc,model_version,api_key,workspace,usage_type,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens,web_search_count
        2026-03-02,claude-sonnet-4-5-20250929,k,w,message,1000,200,50,5000,300,0
        2026-03-03,claude-sonnet-4-5-20250929,k,w,message,1000,200,50,5000,1e30,0
        2026-03-04,claude-sonnet-4-5-20250929,k,w,message,1000,200,50,5000,-3,0

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let file = try OrgExportFile(path: path, source: .anthropicUsage)
        #expect(file.buckets.map(\.day) == ["2026-03-02"])
        #expect(file.skipped.map(\.position) == ["\(path):3", "\(path):4"])
        #expect(file.skipped.first?.reason == "usage_output_tokens \"1e30\" is over a trillion, not a real count")
        #expect(file.skipped.last?.reason == "usage_output_tokens \"-3\" is not a count")
    }

    @Test func fieldsReadAbsurdNumbersAsOutOfRangeNotAsTraps() {
        #expect(OrgExportFields.int64(NSNumber(value: 1e30)) == .max)
        #expect(OrgExportFields.int64("1e30") == .max)
        #expect(OrgExportFields.int64("nan") == .max)
        #expect(OrgExportFields.int64("12") == 12 && OrgExportFields.int64("12.6") == 13)
        #expect(OrgExportFields.int64(NSNumber(value: 7)) == 7 && OrgExportFields.int64("x") == nil)
    }
}
