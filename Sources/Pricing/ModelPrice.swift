/// What one model costs, in USD per token, by token class.
///
/// Prices are kept per token, as LiteLLM stores them; people read them per million
/// (``perMillion(_:)``).
public struct ModelPrice: Sendable, Hashable, Codable {
    /// Catalog key, e.g. `claude-opus-4-5`.
    public var model: String
    /// Provider as LiteLLM names it (`anthropic`, `openai`, `vertex_ai-language-models`, ...).
    public var provider: String
    public var input: Double
    public var output: Double
    public var cacheRead: Double
    /// Cache write with the 5-minute lifetime (the default lifetime).
    public var cacheWrite5m: Double
    /// Cache write with the 1-hour lifetime.
    public var cacheWrite1h: Double
    /// Prices for the turns whose context is above a threshold (`*_above_200k_tokens`, ...).
    public var tiers: [PriceTier]
    /// Price variants by service class (`batches`, `flex`, `priority`), same classes as above.
    public var variants: [String: PriceVariant]
    public var caching: CachingKind
    /// Context window in tokens (`max_input_tokens`), when known.
    public var contextWindow: Int?
    /// Price of reasoning output tokens when the provider bills them apart
    /// (`output_cost_per_reasoning_token`); nil = billed as output. The kernel counts reasoning
    /// as output, so this is informational.
    public var reasoningOutput: Double?
    /// Classes the price source did not list, whose price above is a stand-in (see
    /// ``Field``); reports show them as not offered.
    public var unlisted: Set<Field>

    /// A price class that a source may leave out.
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        /// Missing cache-read price: hits are billed at the input price.
        case cacheRead
        /// Missing 5-minute write price: writes are billed at the input price (explicit caching).
        case cacheWrite5m
        /// Missing 1-hour write price: billed at the 5-minute write price.
        case cacheWrite1h
    }

    public init(
        model: String, provider: String, input: Double, output: Double, cacheRead: Double,
        cacheWrite5m: Double, cacheWrite1h: Double, tiers: [PriceTier] = [],
        variants: [String: PriceVariant] = [:], caching: CachingKind, contextWindow: Int? = nil,
        reasoningOutput: Double? = nil, unlisted: Set<Field> = []
    ) {
        self.model = model
        self.provider = provider
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite5m = cacheWrite5m
        self.cacheWrite1h = cacheWrite1h
        self.tiers = tiers
        self.variants = variants
        self.caching = caching
        self.contextWindow = contextWindow
        self.reasoningOutput = reasoningOutput
        self.unlisted = unlisted
    }

    /// USD per million tokens, the unit people quote.
    public static func perMillion(_ perToken: Double) -> Double { perToken * 1_000_000 }
}

/// Prices that apply to turns whose context exceeds `threshold` tokens.
public struct PriceTier: Sendable, Hashable, Codable {
    public var threshold: Double
    public var input: Double
    public var output: Double
    public var cacheRead: Double
    public var cacheWrite: Double

    public init(threshold: Double, input: Double, output: Double, cacheRead: Double, cacheWrite: Double) {
        self.threshold = threshold
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
    }
}

/// A service-class variant of the base prices (`batches`, `flex`, `priority`); nil = not offered.
public struct PriceVariant: Sendable, Hashable, Codable {
    public var input: Double?
    public var output: Double?
    public var cacheRead: Double?
    public var cacheWrite: Double?

    public init(input: Double? = nil, output: Double? = nil, cacheRead: Double? = nil, cacheWrite: Double? = nil) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
    }
}
