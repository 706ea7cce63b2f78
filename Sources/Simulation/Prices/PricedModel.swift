import Pricing

/// A model as the kernel needs it: behaviour, the price vector by token class, the tier
/// threshold and the caching kind.
public struct PricedModel: Sendable {
    /// The name the scenario uses for this model.
    public var name: String
    public let price: ModelPrice
    public var behaviour: ThreadBehaviour
    public var cacheLifetime: CacheLifetime
    /// USD per token by ``TokenClass/rawValue``.
    public let priceVector: [Double]
    /// Context size above which tier prices apply; `.infinity` without a tier.
    public let tierThreshold: Double
    /// Explicit (Anthropic) rather than implicit caching; kept apart from `price` so the kernel
    /// does not copy the whole price record per batch.
    public let explicitCache: Bool

    public init(name: String, price: ModelPrice, behaviour: ThreadBehaviour, cacheLifetime: CacheLifetime = .fiveMinutes) {
        self.name = name
        self.price = price
        self.behaviour = behaviour
        self.cacheLifetime = cacheLifetime
        self.priceVector = price.priceVector(cacheLifetime: cacheLifetime)
        self.tierThreshold = price.tierThreshold ?? .infinity
        self.explicitCache = price.caching == .explicit
    }

    /// The context window the kernel enforces: the behaviour's, else none.
    public var contextWindow: Double { behaviour.contextWindow ?? .infinity }
}
