/// A page of Anthropic's messages usage report (`GET /v1/organizations/usage_report/messages`):
/// `data[]` buckets (`starting_at`, `ending_at`, `results[]`), each result one group of the
/// request's `group_by` (`api_key_id`, `workspace_id`, `model`, `service_tier`,
/// `context_window`, `account_id`, ...; null when not grouped by it) with
/// `uncached_input_tokens`, `cache_creation` {`ephemeral_5m_input_tokens`,
/// `ephemeral_1h_input_tokens`}, `cache_read_input_tokens`, `output_tokens`.
///
/// Users: `account_id` when grouped by it, else the API key, else the workspace; team: the
/// workspace. The report has no request count and no spend: requests stay 0 and the spend is
/// priced from the tokens.
enum AnthropicUsagePage {
    static let measures: Set<String> = [
        "uncached_input_tokens", "cache_creation", "cache_read_input_tokens", "output_tokens", "server_tool_use",
        "cache_creation_5m_input_tokens", "cache_creation_1h_input_tokens",
    ]

    static func buckets(in page: [String: Any]) throws(OrgExportPageProblem) -> [OrgExportBucket] {
        guard let data = page["data"] as? [Any] else { throw OrgExportPageProblem("no \"data\" array of buckets") }
        var out: [OrgExportBucket] = []
        for (b, element) in data.enumerated() {
            guard let bucket = element as? [String: Any], let start = OrgExportFields.string(bucket["starting_at"]),
                let day = OrgExportFields.day(rfc3339: start)
            else { throw OrgExportPageProblem("bucket \(b + 1) has no RFC 3339 \"starting_at\"") }
            for (r, item) in ((bucket["results"] as? [Any]) ?? []).enumerated() {
                guard let result = item as? [String: Any] else {
                    throw OrgExportPageProblem("bucket \(b + 1), result \(r + 1) is not an object")
                }
                let workspace = OrgExportFields.string(result["workspace_id"])
                let user =
                    OrgExportFields.string(result["account_id"]) ?? OrgExportFields.string(result["service_account_id"])
                    ?? OrgExportFields.string(result["api_key_id"]) ?? workspace ?? ""
                var row = OrgExportBucket(
                    key: start + "|" + OrgExportFields.dimensions(result, excluding: measures), day: day, user: user,
                    model: OrgExportFields.string(result["model"]) ?? "", team: workspace ?? "")
                row.inputTokens = OrgExportFields.int64(result["uncached_input_tokens"]) ?? 0
                row.outputTokens = OrgExportFields.int64(result["output_tokens"]) ?? 0
                row.cacheReadTokens = OrgExportFields.int64(result["cache_read_input_tokens"]) ?? 0
                // The documented nested object, or the flat names some client libraries write.
                let creation = result["cache_creation"] as? [String: Any]
                let write5m =
                    OrgExportFields.int64(creation?["ephemeral_5m_input_tokens"])
                    ?? OrgExportFields.int64(result["cache_creation_5m_input_tokens"]) ?? 0
                let write1h =
                    OrgExportFields.int64(creation?["ephemeral_1h_input_tokens"])
                    ?? OrgExportFields.int64(result["cache_creation_1h_input_tokens"]) ?? 0
                row.cacheWriteTokens = write5m + write1h
                row.cacheWrite1hTokens = write1h
                out.append(row)
            }
        }
        return out
    }
}
