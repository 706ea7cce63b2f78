/// A page of OpenAI's completions usage (`GET /v1/organization/usage/completions`): `data[]`
/// buckets (`start_time`, `end_time` in Unix seconds, `results[]`), each result with
/// `input_tokens` (cached included), `input_cached_tokens`, `output_tokens`,
/// `num_model_requests`, and the `group_by` dimensions `project_id`, `user_id`, `api_key_id`,
/// `model`, `batch`, `service_tier` (null when not grouped by them).
///
/// Input = `input_tokens - input_cached_tokens` (at least 0), cache read = the cached tokens,
/// no cache writes (OpenAI's caching is implicit). User: `user_id`, else the API key, else the
/// project; team: the project. No spend: priced from the tokens.
enum OpenAIUsagePage {
    static let measures: Set<String> = [
        "input_tokens", "output_tokens", "input_cached_tokens", "input_audio_tokens", "output_audio_tokens",
        "num_model_requests", "object",
    ]

    static func buckets(in page: [String: Any]) throws(OrgExportPageProblem) -> [OrgExportBucket] {
        guard let data = page["data"] as? [Any] else { throw OrgExportPageProblem("no \"data\" array of buckets") }
        var out: [OrgExportBucket] = []
        for (b, element) in data.enumerated() {
            guard let bucket = element as? [String: Any], let start = OrgExportFields.double(bucket["start_time"]) else {
                throw OrgExportPageProblem("bucket \(b + 1) has no \"start_time\"")
            }
            let day = OrgExportFields.day(unixSeconds: start)
            for (r, item) in ((bucket["results"] as? [Any]) ?? []).enumerated() {
                guard let result = item as? [String: Any], let input = OrgExportFields.int64(result["input_tokens"]) else {
                    throw OrgExportPageProblem("bucket \(b + 1), result \(r + 1) has no \"input_tokens\"")
                }
                let project = OrgExportFields.string(result["project_id"])
                let user =
                    OrgExportFields.string(result["user_id"]) ?? OrgExportFields.string(result["api_key_id"]) ?? project
                    ?? ""
                let kind = (result["object"] as? String) ?? ""
                var row = OrgExportBucket(
                    key: "\(Int64(start))|\(kind)|" + OrgExportFields.dimensions(result, excluding: measures), day: day,
                    user: user, model: OrgExportFields.string(result["model"]) ?? "", team: project ?? "")
                let cached = OrgExportFields.int64(result["input_cached_tokens"]) ?? 0
                row.inputTokens = max(0, input - cached)
                row.cacheReadTokens = cached
                row.outputTokens = OrgExportFields.int64(result["output_tokens"]) ?? 0
                row.requests = OrgExportFields.int64(result["num_model_requests"]) ?? 0
                out.append(row)
            }
        }
        return out
    }
}
