import Foundation

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
    /// The catalog asked when this one has no model of a name (after all its own resolution
    /// rules): the LiteLLM snapshot behind the built-in names (``standard``). At most one
    /// element; an array because a struct cannot hold a value of its own type.
    ///
    /// Read on first use: parsing the snapshot's 860 KB costs about 50 ms, which a command that
    /// prices only built-in names (a forecast of the bundled scenarios) never pays.
    public var fallback: [PriceCatalog] {
        guard let layer else { return [] }
        if case let .success(c) = layer.value { return [c] }
        return []
    }
    /// Why there is no fallback where one was expected (the shipped snapshot was not found, the
    /// installed update is damaged), said in unknown-model errors; nil otherwise.
    public var fallbackProblem: String? {
        if let missing { return missing }
        if case let .failure(e)? = layer?.value { return e.description }
        return nil
    }
    private var layer: FallbackLayer?
    private var missing: String?

    public init(source: String, date: String, prices: [ModelPrice], problems: [String: PricingError] = [:]) {
        self.source = source
        self.date = date
        self.prices = Dictionary(prices.map { ($0.model, $0) }, uniquingKeysWith: { first, _ in first })
        self.problems = problems
    }

    /// This catalog with `fallback` behind it: names this catalog resolves keep its prices
    /// (built-in names and their aliases take precedence), the rest are looked up in `fallback`.
    public func backed(by fallback: PriceCatalog) -> PriceCatalog {
        backed { .success(fallback) }
    }

    /// This catalog with the catalog `load` returns behind it, loaded on first use (once).
    public func backed(loading load: @escaping @Sendable () -> Result<PriceCatalog, PricingError>) -> PriceCatalog {
        var out = self
        out.layer = FallbackLayer(load)
        out.missing = nil
        return out
    }

    /// This catalog without a fallback, saying why (`problem` goes into unknown-model errors).
    public func lackingFallback(_ problem: String) -> PriceCatalog {
        var out = self
        out.layer = nil
        out.missing = problem
        return out
    }

    /// This catalog's own model keys, sorted (the fallback's are ``allModels``).
    public var models: [String] { prices.keys.sorted() }

    /// Model keys of this catalog and its fallback, sorted.
    public var allModels: [String] {
        guard let f = fallback.first else { return models }
        return Set(prices.keys).union(f.allModels).sorted()
    }

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
    ///
    /// With a ``fallback``, all of these rules run on this catalog first, then on the fallback.
    public func price(of name: String) throws(PricingError) -> ModelPrice {
        let names = [name] + ModelNameResolver.candidates(for: name)
        if let own = try ownPrice(names) { return own }
        if let f = fallback.first {
            do {
                return try f.price(of: name)
            } catch .unknownModel {
                // Suggestions from both layers, below.
            }
        }
        if let fallbackProblem { throw .priceSnapshotUnavailable(model: name, reason: fallbackProblem) }
        throw .unknownModel(name, suggestions: ModelNameResolver.closest(to: name, among: allModels))
    }

    /// The price of the first of `names` this catalog resolves, by the rules of ``price(of:)``.
    private func ownPrice(_ names: [String]) throws(PricingError) -> ModelPrice? {
        for candidate in names {
            if let p = prices[candidate] { return p }
            if let problem = problems[candidate] { throw problem }
        }
        let lowered = Set(names.map { $0.lowercased() })
        if let key = prices.keys.filter({ lowered.contains($0.lowercased()) }).min(by: Self.shorterFirst) {
            return prices[key]
        }
        let keys = prices.keys.map { ($0, $0.lowercased()) }
        for candidate in names {
            let suffix = "/" + candidate.lowercased()
            if let key = keys.filter({ $0.1.hasSuffix(suffix) }).map(\.0).min(by: Self.shorterFirst) {
                return prices[key]
            }
        }
        return nil
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

/// The catalog behind another, read once on first use; shared by copies of the catalog that
/// holds it.
final class FallbackLayer: @unchecked Sendable {
    // @unchecked: `result` is written once under `lock` and only read after.
    private let lock = NSLock()
    private let load: @Sendable () -> Result<PriceCatalog, PricingError>
    private var result: Result<PriceCatalog, PricingError>?

    init(_ load: @escaping @Sendable () -> Result<PriceCatalog, PricingError>) { self.load = load }

    var value: Result<PriceCatalog, PricingError> {
        lock.lock()
        defer { lock.unlock() }
        if let result { return result }
        let loaded = load()
        result = loaded
        return loaded
    }
}
