/// Lifetime of prompt-cache entries an agent writes; it decides the cache-write price.
public enum CacheLifetime: String, Sendable, Codable, CaseIterable {
    case fiveMinutes = "5m"
    case oneHour = "1h"
}
