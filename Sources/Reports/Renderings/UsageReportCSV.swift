/// The `report` document as CSV: a row per period and model (no totals), the period's window
/// shares on each of its rows; an unpriced model's `cost_usd` is empty and `priced` is false.
public enum UsageReportCSV {
    public static func render(_ d: UsageReportDocument) -> String {
        let header = [
            "period", "key", "start", "end", "active", "detail", "model", "requests", "input", "output", "cache_read",
            "cache_write_5m", "cache_write_1h", "reasoning", "cost_usd", "priced", "window_shares",
        ]
        var rows = [header]
        for g in d.groups {
            let shares = g.shares.map(\.text).joined(separator: "; ")
            for m in g.models {
                rows.append(
                    [
                        d.period, g.key, g.start, g.end, g.active.map { $0 ? "true" : "false" } ?? "", g.detail ?? "",
                        m.model, String(m.requests),
                    ] + [m.input, m.output, m.cacheRead, m.cacheWrite5m, m.cacheWrite1h, m.reasoning].map { String($0) }
                        + [m.costUSD.map { String(format: "%.6f", $0) } ?? "", m.unpriced.isEmpty ? "true" : "false", shares])
            }
        }
        return rows.map { $0.map(CSVField.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
