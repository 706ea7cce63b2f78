// Tests: OrgExportFile.swift, OrgExportFields.swift
// Tests: AnthropicUsagePage.swift, AnthropicCostPage.swift, ClaudeCodeAnalyticsPage.swift, OpenAIUsagePage.swift, OpenAICostsPage.swift, OTLPMetricsPage.swift, OrgExportSource.swift, OrgExportBucket.swift, OrgExportPricer.swift, OrgExportError.swift, OrgExportCSV.swift, OrgExportImporter.swift, OrgExportReport.swift
import Foundation
import Pricing
import Testing

@testable import ThreadStore

/// The admin-export readers one by one, on pages small enough to count by hand (the CLI tests
/// in ImportAdminExportTests run them on the fixture files end to end).
@Suite struct OrgExportPagesTests {
    static func page(_ json: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
    }

    static func problem(
        _ parse: ([String: Any]) throws(OrgExportPageProblem) -> [OrgExportBucket], _ page: [String: Any]
    ) -> String? {
        do throws(OrgExportPageProblem) {
            _ = try parse(page)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func anthropicUsageMapsClassesAndPrefersTheAccountAsUser() throws {
        let page = Self.page(
            """
            {"data": [{"starting_at": "2026-03-02T00:00:00Z", "ending_at": "2026-03-03T00:00:00Z", "results": [
              {"uncached_input_tokens": 100, "output_tokens": 20, "cache_read_input_tokens": 300,
               "cache_creation": {"ephemeral_5m_input_tokens": 40, "ephemeral_1h_input_tokens": 5},
               "model": "claude-sonnet-4-5", "workspace_id": "wrk_1", "api_key_id": "key_1", "account_id": null},
              {"uncached_input_tokens": 7, "output_tokens": 1, "cache_creation_1h_input_tokens": 9,
               "model": "claude-haiku-4-5", "workspace_id": null, "api_key_id": "key_2"},
              {"output_tokens": 3, "model": "claude-haiku-4-5", "workspace_id": "wrk_1", "api_key_id": "key_1",
               "account_id": "acct_7"},
              {"output_tokens": 4, "model": "claude-haiku-4-5", "workspace_id": "wrk_2"}]}]}
            """)
        let rows = try AnthropicUsagePage.buckets(in: page)
        #expect(rows.count == 4)
        // The account when grouped by it, else the key, else the workspace.
        #expect(rows[2].user == "acct_7" && rows[3].user == "wrk_2" && rows[3].team == "wrk_2")
        #expect(rows[0].day == "2026-03-02")
        #expect(rows[0].user == "key_1")
        #expect(rows[0].team == "wrk_1")
        #expect(
            [rows[0].inputTokens, rows[0].outputTokens, rows[0].cacheReadTokens, rows[0].cacheWriteTokens]
                == [100, 20, 300, 45])
        #expect(rows[0].cacheWrite1hTokens == 5)
        #expect(rows[0].spendUSD == nil)
        // The flat 1-hour name some clients write; no workspace: team ''.
        #expect(rows[1].cacheWriteTokens == 9 && rows[1].cacheWrite1hTokens == 9)
        #expect(rows[1].team == "" && rows[1].user == "key_2")
        // The key holds the start and every dimension, so the two groups differ.
        #expect(rows[0].key != rows[1].key)
        #expect(rows[0].key.hasPrefix("2026-03-02T00:00:00Z|"))
        #expect(
            Self.problem(AnthropicUsagePage.buckets, Self.page(#"{"data": [{"results": []}]}"#))
                == "bucket 1 has no RFC 3339 \"starting_at\"")
        #expect(
            Self.problem(AnthropicUsagePage.buckets, Self.page(#"{"has_more": false}"#))
                == "no \"data\" array of buckets")
    }

    @Test func anthropicCostIsInCentsAndUSDOnly() throws {
        let page = Self.page(
            """
            {"data": [{"starting_at": "2026-03-05T00:00:00Z", "results": [
              {"amount": "1234.5", "currency": "USD", "workspace_id": "wrk_9", "model": "claude-opus-4-1"},
              {"amount": "50", "currency": "USD", "workspace_id": null}]}]}
            """)
        let rows = try AnthropicCostPage.buckets(in: page)
        #expect(rows.map(\.spendUSD) == [12.345, 0.5])
        #expect(rows[0].user == "wrk_9" && rows[0].team == "wrk_9" && rows[0].model == "claude-opus-4-1")
        #expect(rows[1].user == "" && rows[1].model == "")
        #expect(rows.allSatisfy { $0.tokens == 0 && $0.requests == 0 })
        let euro = Self.page(
            #"{"data": [{"starting_at": "2026-03-05T00:00:00Z", "results": [{"amount": "1", "currency": "eur"}]}]}"#)
        #expect(Self.problem(AnthropicCostPage.buckets, euro) == "bucket 1, result 1 is in EUR, not USD")
        let noAmount = Self.page(#"{"data": [{"starting_at": "2026-03-05T00:00:00Z", "results": [{"currency": "USD"}]}]}"#)
        #expect(Self.problem(AnthropicCostPage.buckets, noAmount) == "bucket 1, result 1 has no \"amount\"")
    }

    @Test func claudeCodeAnalyticsGivesOneBucketPerRecordAndModel() throws {
        let page = Self.page(
            """
            {"data": [{"date": "2026-04-01T00:00:00Z", "actor": {"type": "user_actor", "email_address": "a@x.io"},
               "organization_id": "org", "terminal_type": "vscode", "core_metrics": {"num_sessions": 3},
               "model_breakdown": [
                 {"model": "claude-sonnet-4-5", "tokens": {"input": 10, "output": 20, "cache_read": 30, "cache_creation": 40},
                  "estimated_cost": {"currency": "USD", "amount": 250}},
                 {"model": "claude-haiku-4-5", "tokens": {"input": 1, "output": 2}}]},
              {"date": "2026-04-01T00:00:00Z", "actor": {"type": "api_actor", "api_key_name": "ci"}, "model_breakdown": []}]}
            """)
        let rows = try ClaudeCodeAnalyticsPage.buckets(in: page)
        #expect(rows.count == 2)
        #expect(rows[0].user == "a@x.io" && rows[0].team == "" && rows[0].day == "2026-04-01")
        #expect(
            [rows[0].inputTokens, rows[0].outputTokens, rows[0].cacheReadTokens, rows[0].cacheWriteTokens] == [10, 20, 30, 40])
        #expect(rows[0].spendUSD == 2.5)
        // No estimated cost: left to the pricer.
        #expect(rows[1].spendUSD == nil && rows[1].tokens == 3)
        #expect(rows[0].key.hasSuffix("|actor=a@x.io|model=claude-sonnet-4-5"))
        #expect(
            Self.problem(ClaudeCodeAnalyticsPage.buckets, Self.page(#"{"data": [{"actor": {}}]}"#))
                == "record 1 has no \"date\"")
    }

    @Test func openAIUsageTakesCachedTokensOutOfInput() throws {
        let page = Self.page(
            """
            {"object": "page", "data": [{"object": "bucket", "start_time": 1772409600, "end_time": 1772496000, "results": [
              {"object": "organization.usage.completions.result", "input_tokens": 1000, "input_cached_tokens": 600,
               "output_tokens": 50, "num_model_requests": 4, "project_id": "proj_a", "user_id": null, "api_key_id": "k1",
               "model": "gpt-5", "batch": false},
              {"object": "organization.usage.completions.result", "input_tokens": 10, "input_cached_tokens": 25,
               "project_id": "proj_b"}]}]}
            """)
        let rows = try OpenAIUsagePage.buckets(in: page)
        #expect(rows[0].day == "2026-03-02")
        #expect(rows[0].inputTokens == 400 && rows[0].cacheReadTokens == 600 && rows[0].cacheWriteTokens == 0)
        #expect(rows[0].outputTokens == 50 && rows[0].requests == 4)
        #expect(rows[0].user == "k1" && rows[0].team == "proj_a")
        #expect(rows[0].key.contains("batch=false"))
        // More cached than input (rounding in the API): input floors at 0; the project is the user.
        #expect(rows[1].inputTokens == 0 && rows[1].cacheReadTokens == 25 && rows[1].user == "proj_b")
        let noInput = Self.page(#"{"data": [{"start_time": 1772409600, "results": [{"output_tokens": 1}]}]}"#)
        #expect(Self.problem(OpenAIUsagePage.buckets, noInput) == "bucket 1, result 1 has no \"input_tokens\"")
    }

    @Test func openAICostsNameTheModelFromTheLineItem() throws {
        let page = Self.page(
            """
            {"data": [{"object": "bucket", "start_time": 1772409600, "results": [
              {"object": "organization.costs.result", "amount": {"value": 1.25, "currency": "usd"},
               "line_item": "gpt-4o-2024-08-06, input", "project_id": "proj_a"},
              {"object": "organization.costs.result", "amount": {"value": 0.5, "currency": "usd"}}]}]}
            """)
        let rows = try OpenAICostsPage.buckets(in: page)
        #expect(rows.map(\.spendUSD) == [1.25, 0.5])
        #expect(rows[0].model == "gpt-4o-2024-08-06" && rows[0].user == "proj_a")
        #expect(rows[1].model == "" && rows[1].user == "")
        #expect(OpenAICostsPage.model(lineItem: "web search") == "web search")
        #expect(OpenAICostsPage.model(lineItem: nil) == "")
    }

    @Test func otlpReadsTokenAndCostSumsWithResourceAttributes() throws {
        let page = Self.page(
            """
            {"resourceMetrics": [{"resource": {"attributes": [
                {"key": "user.email", "value": {"stringValue": "dev@x.io"}},
                {"key": "team.id", "value": {"stringValue": "web"}}]},
              "scopeMetrics": [{"metrics": [
                {"name": "claude_code.token.usage", "sum": {"aggregationTemporality": 1, "dataPoints": [
                  {"attributes": [{"key": "type", "value": {"stringValue": "input"}},
                                  {"key": "model", "value": {"stringValue": "claude-sonnet-4-5"}}],
                   "startTimeUnixNano": "1772409600000000000", "timeUnixNano": "1772413200000000000", "asDouble": 120},
                  {"attributes": [{"key": "type", "value": {"stringValue": "cacheCreation"}}],
                   "startTimeUnixNano": "1772409600000000000", "timeUnixNano": "1772413200000000000", "asInt": "30"}]}},
                {"name": "claude_code.cost.usage", "sum": {"aggregationTemporality": "AGGREGATION_TEMPORALITY_CUMULATIVE",
                  "dataPoints": [{"timeUnixNano": "1772413200000000000", "asDouble": 0.75}]}},
                {"name": "claude_code.session.count", "sum": {"dataPoints": [{"timeUnixNano": "1", "asInt": 1}]}}]}]}]}
            """)
        let rows = try OTLPMetricsPage.buckets(in: page)
        #expect(rows.count == 3)
        #expect(rows[0].inputTokens == 120 && rows[0].user == "dev@x.io" && rows[0].team == "web")
        #expect(rows[0].model == "claude-sonnet-4-5" && rows[0].day == "2026-03-02")
        #expect(rows[0].cumulativeSeries == nil && rows[0].key.hasPrefix("delta|"))
        #expect(rows[1].cacheWriteTokens == 30)
        #expect(rows[2].spendUSD == 0.75 && rows[2].cumulativeSeries != nil && rows[2].key.hasPrefix("cumulative|"))
        #expect(try OTLPMetricsPage.isCumulative(nil, metric: "m"))
        #expect(try !OTLPMetricsPage.isCumulative("1", metric: "m"))
        #expect(try OTLPMetricsPage.isCumulative(2, metric: "m"))
        let badType = Self.page(
            """
            {"resourceMetrics": [{"scopeMetrics": [{"metrics": [{"name": "claude_code.token.usage", "sum": {"dataPoints": [
              {"attributes": [{"key": "type", "value": {"stringValue": "reasoning"}}], "timeUnixNano": "1", "asInt": 1}]}}]}]}]}
            """)
        #expect(Self.problem(OTLPMetricsPage.buckets, badType)?.contains("type \"reasoning\"") == true)
        #expect(
            Self.problem(OTLPMetricsPage.buckets, Self.page(#"{"resourceLogs": []}"#))
                == "OTLP logs or traces, not metrics (only metrics are read)")
    }

    @Test func sourcesAreDetectedFromTheirPagesAndAPIErrorsRecognised() {
        let cases: [(String, OrgExportSource?)] = [
            (#"{"resourceMetrics": []}"#, .otlp),
            (#"{"data": [{"actor": {}, "date": "2026-01-01"}]}"#, .claudeCodeAnalytics),
            (#"{"data": [{"start_time": 1, "results": [{"object": "organization.costs.result"}]}]}"#, .openaiCosts),
            (#"{"data": [{"start_time": 1, "results": [{"num_model_requests": 2}]}]}"#, .openaiUsage),
            (#"{"data": [{"starting_at": "x", "results": [{"amount": "1"}]}]}"#, .anthropicCost),
            (#"{"data": [{"starting_at": "x", "results": [{"output_tokens": 1}]}]}"#, .anthropicUsage),
            (#"{"data": []}"#, nil),
            (#"{"data": [{"starting_at": "x", "results": []}]}"#, nil),
        ]
        for (json, expected) in cases {
            #expect(OrgExportSource.detect(Self.page(json)) == expected, "\(json)")
        }
        #expect(
            OrgExportSource.apiError(Self.page(#"{"type": "error", "error": {"type": "rate_limit_error", "message": "slow"}}"#))
                == "rate_limit_error: slow")
        #expect(OrgExportSource.apiError(Self.page(#"{"error": {"message": "bad key"}}"#)) == "bad key")
        #expect(OrgExportSource.apiError(Self.page(#"{"data": [], "error": null}"#)) == nil)
        #expect(OrgExportSource.anthropicCost.carriesSpend && !OrgExportSource.openaiUsage.carriesSpend)
    }

    @Test func bucketRangeChecksAndSums() {
        var a = OrgExportBucket(key: "k", day: "2026-01-01", user: "u", model: "m", team: "")
        a.inputTokens = 5
        a.cacheWrite1hTokens = 2
        #expect(a.outOfRange == nil)
        var b = a
        b.spendUSD = 1.5
        a.add(b)
        #expect(a.inputTokens == 10 && a.cacheWrite1hTokens == 4 && a.spendUSD == 1.5)
        var bad = a
        bad.outputTokens = -1
        #expect(bad.outOfRange == "output tokens out of range (negative, or over a trillion)")
        bad = a
        bad.requests = TokenCounts.maxLogged + 1
        #expect(bad.outOfRange?.hasPrefix("requests") == true)
        bad = a
        bad.spendUSD = .nan
        #expect(bad.outOfRange == "spend is not a number")
    }

    @Test func pricerPricesEachClassAndListsUnpricedModels() {
        let price = ModelPrice(
            model: "m1", provider: "p", input: 1e-6, output: 2e-6, cacheRead: 1e-7, cacheWrite5m: 1.25e-6,
            cacheWrite1h: 2e-6, caching: .explicit)
        var pricer = OrgExportPricer(catalog: PriceCatalog(source: "test", date: "2026-01-01", prices: [price]))
        var known = OrgExportBucket(key: "a", day: "2026-01-01", user: "u", model: "m1", team: "")
        known.inputTokens = 1_000_000
        known.outputTokens = 1_000_000
        known.cacheReadTokens = 1_000_000
        known.cacheWriteTokens = 3_000_000
        known.cacheWrite1hTokens = 1_000_000
        pricer.price(&known)
        // 1 + 2 + 0.1 + 2 x 1.25 + 2 = 7.6
        #expect(abs((known.spendUSD ?? 0) - 7.6) < 1e-9)
        var carried = known
        carried.spendUSD = 3
        pricer.price(&carried)
        #expect(carried.spendUSD == 3)
        var unknown = OrgExportBucket(key: "b", day: "2026-01-01", user: "u", model: "no-such-model-xyz", team: "")
        unknown.outputTokens = 42
        var unknown2 = unknown
        pricer.price(&unknown)
        pricer.price(&unknown2)
        #expect(unknown.spendUSD == 0)
        #expect(pricer.priced == 1)
        #expect(pricer.unpriced["no-such-model-xyz"] == .init(model: "no-such-model-xyz", tokens: 84, buckets: 2))
    }

    @Test func errorMessagesNameTheFileLineAndFix() {
        let other = OrgExportError.otherSource(path: "f.json", line: 3, page: 2, expected: .anthropicUsage, found: .openaiUsage)
        #expect(other.description.hasPrefix("f.json:3 (page 2): this looks like an OpenAI usage page"))
        #expect(other.description.contains("use `tokencast import openai-usage f.json`"))
        let shape = OrgExportError.notThisShape(path: "f.json", line: 1, expected: .otlp, reason: "no \"resourceMetrics\" array")
        #expect(shape.description.contains("f.json:1: not OTLP JSON metrics"))
        #expect(!shape.description.contains("CSV"))
        let cols = OrgExportError.missingColumns(
            path: "u.csv", line: 1, source: .openaiCosts, missing: ["amount_value or cost_usd"], found: ["date"])
        #expect(
            cols.description.hasPrefix(
                "u.csv:1: a CSV header without the column(s) openai-costs needs: amount_value or cost_usd (found: date)"))
        #expect(OrgExportError.empty(path: "e.csv", source: .anthropicCost).description.hasPrefix("e.csv: the file is empty"))
    }

    @Test func csvRowsOfOneKeyAddUpAndBadRowsAreSkippedWithTheirLine() throws {
        let text = """
            Date,Model,Workspace,usage_input_tokens_no_cache,usage_output_tokens,usage_input_tokens_cache_write_1h,Note
            2026-03-02,claude-sonnet-4-5,web,100,10,4,x
            2026-03-02,claude-sonnet-4-5,web,"1,000",5,,x
            2026-03-02,claude-sonnet-4-5,web,-3,5,,y
            2026-03-03T10:00:00Z,claude-sonnet-4-5,web,1,1,,x
            not-a-day,claude-sonnet-4-5,web,1,1,,x
            """
        let csv = try OrgExportCSV(text: text, path: "u.csv", source: .anthropicUsage)
        #expect(csv.rows == 5)
        #expect(csv.buckets.count == 2)
        #expect(csv.buckets[0].inputTokens == 1100 && csv.buckets[0].outputTokens == 15)
        #expect(csv.buckets[0].cacheWriteTokens == 4 && csv.buckets[0].cacheWrite1hTokens == 4)
        #expect(csv.buckets[0].user == "web" && csv.buckets[0].team == "web")
        #expect(csv.buckets[1].day == "2026-03-03")
        #expect(csv.skipped.map(\.line) == [4, 6])
        #expect(csv.skipped[0].reason == "usage_input_tokens_no_cache \"-3\" is not a count")
        #expect(csv.skipped[1].reason.hasPrefix("date \"not-a-day\" is not a date"))
        #expect(throws: OrgExportError.self) {
            _ = try OrgExportCSV(text: "date,model\n2026-01-01,m\n", path: "c.csv", source: .openaiCosts)
        }
        let cents = try OrgExportCSV(text: "date,amount,currency\n2026-01-01,250,USD\n", path: "c.csv", source: .anthropicCost)
        #expect(cents.buckets.first?.spendUSD == 2.5)
        #expect(OrgExportCSV.columnsText(.otlp) == "")
        #expect(OrgExportCSV.columnsText(.openaiCosts).hasPrefix("day (date|day|"))
    }

    @Test func importerWritesEveryFileAndReportsWhatItRead() throws {
        let dir = try TemporaryDirectory()
        let file = dir.file("cost.jsonl")
        let pages = [
            #"{"data": [{"starting_at": "2026-03-02T00:00:00Z", "results": [{"amount": "150", "workspace_id": "w"}]}]}"#,
            #"{"type": "error", "error": {"type": "overloaded_error", "message": "busy"}}"#,
            #"{"data": [{"starting_at": "2026-03-03T00:00:00Z", "results": [{"amount": "50", "workspace_id": "w"}]}]}"#,
        ]
        try pages.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let db = dir.file("t.db")
        let importer = OrgExportImporter(
            source: .anthropicCost, catalog: PriceCatalog(source: "t", date: "2026-01-01", prices: []))
        var steps: [Int] = []
        let report = try importer.importFiles(
            [file], openStore: { try ThreadStore(path: db) }, progress: { i, _ in steps.append(i) })
        #expect(steps == [1])
        #expect(report.files.count == 1 && report.files[0].units == 2 && report.files[0].buckets == 2)
        #expect(report.files[0].firstDay == "2026-03-02" && report.files[0].lastDay == "2026-03-03")
        #expect(
            report.skipped == [.init(position: "\(file):2 (page 2)", reason: "an API error response: overloaded_error: busy")])
        #expect(abs(report.totals.spendUSD - 2.0) < 1e-12)
        #expect(report.storedBuckets == 2 && report.priced == 0)
        let summary = report.summary
        #expect(summary.contains("\(file): 2 pages, 2 buckets (2026-03-02..2026-03-03)"))
        #expect(summary.contains("skipped 1 (pages or rows that are not an Anthropic cost report (cost_report)):"))
        #expect(summary.contains("spend: as the source reports it"))
        #expect(summary.contains("$2.00"))
        // A file of another source stops the import before the store is opened.
        let wrong = dir.file("openai.json")
        try #"{"data": [{"start_time": 1, "results": [{"num_model_requests": 2, "input_tokens": 1}]}]}"#
            .write(toFile: wrong, atomically: true, encoding: .utf8)
        var opened = false
        #expect(throws: OrgExportError.self) {
            _ = try importer.importFiles(
                [wrong],
                openStore: {
                    opened = true; return try ThreadStore(path: db)
                })
        }
        #expect(!opened)
        #expect(OrgExportReport.grouped(1_234_567) == "1,234,567" && OrgExportReport.grouped(-1000) == "-1,000")
    }
}

/// The UTC day of the times the exports write.
@Suite struct OrgExportDayTests {
    @Test func timesWithOffsetsAndUnixTimesGiveTheUTCDay() {
        #expect(OrgExportFields.day(rfc3339: "2026-03-02T23:30:00-02:00") == "2026-03-03")
        #expect(OrgExportFields.day(rfc3339: "2026-03-02T01:00:00.250+05:00") == "2026-03-01")
        #expect(OrgExportFields.day(rfc3339: "2026-03-02T10:00:00Z") == "2026-03-02")
        #expect(OrgExportFields.day(rfc3339: "2026-03-02") == "2026-03-02")
        #expect(OrgExportFields.day(rfc3339: "03/02/2026") == nil)
        #expect(OrgExportFields.day(unixNanos: -1) == "1969-12-31")
        #expect(OrgExportFields.day(unixNanos: 86_400_000_000_000) == "1970-01-02")
        #expect(OrgExportFields.day(anyText: "1772409600") == "2026-03-02")
        #expect(OrgExportFields.day(anyText: "12345") == nil)
    }
}
