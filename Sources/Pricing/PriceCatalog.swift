/// A set of model prices with the date they were read, looked up by name.
///
/// Built in (``builtIn``) or read from a LiteLLM price file
/// (``init(liteLLMFile:date:maxBytes:)``). Entries of a file that cannot be priced (embedding
/// models, entries without prices, bad values) are kept as ``problems`` and reported only when
/// that model is asked for: a real file has thousands of entries and many odd ones.
public struct PriceCatalog: Sendable {
    /// Where the prices come from: "built-in" or a file path.
    public var source: String
    /// The date the prices were current (ISO-8601 day), as far as the source says.
    public var date: String
    public private(set) var prices: [String: ModelPrice]
    /// Entries that are not usable chat-model prices, by key, with the error that asking for
    /// them raises.
    public private(set) var problems: [String: PricingError]

    public init(source: String, date: String, prices: [ModelPrice], problems: [String: PricingError] = [:]) {
        self.source = source
        self.date = date
        self.prices = Dictionary(prices.map { ($0.model, $0) }, uniquingKeysWith: { first, _ in first })
        self.problems = problems
    }

    /// All model keys, sorted.
    public var models: [String] { prices.keys.sorted() }

    /// The price of `name`, resolving dated names (`claude-sonnet-4-5-20250929`,
    /// `claude-3-5-sonnet@20240620`), provider prefixes (`bedrock/`, `openrouter/anthropic/`,
    /// `azure/`, `vertex_ai/`), Bedrock names and `-latest`.
    ///
    /// The exact key wins, then each ``ModelNameResolver/candidates(for:)`` in turn, then the
    /// same ignoring case, then a key that is a provider-prefixed form of the name or of a
    /// candidate, most specific candidate first (`claude-3-5-sonnet@20240620` finds
    /// `vertex_ai/claude-3-5-sonnet@20240620`; the shortest such key, then the first in sort
    /// order).
    ///
    /// - Throws: the entry's problem if the name resolves to an unusable entry (for example
    ///   ``PricingError/modelNotChat(path:model:mode:)``), else
    ///   ``PricingError/unknownModel(_:suggestions:)`` with up to three closest names.
    /// - Complexity: O(k) hash lookups for the k candidate spellings when a key matches; a name
    ///   found only by case or provider prefix scans every key, O(k x entries), and an unknown
    ///   name adds the closest-name search. Resolve once per model, not per thread.
    public func price(of name: String) throws(PricingError) -> ModelPrice {
        let names = [name] + ModelNameResolver.candidates(for: name)
        for candidate in names {
            if let p = prices[candidate] { return p }
            if let problem = problems[candidate] { throw problem }
        }
        let lowered = Set(names.map { $0.lowercased() })
        if let key = prices.keys.filter({ lowered.contains($0.lowercased()) }).min(by: Self.shorterFirst) {
            return prices[key]!
        }
        let keys = prices.keys.map { ($0, $0.lowercased()) }
        for candidate in names {
            let suffix = "/" + candidate.lowercased()
            if let key = keys.filter({ $0.1.hasSuffix(suffix) }).map(\.0).min(by: Self.shorterFirst) {
                return prices[key]!
            }
        }
        throw .unknownModel(name, suggestions: ModelNameResolver.closest(to: name, among: models))
    }

    private static func shorterFirst(_ a: String, _ b: String) -> Bool {
        a.count != b.count ? a.count < b.count : a < b
    }

    /// Adds or replaces a model's prices (scenario overrides).
    public mutating func set(_ price: ModelPrice) {
        prices[price.model] = price
        problems[price.model] = nil
    }
}
