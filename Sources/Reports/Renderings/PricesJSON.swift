import Foundation

/// The `prices` listing as JSON: `source`, `date`, `unit` and `models`, keys sorted; a class not
/// offered is `null`.
public enum PricesJSON {
    public static func render(_ d: PricesDocument) -> String {
        func object(_ pairs: [(String, Any?)]) -> [String: Any] {
            var o: [String: Any] = [:]
            for (k, v) in pairs { o[k] = v ?? NSNull() }
            return o
        }
        let models: [[String: Any]] = d.rows.map { r in
            object([
                ("model", r.model), ("provider", r.provider), ("caching", r.caching), ("input", r.input), ("output", r.output),
                ("cache_read", r.cacheRead), ("cache_write_5m", r.write5m), ("cache_write_1h", r.write1h),
                ("reasoning_output", r.reasoning), ("context_window", r.contextWindow), ("source", r.source),
                ("date", r.date),
                (
                    "tier",
                    r.tier.map { t in
                        object([
                            ("threshold", t.threshold), ("input", t.input), ("output", t.output), ("cache_read", t.cacheRead),
                            ("cache_write", r.write5m == nil ? nil : t.cacheWrite),
                        ])
                    }
                ),
                (
                    "variants",
                    r.variants.mapValues { v in
                        object([
                            ("input", v.input), ("output", v.output), ("cache_read", v.cacheRead), ("cache_write", v.cacheWrite),
                        ])
                    }
                ),
            ])
        }
        var root: [String: Any] = ["source": d.source, "date": d.date, "unit": "USD per million tokens", "models": models]
        if let f = d.fallback { root["fallback"] = ["source": f.source, "date": f.date, "models": f.models] }
        if let problem = d.fallbackProblem { root["fallback_problem"] = problem }
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
