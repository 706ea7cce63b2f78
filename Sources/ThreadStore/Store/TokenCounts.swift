/// Token counts by billing class, as logged.
///
/// `input` is uncached input only (billed at the plain input price); `output` includes
/// `reasoning`, which is kept separately where the log reports it (Codex).
public struct TokenCounts: Sendable, Hashable, Codable {
    public var input: Int64
    public var cacheRead: Int64
    public var cacheWrite5m: Int64
    public var cacheWrite1h: Int64
    public var output: Int64
    public var reasoning: Int64

    /// The largest count a log line or CSV cell may give (a trillion): far above any real request
    /// or session, and low enough that the store's 64-bit sums over millions of them cannot
    /// overflow. Larger counts are skipped as invalid, like negative ones.
    public static let maxLogged: Int64 = 1_000_000_000_000

    public init(
        input: Int64 = 0, cacheRead: Int64 = 0, cacheWrite5m: Int64 = 0, cacheWrite1h: Int64 = 0,
        output: Int64 = 0, reasoning: Int64 = 0
    ) {
        self.input = input
        self.cacheRead = cacheRead
        self.cacheWrite5m = cacheWrite5m
        self.cacheWrite1h = cacheWrite1h
        self.output = output
        self.reasoning = reasoning
    }

    /// Cache writes of both lifetimes.
    public var cacheWrite: Int64 { cacheWrite5m + cacheWrite1h }

    /// Every input token sent: uncached, read from cache and written to cache.
    public var totalInput: Int64 { input + cacheRead + cacheWrite }

    /// cache_read / (cache_read + cache_write + input); nil when no input was sent.
    public var cacheHitRate: Double? {
        totalInput > 0 ? Double(cacheRead) / Double(totalInput) : nil
    }

    public static func + (a: TokenCounts, b: TokenCounts) -> TokenCounts {
        TokenCounts(
            input: a.input + b.input, cacheRead: a.cacheRead + b.cacheRead,
            cacheWrite5m: a.cacheWrite5m + b.cacheWrite5m, cacheWrite1h: a.cacheWrite1h + b.cacheWrite1h,
            output: a.output + b.output, reasoning: a.reasoning + b.reasoning)
    }

    public static func += (a: inout TokenCounts, b: TokenCounts) { a = a + b }
}
