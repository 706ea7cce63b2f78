import Foundation

/// The `prices` table: one line per model, prices in USD per million tokens.
public enum PricesText {
    public static func render(_ d: PricesDocument) -> String {
        let titles = [
            "MODEL", "INPUT", "OUTPUT", "CACHE READ", "WRITE 5M", "WRITE 1H", "ABOVE TIER in/out/read/write",
            "BATCH in/out", "FLEX in/out", "PRIORITY in/out",
        ]
        let cells: [[String]] = d.rows.map { r in
            let tier =
                r.tier.map { t in
                    ">\(thousands(t.threshold)) " + [t.input, t.output, t.cacheRead].map { number($0) }.joined(separator: "/")
                        + "/" + (r.write5m == nil ? "-" : number(t.cacheWrite))
                } ?? "-"
            let variants = PricesDocument.variantNames.map { name in
                r.variants[name].map { "\(number($0.input))/\(number($0.output))" } ?? "-"
            }
            return [r.model, number(r.input), number(r.output), number(r.cacheRead), number(r.write5m), number(r.write1h), tier]
                + variants
        }
        var widths = titles.map(\.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, c in
                i == 0 || i == 6 || i >= 7
                    ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - c.count) + c
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        var head = "prices: \(d.source), as of \(d.date); USD per million tokens\n"
        if let f = d.fallback {
            head += "behind them: \(f.source), as of \(f.date), \(Money.grouped(Double(f.models))) chat models"
            head += d.unlistedFallbackModels > 0 ? " (name one, or list them all with --all)\n" : "\n"
        } else if let problem = d.fallbackProblem {
            head += "behind them: no LiteLLM snapshot (\(problem))\n"
        }
        return head + line(titles) + cells.map(line).joined()
    }

    /// "5.00", "0.175", "0.028", "3.125": two decimals at least, more when the price has them.
    static func number(_ value: Double?) -> String {
        guard let value else { return "-" }
        var s = String(format: "%.4f", value)
        while s.hasSuffix("0"), let dot = s.firstIndex(of: "."), s.distance(from: dot, to: s.endIndex) > 3 { s.removeLast() }
        return s
    }

    static func thousands(_ tokens: Double) -> String {
        tokens.truncatingRemainder(dividingBy: 1000) == 0 ? "\(Int(tokens / 1000))k" : "\(Int(tokens))"
    }
}
