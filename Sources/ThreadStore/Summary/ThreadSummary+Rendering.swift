import Foundation

extension ThreadSummary {
    /// Output formats of `tokencast threads`.
    public enum Format: String, Sendable, CaseIterable {
        case table, json, csv
    }

    /// The summary as text in `format`; tables and CSV end with a newline.
    public func rendered(as format: Format) -> String {
        switch format {
        case .table: table
        case .json: json
        case .csv: csv
        }
    }

    static let columns = [
        "model", "month", "threads", "turns", "input", "cache_read", "cache_write_5m", "cache_write_1h", "output",
        "reasoning", "cost_usd", "cache_hit_rate",
    ]

    private func cells(_ r: Row, human: Bool) -> [String] {
        let t = r.tokens
        func n(_ v: Int64) -> String { human ? Self.grouped(v) : String(v) }
        let cost = r.costUSD.map { human ? String(format: $0 < 1 ? "$%.4f" : "$%.2f", $0) : String(format: "%.6f", $0) } ?? "-"
        let hit = r.cacheHitRate.map { human ? String(format: "%.1f%%", $0 * 100) : String(format: "%.4f", $0) } ?? "-"
        return [
            r.model, r.month, n(Int64(r.threads)), n(Int64(r.turns)), n(t.input), n(t.cacheRead), n(t.cacheWrite5m),
            n(t.cacheWrite1h), n(t.output), n(t.reasoning), cost, hit,
        ]
    }

    private var table: String {
        guard !rows.isEmpty else { return "no threads stored; import logs with `tokencast import`\n" }
        let body = rows.map { cells($0, human: true) } + [cells(total, human: true)]
        let all = [Self.columns] + body
        let widths = Self.columns.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, text in
                let pad = String(repeating: " ", count: widths[c] - text.count)
                return c < 2 ? text + pad : pad + text
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var out = [line(Self.columns)]
        out += body.dropLast().map(line)
        out.append(line(body.last!.enumerated().map { $0 == 0 ? "total" : ($0 == 1 ? "" : $1) }))
        out.append("prices: \(priceSource); cost is API-equivalent at base prices (context tiers not applied)")
        if !unpricedModels.isEmpty {
            out.append("note: no catalog price for \(unpricedModels.joined(separator: ", ")); their cost is shown as -")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private var csv: String {
        ([Self.columns] + rows.map { cells($0, human: false) })
            .map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    private var json: String {
        struct Output: Encodable {
            var prices: String
            var unpricedModels: [String]
            var rows: [Item]
            var total: Item
        }
        struct Item: Encodable {
            var model: String, month: String, threads: Int, turns: Int
            var input: Int64, cacheRead: Int64, cacheWrite5m: Int64, cacheWrite1h: Int64, output: Int64
            var reasoning: Int64
            var costUSD: Double?
            var cacheHitRate: Double?

            init(_ r: Row) {
                model = r.model; month = r.month; threads = r.threads; turns = r.turns
                input = r.tokens.input; cacheRead = r.tokens.cacheRead; cacheWrite5m = r.tokens.cacheWrite5m
                cacheWrite1h = r.tokens.cacheWrite1h; output = r.tokens.output; reasoning = r.tokens.reasoning
                costUSD = r.costUSD; cacheHitRate = r.cacheHitRate
            }

            enum CodingKeys: String, CodingKey {
                case model, month, threads, turns, input, reasoning, output
                case cacheRead = "cache_read", cacheWrite5m = "cache_write_5m", cacheWrite1h = "cache_write_1h"
                case costUSD = "cost_usd", cacheHitRate = "cache_hit_rate"
            }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(model, forKey: .model); try c.encode(month, forKey: .month)
                try c.encode(threads, forKey: .threads); try c.encode(turns, forKey: .turns)
                try c.encode(input, forKey: .input); try c.encode(cacheRead, forKey: .cacheRead)
                try c.encode(cacheWrite5m, forKey: .cacheWrite5m); try c.encode(cacheWrite1h, forKey: .cacheWrite1h)
                try c.encode(output, forKey: .output); try c.encode(reasoning, forKey: .reasoning)
                try c.encode(costUSD, forKey: .costUSD); try c.encode(cacheHitRate, forKey: .cacheHitRate)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let output = Output(prices: priceSource, unpricedModels: unpricedModels, rows: rows.map(Item.init), total: Item(total))
        return String(decoding: (try? encoder.encode(output)) ?? Data(), as: UTF8.self) + "\n"
    }

    static func grouped(_ v: Int64) -> String {
        let digits = String(v.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (v < 0 ? "-" : "") + out
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
