/// The classes of tokens a provider bills at different prices.
///
/// The kernel accumulates tokens per class (and per side of a context-size tier), so that the
/// price of a batch of threads is a matrix product: tokens (threads x classes) times prices
/// (classes x price sets). The raw values are the column order of that matrix.
public enum TokenClass: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// Input billed at the plain input price (implicit-cache providers' uncached input).
    case input = 0
    /// Input served from the prompt cache.
    case cacheRead
    /// Input written to the prompt cache (explicit-cache providers: Anthropic).
    case cacheWrite
    /// Output tokens, reasoning included.
    case output
    /// The same four classes, for turns whose context is above the model's price tier.
    case inputAboveTier
    case cacheReadAboveTier
    case cacheWriteAboveTier
    case outputAboveTier

    /// Number of columns in a token matrix.
    public static let count = 8

    public var description: String {
        switch self {
        case .input: "input"
        case .cacheRead: "cache_read"
        case .cacheWrite: "cache_write"
        case .output: "output"
        case .inputAboveTier: "input_above_tier"
        case .cacheReadAboveTier: "cache_read_above_tier"
        case .cacheWriteAboveTier: "cache_write_above_tier"
        case .outputAboveTier: "output_above_tier"
        }
    }
}
