/// A set of model prices with the date they were read, looked up by name.
public struct PriceCatalog: Sendable {
    /// Where the prices come from: "built-in" or a file path.
    public var source: String
    /// The date the prices were current (ISO-8601 day), as far as the source says.
    public var date: String
    public private(set) var prices: [String: ModelPrice]

    public init(source: String, date: String, prices: [ModelPrice]) {
        self.source = source
        self.date = date
        self.prices = Dictionary(prices.map { ($0.model, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// All model keys, sorted.
    public var models: [String] { prices.keys.sorted() }

    /// The price of `name`, resolving dated names (`claude-sonnet-4-5-20250929`) and provider
    /// prefixes (`bedrock/`, `openrouter/anthropic/`).
    ///
    /// - Throws: ``PricingError/unknownModel(_:suggestions:)`` with the closest names.
    public func price(of name: String) throws(PricingError) -> ModelPrice {
        if let p = prices[name] { return p }
        for candidate in ModelNameResolver.candidates(for: name) {
            if let p = prices[candidate] { return p }
        }
        throw .unknownModel(name, suggestions: ModelNameResolver.closest(to: name, among: models))
    }

    /// Adds or replaces a model's prices (scenario overrides).
    public mutating func set(_ price: ModelPrice) { prices[price.model] = price }
}
