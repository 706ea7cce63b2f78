import Foundation
import Pricing

/// What `tokencast prices` lists: each model's prices by token class in USD per million tokens.
public struct PricesDocument: Sendable {
    /// The names of the price variants shown, in column order.
    public static let variantNames = ["batches", "flex", "priority"]

    /// One model's prices; nil where the class is not offered or the file does not list it.
    public struct Row: Sendable {
        public var model, provider, caching: String
        public var input, output: Double
        public var cacheRead, write5m, write1h, reasoning: Double?
        /// The lowest context tier above the base prices, if any.
        public var tier: PriceTier?
        public var variants: [String: PriceVariant]
        public var contextWindow: Int?
        /// The catalog layer the price came from (the built-in names, or the snapshot behind
        /// them) and the day its prices were current.
        public var source: String = ""
        public var date: String = ""

        public init(_ p: ModelPrice) {
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
                PriceTier(
                    threshold: $0.threshold, input: m($0.input), output: m($0.output), cacheRead: m($0.cacheRead),
                    cacheWrite: m($0.cacheWrite))
            }
            variants = p.variants.mapValues {
                PriceVariant(
                    input: $0.input.map(m), output: $0.output.map(m), cacheRead: $0.cacheRead.map(m),
                    cacheWrite: $0.cacheWrite.map(m))
            }
            contextWindow = p.contextWindow
        }
    }

    /// Where the prices come from (`built-in`, or the file) and the day they were current.
    public var source: String
    public var date: String
    public var rows: [Row]
    /// The catalog behind the listed one (the LiteLLM snapshot, or the user's installed update)
    /// and how many models it has; nil without one.
    public var fallback: (source: String, date: String, models: Int)?
    /// Why the snapshot expected behind the built-in names is missing; nil when it is there.
    public var fallbackProblem: String?
    /// Models of the fallback not listed (a listing of the built-in names only).
    public var unlistedFallbackModels = 0

    /// - Parameter listsAll: whether `prices` are every model of both layers (`--all`); when
    ///   not, and no models were named, the fallback's models are counted as unlisted.
    public init(prices: [ModelPrice], catalog: PriceCatalog, named: Bool = true, listsAll: Bool = false) {
        source = catalog.source
        date = catalog.date
        let layer = catalog.fallback.first
        rows = prices.map { p in
            var r = Row(p)
            let own = catalog.prices[p.model] != nil || layer == nil
            r.source = own ? catalog.source : layer?.source ?? catalog.source
            r.date = own ? catalog.date : layer?.date ?? catalog.date
            return r
        }
        if let layer {
            fallback = (layer.source, layer.date, layer.prices.count)
            if !named && !listsAll { unlistedFallbackModels = layer.prices.count }
        }
        fallbackProblem = catalog.fallbackProblem
    }
}
