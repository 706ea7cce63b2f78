/// A page of OpenAI's costs (`GET /v1/organization/costs`): `data[]` daily buckets
/// (`start_time`, `end_time`, `results[]`), each result with `amount` {`value`, `currency`
/// ("usd")} and, when grouped by them, `line_item` and `project_id`.
///
/// Model: the line item up to its first ", " (line items read like "gpt-4o-2024-08-06, input");
/// user and team: the project ('' without grouping by it). Tokens and requests are 0.
enum OpenAICostsPage {
    static let measures: Set<String> = ["amount", "object"]

    static func buckets(in page: [String: Any]) throws(OrgExportPageProblem) -> [OrgExportBucket] {
        guard let data = page["data"] as? [Any] else { throw OrgExportPageProblem("no \"data\" array of buckets") }
        var out: [OrgExportBucket] = []
        for (b, element) in data.enumerated() {
            guard let bucket = element as? [String: Any], let start = OrgExportFields.double(bucket["start_time"]) else {
                throw OrgExportPageProblem("bucket \(b + 1) has no \"start_time\"")
            }
            let day = OrgExportFields.day(unixSeconds: start)
            for (r, item) in ((bucket["results"] as? [Any]) ?? []).enumerated() {
                guard let result = item as? [String: Any], let amount = result["amount"] as? [String: Any],
                    let value = OrgExportFields.double(amount["value"])
                else { throw OrgExportPageProblem("bucket \(b + 1), result \(r + 1) has no \"amount\".\"value\"") }
                let currency = (OrgExportFields.string(amount["currency"]) ?? "usd").uppercased()
                guard currency == "USD" else {
                    throw OrgExportPageProblem("bucket \(b + 1), result \(r + 1) is in \(currency), not USD")
                }
                let project = OrgExportFields.string(result["project_id"]) ?? ""
                var row = OrgExportBucket(
                    key: "\(Int64(start))|" + OrgExportFields.dimensions(result, excluding: measures), day: day,
                    user: project, model: Self.model(lineItem: OrgExportFields.string(result["line_item"])),
                    team: project)
                row.spendUSD = value
                out.append(row)
            }
        }
        return out
    }

    static func model(lineItem: String?) -> String {
        guard let lineItem else { return "" }
        if let comma = lineItem.range(of: ", ") { return String(lineItem[..<comma.lowerBound]) }
        return lineItem
    }
}
