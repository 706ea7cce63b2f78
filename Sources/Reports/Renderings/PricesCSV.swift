/// The `prices` listing as CSV: one row per model, empty cells for classes not offered.
public enum PricesCSV {
    static let columns =
        [
            "model", "provider", "caching", "input", "output", "cache_read", "cache_write_5m", "cache_write_1h",
            "reasoning_output",
            "tier_threshold", "tier_input", "tier_output", "tier_cache_read", "tier_cache_write",
        ] + PricesDocument.variantNames.flatMap { v in ["input", "output", "cache_read", "cache_write"].map { "\(v)_\($0)" } }
        + ["context_window", "source", "date"]

    public static func render(_ d: PricesDocument) -> String {
        func value(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
        var out = columns.joined(separator: ",") + "\n"
        for r in d.rows {
            var cells = [
                r.model, r.provider, r.caching, value(r.input), value(r.output), value(r.cacheRead), value(r.write5m),
                value(r.write1h), value(r.reasoning), value(r.tier?.threshold), value(r.tier?.input), value(r.tier?.output),
                value(r.tier?.cacheRead), value(r.tier.flatMap { r.write5m == nil ? nil : $0.cacheWrite }),
            ]
            for v in PricesDocument.variantNames {
                let x = r.variants[v]
                cells += [value(x?.input), value(x?.output), value(x?.cacheRead), value(x?.cacheWrite)]
            }
            cells += [r.contextWindow.map(String.init) ?? "", r.source, r.date]
            out += cells.map(CSVField.quoted).joined(separator: ",") + "\n"
        }
        return out
    }
}
