/// The admin exports and telemetry tokencast reads into the organisation panel; the raw value
/// is the panel's source name and the `import` subcommand.
public enum OrgExportSource: String, Sendable, CaseIterable {
    /// Anthropic Admin API `GET /v1/organizations/usage_report/messages` (tokens; priced here).
    case anthropicUsage = "anthropic-usage"
    /// Anthropic Admin API `GET /v1/organizations/cost_report` (spend in cents).
    case anthropicCost = "anthropic-cost"
    /// Anthropic Admin API `GET /v1/organizations/usage_report/claude_code` (per-user daily records).
    case claudeCodeAnalytics = "claude-code-analytics"
    /// OpenAI Admin API `GET /v1/organization/usage/completions` (tokens; priced here).
    case openaiUsage = "openai-usage"
    /// OpenAI Admin API `GET /v1/organization/costs` (spend in USD).
    case openaiCosts = "openai-costs"
    /// OpenTelemetry metrics as an OTLP JSON file (Claude Code's `claude_code.*` metrics).
    case otlp

    public var displayName: String {
        switch self {
        case .anthropicUsage: "an Anthropic usage report (usage_report/messages)"
        case .anthropicCost: "an Anthropic cost report (cost_report)"
        case .claudeCodeAnalytics: "a Claude Code analytics report (usage_report/claude_code)"
        case .openaiUsage: "an OpenAI usage page (organization/usage/completions)"
        case .openaiCosts: "an OpenAI costs page (organization/costs)"
        case .otlp: "OTLP JSON metrics (an OpenTelemetry collector's file exporter)"
        }
    }

    /// Whether the source reports spend itself; the others carry tokens and are priced with the
    /// price catalog (OTLP: when the file has no `claude_code.cost.usage` points).
    var carriesSpend: Bool {
        switch self {
        case .anthropicCost, .claudeCodeAnalytics, .openaiCosts: true
        case .anthropicUsage, .openaiUsage, .otlp: false
        }
    }

    /// The source a decoded page looks like, from the fields each API's pages have; nil when it
    /// cannot tell (an empty page, or not one of these shapes).
    static func detect(_ page: [String: Any]) -> OrgExportSource? {
        if page["resourceMetrics"] != nil || page["resource_metrics"] != nil { return .otlp }
        guard let data = page["data"] as? [Any], let first = data.first as? [String: Any] else { return nil }
        if first["actor"] != nil || first["model_breakdown"] != nil { return .claudeCodeAnalytics }
        guard let results = first["results"] as? [Any] else { return nil }
        let result = results.first as? [String: Any]
        if first["start_time"] != nil || (first["object"] as? String) == "bucket" {
            guard let result else { return nil }
            if (result["object"] as? String) == "organization.costs.result" || result["amount"] is [String: Any] {
                return .openaiCosts
            }
            if (result["object"] as? String)?.hasPrefix("organization.usage.") == true
                || result["num_model_requests"] != nil
            {
                return .openaiUsage
            }
            return nil
        }
        if first["starting_at"] != nil {
            guard let result else { return nil }
            if result["amount"] != nil || result["cost_type"] != nil { return .anthropicCost }
            if result["uncached_input_tokens"] != nil || result["output_tokens"] != nil
                || result["cache_read_input_tokens"] != nil
            {
                return .anthropicUsage
            }
        }
        return nil
    }

    /// The error message of an API error response saved in place of a page, if it is one
    /// (Anthropic: `{"type": "error", "error": {...}}`; OpenAI: `{"error": {...}}`).
    static func apiError(_ page: [String: Any]) -> String? {
        guard page["data"] == nil, page["resourceMetrics"] == nil, let error = page["error"] else { return nil }
        if let e = error as? [String: Any] {
            let kind = (e["type"] as? String).map { "\($0): " } ?? ""
            return kind + ((e["message"] as? String) ?? "no message")
        }
        return "\(error)"
    }
}

/// Why one page (or CSV row) was skipped.
struct OrgExportPageProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
