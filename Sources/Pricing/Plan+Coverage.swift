extension Plan {
    /// Whether an allowance counts tokens rather than dollars: billing then needs each
    /// thread's tokens.
    public var countsTokens: Bool { (allowance5h?.isTokens ?? false) || (allowanceWeekly?.isTokens ?? false) }

    /// Whether a seat on this plan serves threads of the model `model` (a price-catalog key such
    /// as `claude-opus-4-5` or `gpt-5.2-codex`).
    ///
    /// A vendor's own subscription serves only that vendor's models: a Claude seat does not run
    /// GPT threads, which the organisation then pays at API prices. Multi-vendor plans (Cursor,
    /// GitHub Copilot) and custom plans serve every model.
    public func covers(model: String) -> Bool {
        let key = model.lowercased()
        switch vendor.lowercased() {
        case "anthropic": return key.contains("claude")
        case "openai": return key.contains("gpt") || key.contains("codex") || ["o1", "o3", "o4"].contains { key.hasPrefix($0) }
        case "google": return key.contains("gemini")
        default: return true
        }
    }
}
