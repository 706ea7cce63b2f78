extension PriceCatalog {
    /// The models of DOMAIN.md section 3, copied from LiteLLM's price file (package 1.109.1).
    ///
    /// Built in so that a scenario runs with no price file at hand; `--prices FILE` or a
    /// scenario's `prices:` key replaces it with the user's own, current copy.
    public static let builtIn: PriceCatalog = {
        let m = 1e-6  // the table below is in USD per million tokens
        func anthropic(_ key: String, _ i: Double, _ o: Double, window: Int) -> ModelPrice {
            ModelPrice(
                model: key, provider: "anthropic", input: i * m, output: o * m, cacheRead: i * 0.1 * m,
                cacheWrite5m: i * 1.25 * m, cacheWrite1h: i * 2 * m, caching: .explicit, contextWindow: window)
        }
        func implicit(
            _ key: String, _ provider: String, _ i: Double, _ o: Double, _ read: Double, window: Int,
            tier: PriceTier? = nil
        ) -> ModelPrice {
            ModelPrice(
                model: key, provider: provider, input: i * m, output: o * m, cacheRead: read * m,
                cacheWrite5m: 0, cacheWrite1h: 0, tiers: tier.map { [$0] } ?? [], caching: .implicit,
                contextWindow: window)
        }
        let geminiProTier = PriceTier(
            threshold: 200_000, input: 4 * m, output: 18 * m, cacheRead: 0.4 * m, cacheWrite: 0.25 * m)
        return PriceCatalog(
            source: "built-in", date: "2026-11-20",
            prices: [
                anthropic("claude-opus-4-6", 5, 25, window: 1_000_000),
                anthropic("claude-opus-4-5", 5, 25, window: 200_000),
                anthropic("claude-sonnet-4-5", 3, 15, window: 200_000),
                anthropic("claude-haiku-4-5", 1, 5, window: 200_000),
                implicit("gpt-5.2", "openai", 1.75, 14, 0.175, window: 272_000),
                implicit("gpt-5.2-codex", "openai", 1.75, 14, 0.175, window: 272_000),
                implicit("gpt-4.1", "openai", 2, 8, 0.5, window: 1_047_576),
                implicit("gpt-4.1-mini", "openai", 0.4, 1.6, 0.1, window: 1_047_576),
                implicit(
                    "gemini-3.1-pro-preview", "vertex_ai-language-models", 2, 12, 0.2, window: 1_048_576,
                    tier: geminiProTier),
                // Gemini 3 Pro (the model in Amp's table) had the same list prices as 3.1 Pro;
                // LiteLLM's current file only keeps the newer key.
                implicit(
                    "gemini-3-pro-preview", "vertex_ai-language-models", 2, 12, 0.2, window: 1_048_576,
                    tier: geminiProTier),
                implicit("gemini-3-flash-preview", "vertex_ai-language-models", 0.5, 3, 0.05, window: 1_048_576),
                implicit("deepseek-chat", "deepseek", 0.28, 0.42, 0.028, window: 131_072),
                implicit("moonshot/kimi-k2.5", "moonshot", 0.6, 3, 0.1, window: 262_144),
            ])
    }()
}
