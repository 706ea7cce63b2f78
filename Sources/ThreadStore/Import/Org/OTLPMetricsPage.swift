/// One line of an OpenTelemetry collector's file exporter for metrics: an OTLP JSON
/// `ExportMetricsServiceRequest` (`resourceMetrics[].scopeMetrics[].metrics[]`), of which only
/// Claude Code's `claude_code.token.usage` (attribute `type` = `input` | `output` | `cacheRead`
/// | `cacheCreation`) and `claude_code.cost.usage` (USD) sums are read; every other metric is
/// ignored, and logs or traces (where events could carry prompt text) are never read.
///
/// Each data point's attributes are its resource's attributes overlaid with its own. User:
/// `user.email`, else `user.account_uuid`, else `user.id`; model: `model`; team: `team.id`
/// or `team` (set through `OTEL_RESOURCE_ATTRIBUTES`), else ''. A series is the metric with
/// all its attributes. Delta points are buckets of their own; cumulative points (the OTLP
/// default) are running totals since `startTimeUnixNano`, kept as the series' reading of the
/// day and differenced day to day by the store. 64-bit integers may be JSON strings (the OTLP
/// JSON encoding) or numbers; temporality an integer (1 delta, 2 cumulative) or the enum's name.
enum OTLPMetricsPage {
    static let tokenMetric = "claude_code.token.usage"
    static let costMetric = "claude_code.cost.usage"

    static func buckets(in page: [String: Any]) throws(OrgExportPageProblem) -> [OrgExportBucket] {
        guard let resources = (page["resourceMetrics"] ?? page["resource_metrics"]) as? [Any] else {
            if page["resourceLogs"] != nil || page["resourceSpans"] != nil {
                throw OrgExportPageProblem("OTLP logs or traces, not metrics (only metrics are read)")
            }
            throw OrgExportPageProblem("no \"resourceMetrics\" array")
        }
        var out: [OrgExportBucket] = []
        for case let resource as [String: Any] in resources {
            let resourceAttributes = attributes((resource["resource"] as? [String: Any])?["attributes"])
            for case let scope as [String: Any] in (resource["scopeMetrics"] as? [Any]) ?? [] {
                for case let metric as [String: Any] in (scope["metrics"] as? [Any]) ?? [] {
                    guard let name = metric["name"] as? String, name == tokenMetric || name == costMetric,
                        let sum = metric["sum"] as? [String: Any]
                    else { continue }
                    let cumulative = try isCumulative(sum["aggregationTemporality"], metric: name)
                    for case let point as [String: Any] in (sum["dataPoints"] as? [Any]) ?? [] {
                        out.append(
                            try bucket(point, metric: name, resource: resourceAttributes, cumulative: cumulative))
                    }
                }
            }
        }
        return out
    }

    static func bucket(_ point: [String: Any], metric: String, resource: [String: String], cumulative: Bool)
        throws(OrgExportPageProblem) -> OrgExportBucket
    {
        var attrs = resource
        for (k, v) in attributes(point["attributes"]) { attrs[k] = v }
        guard let time = OrgExportFields.int64(point["timeUnixNano"]) else {
            throw OrgExportPageProblem("a \(metric) data point without \"timeUnixNano\"")
        }
        let start = OrgExportFields.int64(point["startTimeUnixNano"]) ?? 0
        let value = OrgExportFields.double(point["asDouble"]) ?? OrgExportFields.double(point["asInt"])
        guard let value else { throw OrgExportPageProblem("a \(metric) data point without \"asDouble\" or \"asInt\"") }
        let series = metric + "|" + attrs.keys.sorted().map { "\($0)=\(attrs[$0] ?? "")" }.joined(separator: "|")
        let day = OrgExportFields.day(unixNanos: time)
        let user = attrs["user.email"] ?? attrs["user.account_uuid"] ?? attrs["user.id"] ?? ""
        let key = cumulative ? "cumulative|\(series)|start=\(start)|\(day)" : "delta|\(series)|\(start)|\(time)"
        var row = OrgExportBucket(
            key: key, day: day, user: user, model: attrs["model"] ?? "", team: attrs["team.id"] ?? attrs["team"] ?? "")
        if cumulative { row.cumulativeSeries = "\(series)|start=\(start)" }
        if metric == costMetric {
            row.spendUSD = value
        } else {
            let tokens = Int64(value.rounded())
            switch attrs["type"] ?? "" {
            case "input": row.inputTokens = tokens
            case "output": row.outputTokens = tokens
            case "cacheRead": row.cacheReadTokens = tokens
            case "cacheCreation": row.cacheWriteTokens = tokens
            case let other:
                throw OrgExportPageProblem(
                    "a \(metric) data point with type \"\(other)\" (expected input, output, cacheRead or cacheCreation)")
            }
        }
        return row
    }

    /// OTLP's `AggregationTemporality`: 1 (DELTA) or 2 (CUMULATIVE), as a number or the enum name.
    /// Unspecified (0, or absent) is read as cumulative, the SDKs' default.
    static func isCumulative(_ value: Any?, metric: String) throws(OrgExportPageProblem) -> Bool {
        if let s = value as? String {
            if s.uppercased().hasSuffix("DELTA") { return false }
            if s.uppercased().hasSuffix("CUMULATIVE") || s.uppercased().hasSuffix("UNSPECIFIED") { return true }
            if let n = Int(s) { return n != 1 }
            throw OrgExportPageProblem("\(metric) has aggregationTemporality \"\(s)\"")
        }
        return OrgExportFields.int64(value).map { $0 != 1 } ?? true
    }

    /// OTLP `KeyValue` list -> [key: value as text].
    static func attributes(_ value: Any?) -> [String: String] {
        var out: [String: String] = [:]
        for case let kv as [String: Any] in (value as? [Any]) ?? [] {
            guard let key = kv["key"] as? String, let v = kv["value"] as? [String: Any] else { continue }
            if let s = v["stringValue"] as? String {
                out[key] = s
            } else if let i = v["intValue"] {
                out[key] = "\(i)"
            } else if let b = v["boolValue"] {
                out[key] = "\(b)"
            } else if let d = v["doubleValue"] {
                out[key] = "\(d)"
            }
        }
        return out
    }
}
