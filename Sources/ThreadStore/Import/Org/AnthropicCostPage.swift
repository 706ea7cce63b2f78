/// A page of Anthropic's cost report (`GET /v1/organizations/cost_report`): `data[]` buckets
/// (`starting_at`, `ending_at`, `results[]`), each result with `amount` in the lowest currency
/// unit as a decimal string ("123.45" USD is $1.2345), `currency`, and when grouped by
/// `workspace_id` and `description`: `workspace_id`, `description`, `model`, `cost_type`,
/// `token_type`, `context_window`, `service_tier`.
///
/// The report names no user or key: the panel's user and team are the workspace ('' for the
/// default workspace or without grouping by it). Tokens and requests are 0; spend is the amount.
enum AnthropicCostPage {
    static let measures: Set<String> = ["amount"]

    static func buckets(in page: [String: Any]) throws(OrgExportPageProblem) -> [OrgExportBucket] {
        guard let data = page["data"] as? [Any] else { throw OrgExportPageProblem("no \"data\" array of buckets") }
        var out: [OrgExportBucket] = []
        for (b, element) in data.enumerated() {
            guard let bucket = element as? [String: Any], let start = OrgExportFields.string(bucket["starting_at"]),
                let day = OrgExportFields.day(rfc3339: start)
            else { throw OrgExportPageProblem("bucket \(b + 1) has no RFC 3339 \"starting_at\"") }
            for (r, item) in ((bucket["results"] as? [Any]) ?? []).enumerated() {
                guard let result = item as? [String: Any], let cents = OrgExportFields.double(result["amount"]) else {
                    throw OrgExportPageProblem("bucket \(b + 1), result \(r + 1) has no \"amount\"")
                }
                let currency = (OrgExportFields.string(result["currency"]) ?? "USD").uppercased()
                guard currency == "USD" else {
                    throw OrgExportPageProblem("bucket \(b + 1), result \(r + 1) is in \(currency), not USD")
                }
                let workspace = OrgExportFields.string(result["workspace_id"]) ?? ""
                var row = OrgExportBucket(
                    key: start + "|" + OrgExportFields.dimensions(result, excluding: measures), day: day,
                    user: workspace, model: OrgExportFields.string(result["model"]) ?? "", team: workspace)
                row.spendUSD = cents / 100
                out.append(row)
            }
        }
        return out
    }
}
