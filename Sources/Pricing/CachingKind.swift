/// How a provider bills its prompt cache.
public enum CachingKind: String, Sendable, Codable, CaseIterable {
    /// The client marks what to cache and pays to write it (Anthropic): new input is billed as a
    /// cache write, re-sent input as a cache read (hits) or another write (misses).
    case explicit
    /// The provider caches on its own (OpenAI, Google, DeepSeek): new input and misses are billed
    /// at the plain input price, hits at the cache-read price, and there is no write price.
    case implicit
}
