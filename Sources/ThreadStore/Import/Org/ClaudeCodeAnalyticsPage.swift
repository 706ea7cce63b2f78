/// A page of Anthropic's Claude Code analytics (`GET /v1/organizations/usage_report/claude_code`):
/// `data[]` daily records, each with `date`, `actor` (`email_address` for a user, `api_key_name`
/// for a key), `organization_id`, `customer_type`, `terminal_type`, `core_metrics`,
/// `tool_actions` and `model_breakdown[]` {`model`, `tokens` {`input`, `output`, `cache_read`,
/// `cache_creation`}, `estimated_cost` {`currency`, `amount` in minor units (cents)}}.
///
/// One bucket per record and model: user = the actor; team '' (the report has none); spend =
/// the estimated cost; `tokens.input` is taken as uncached input (cache reads and writes are
/// listed beside it). The report counts sessions, not requests: requests stay 0.
enum ClaudeCodeAnalyticsPage {
    static let measures: Set<String> = ["core_metrics", "tool_actions", "model_breakdown", "actor"]

    static func buckets(in page: [String: Any]) throws(OrgExportPageProblem) -> [OrgExportBucket] {
        guard let data = page["data"] as? [Any] else { throw OrgExportPageProblem("no \"data\" array of records") }
        var out: [OrgExportBucket] = []
        for (r, element) in data.enumerated() {
            guard let record = element as? [String: Any], let date = OrgExportFields.string(record["date"]),
                let day = OrgExportFields.day(rfc3339: date)
            else { throw OrgExportPageProblem("record \(r + 1) has no \"date\"") }
            let actor = record["actor"] as? [String: Any]
            let user =
                OrgExportFields.string(actor?["email_address"]) ?? OrgExportFields.string(actor?["api_key_name"]) ?? ""
            let dims = OrgExportFields.dimensions(record, excluding: measures) + "|actor=\(user)"
            for (m, item) in ((record["model_breakdown"] as? [Any]) ?? []).enumerated() {
                guard let entry = item as? [String: Any] else {
                    throw OrgExportPageProblem("record \(r + 1), model \(m + 1) is not an object")
                }
                let model = OrgExportFields.string(entry["model"]) ?? ""
                var row = OrgExportBucket(key: dims + "|model=\(model)", day: day, user: user, model: model, team: "")
                let tokens = entry["tokens"] as? [String: Any]
                row.inputTokens = OrgExportFields.int64(tokens?["input"]) ?? 0
                row.outputTokens = OrgExportFields.int64(tokens?["output"]) ?? 0
                row.cacheReadTokens = OrgExportFields.int64(tokens?["cache_read"]) ?? 0
                row.cacheWriteTokens = OrgExportFields.int64(tokens?["cache_creation"]) ?? 0
                if let cost = entry["estimated_cost"] as? [String: Any], let minor = OrgExportFields.double(cost["amount"]) {
                    let currency = (OrgExportFields.string(cost["currency"]) ?? "USD").uppercased()
                    guard currency == "USD" else {
                        throw OrgExportPageProblem("record \(r + 1), model \(m + 1) is in \(currency), not USD")
                    }
                    row.spendUSD = minor / 100
                }
                out.append(row)
            }
        }
        return out
    }
}
