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

    public init(prices: [ModelPrice], catalog: PriceCatalog) {
        source = catalog.source
        date = catalog.date
        rows = prices.map(Row.init)
    }
}
