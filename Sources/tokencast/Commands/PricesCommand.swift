import ArgumentParser
import Foundation
import Pricing

/// `tokencast prices`: the price catalog, in USD per million tokens.
struct PricesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "List model prices in USD per million tokens, by token class.",
        discussion: """
            Without MODEL, lists every model of the catalog (the built-in one, or the chat models \
            of --prices FILE). Names resolve like scenario names: dated names, provider prefixes \
            (bedrock/, azure/, vertex_ai/, openrouter/...) and -latest. '-' marks a class the \
            model does not offer or the file does not list.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Argument(help: "Models to show (default: all).")
    var models: [String] = []

    @Option(name: .long, help: ArgumentHelp("A LiteLLM price file (model_prices_and_context_window.json).", valueName: "file"))
    var prices: String?

    @Option(name: .customLong("prices-date"), help: ArgumentHelp("The day the file's prices were current (default: its modification day).", valueName: "yyyy-mm-dd"))
    var pricesDate: String?

    @Option(name: .long, help: "Only models of this provider (LiteLLM's litellm_provider, e.g. anthropic).")
    var provider: String?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: Format = .table

    func validate() throws {
        if let pricesDate, !(pricesDate.count == 10 && pricesDate.split(separator: "-").map(\.count) == [4, 2, 2]) {
            throw ValidationError("--prices-date is '\(pricesDate)'; give the day as YYYY-MM-DD, e.g. 2026-11-20.")
        }
        if pricesDate != nil && prices == nil {
            throw ValidationError("--prices-date dates a price file; give the file with --prices FILE.")
        }
    }

    func run() throws {
        let catalog = try prices.map { try PriceCatalog(liteLLMFile: $0, date: pricesDate) } ?? .builtIn
        var rows: [ModelPrice]
        if models.isEmpty {
            rows = catalog.models.compactMap { catalog.prices[$0] }
        } else {
            rows = try models.map { try catalog.price(of: $0) }
        }
        if let provider {
            rows = rows.filter { $0.provider.lowercased() == provider.lowercased() }
            if rows.isEmpty {
                let providers = Set(catalog.prices.values.map(\.provider)).sorted()
                throw UserFacingError.noModelOfProvider(provider, source: catalog.source, providers: providers)
            }
        }
        switch format {
        case .table: print(PriceRendering.table(rows, catalog: catalog), terminator: "")
        case .json: print(PriceRendering.json(rows, catalog: catalog))
        case .csv: print(PriceRendering.csv(rows, catalog: catalog), terminator: "")
        }
    }
}

/// Renderings of prices for the `prices` command, USD per million tokens.
enum PriceRendering {
    static let variantNames = ["batches", "flex", "priority"]

    /// The value of each class, nil where the class is not offered or not listed.
    struct Row {
        var model, provider, caching: String
        var input, output: Double
        var cacheRead, write5m, write1h, reasoning: Double?
        var tier: PriceTier?
        var variants: [String: PriceVariant]
        var contextWindow: Int?

        init(_ p: ModelPrice) {
            // Per-token prices times a million carry float noise (24.999999999999996).
            func m(_ perToken: Double) -> Double { Double(String(format: "%.12g", ModelPrice.perMillion(perToken)))! }
            model = p.model
            provider = p.provider
            caching = p.caching.rawValue
            input = m(p.input)
            output = m(p.output)
            cacheRead = p.unlisted.contains(.cacheRead) ? nil : m(p.cacheRead)
            let explicit = p.caching == .explicit
            write5m = explicit && !p.unlisted.contains(.cacheWrite5m) ? m(p.cacheWrite5m) : nil
            write1h = explicit && !p.unlisted.contains(.cacheWrite1h) ? m(p.cacheWrite1h) : nil
            reasoning = p.reasoningOutput.map(m)
            tier = p.tiers.min { $0.threshold < $1.threshold }.map {
                PriceTier(threshold: $0.threshold, input: m($0.input), output: m($0.output), cacheRead: m($0.cacheRead), cacheWrite: m($0.cacheWrite))
            }
            variants = p.variants.mapValues {
                PriceVariant(input: $0.input.map(m), output: $0.output.map(m), cacheRead: $0.cacheRead.map(m), cacheWrite: $0.cacheWrite.map(m))
            }
            contextWindow = p.contextWindow
        }
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

    static func header(_ catalog: PriceCatalog) -> String {
        "prices: \(catalog.source), as of \(catalog.date); USD per million tokens"
    }

    static func table(_ prices: [ModelPrice], catalog: PriceCatalog) -> String {
        let rows = prices.map(Row.init)
        let titles = ["MODEL", "INPUT", "OUTPUT", "CACHE READ", "WRITE 5M", "WRITE 1H", "ABOVE TIER in/out/read/write",
                      "BATCH in/out", "FLEX in/out", "PRIORITY in/out"]
        let cells: [[String]] = rows.map { r in
            let tier = r.tier.map { t in
                ">\(thousands(t.threshold)) " + [t.input, t.output, t.cacheRead].map { number($0) }.joined(separator: "/")
                    + "/" + (r.write5m == nil ? "-" : number(t.cacheWrite))
            } ?? "-"
            let variants = variantNames.map { name in
                r.variants[name].map { "\(number($0.input))/\(number($0.output))" } ?? "-"
            }
            return [r.model, number(r.input), number(r.output), number(r.cacheRead), number(r.write5m), number(r.write1h), tier]
                + variants
        }
        var widths = titles.map(\.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, c in
                i == 0 || i == 6 || i >= 7 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - c.count) + c
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        return header(catalog) + "\n" + line(titles) + cells.map(line).joined()
    }

    static let csvColumns = [
        "model", "provider", "caching", "input", "output", "cache_read", "cache_write_5m", "cache_write_1h", "reasoning_output",
        "tier_threshold", "tier_input", "tier_output", "tier_cache_read", "tier_cache_write",
    ] + variantNames.flatMap { v in ["input", "output", "cache_read", "cache_write"].map { "\(v)_\($0)" } }
        + ["context_window", "source", "date"]

    static func csv(_ prices: [ModelPrice], catalog: PriceCatalog) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func value(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
        var out = csvColumns.joined(separator: ",") + "\n"
        for r in prices.map(Row.init) {
            var cells = [r.model, r.provider, r.caching, value(r.input), value(r.output), value(r.cacheRead), value(r.write5m),
                         value(r.write1h), value(r.reasoning), value(r.tier?.threshold), value(r.tier?.input), value(r.tier?.output),
                         value(r.tier?.cacheRead), value(r.tier.flatMap { r.write5m == nil ? nil : $0.cacheWrite })]
            for v in variantNames {
                let x = r.variants[v]
                cells += [value(x?.input), value(x?.output), value(x?.cacheRead), value(x?.cacheWrite)]
            }
            cells += [r.contextWindow.map(String.init) ?? "", catalog.source, catalog.date]
            out += cells.map(field).joined(separator: ",") + "\n"
        }
        return out
    }

    static func json(_ prices: [ModelPrice], catalog: PriceCatalog) -> String {
        func object(_ pairs: [(String, Any?)]) -> [String: Any] {
            var o: [String: Any] = [:]
            for (k, v) in pairs { o[k] = v ?? NSNull() }
            return o
        }
        let models: [[String: Any]] = prices.map(Row.init).map { r in
            object([
                ("model", r.model), ("provider", r.provider), ("caching", r.caching), ("input", r.input), ("output", r.output),
                ("cache_read", r.cacheRead), ("cache_write_5m", r.write5m), ("cache_write_1h", r.write1h),
                ("reasoning_output", r.reasoning), ("context_window", r.contextWindow),
                ("tier", r.tier.map { t in
                    object([("threshold", t.threshold), ("input", t.input), ("output", t.output), ("cache_read", t.cacheRead),
                            ("cache_write", r.write5m == nil ? nil : t.cacheWrite)])
                }),
                ("variants", r.variants.mapValues { v in
                    object([("input", v.input), ("output", v.output), ("cache_read", v.cacheRead), ("cache_write", v.cacheWrite)])
                }),
            ])
        }
        let root: [String: Any] = ["source": catalog.source, "date": catalog.date, "unit": "USD per million tokens", "models": models]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
