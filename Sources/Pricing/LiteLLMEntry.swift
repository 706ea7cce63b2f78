import Foundation

/// One entry of a LiteLLM price file turned into a ``ModelPrice``.
///
/// Field names are LiteLLM's (USD per token):
/// - base: `input_cost_per_token`, `output_cost_per_token`, `cache_read_input_token_cost`,
///   `cache_creation_input_token_cost` (5-minute write), `cache_creation_input_token_cost_above_1hr`;
/// - tiers: the same four with `_above_<N>k_tokens` (128k, 200k, 272k, ...), threshold N x 1000;
/// - variants: the same four with `_batches`, `_flex`, `_priority`;
/// - `output_cost_per_reasoning_token`, `max_input_tokens`, `litellm_provider`, `mode`.
/// Other keys (audio, image, per-character, tier-of-variant prices) are ignored.
enum LiteLLMEntry {
    static let input = "input_cost_per_token"
    static let output = "output_cost_per_token"
    static let cacheRead = "cache_read_input_token_cost"
    static let cacheWrite = "cache_creation_input_token_cost"
    static let cacheWrite1h = "cache_creation_input_token_cost_above_1hr"
    static let reasoning = "output_cost_per_reasoning_token"
    static let variantNames = ["batches", "flex", "priority"]
    /// Modes whose entries price a chat-style agent turn.
    static let chatModes: Set<String> = ["chat", "responses"]

    static func parse(key: String, value: Any, source: String) -> Result<ModelPrice, PricingError> {
        guard let entry = value as? [String: Any] else {
            return .failure(.priceFileNotObject(path: source, found: "\(describe(value)) for \"\(key)\""))
        }
        if let mode = entry["mode"] as? String, !chatModes.contains(mode) {
            return .failure(.modelNotChat(path: source, model: key, mode: mode))
        }
        do {
            return .success(try price(key: key, entry: entry, source: source))
        } catch {
            return .failure(error)
        }
    }

    private static func price(key: String, entry: [String: Any], source: String) throws(PricingError) -> ModelPrice {
        func number(_ field: String) throws(PricingError) -> Double? {
            guard let raw = entry[field], !(raw is NSNull) else { return nil }
            guard let value = numeric(raw), value.isFinite, value >= 0 else {
                throw .invalidPrice(path: source, model: key, key: field, value: render(raw))
            }
            return value
        }
        let inputPrice = try number(input)
        let outputPrice = try number(output)
        let missing = [(input, inputPrice), (output, outputPrice)].filter { $0.1 == nil }.map(\.0)
        guard let inputPrice, let outputPrice else {
            throw .modelLacksPrices(path: source, model: key, missing: missing)
        }
        let provider = entry["litellm_provider"] as? String ?? ""
        let listedWrite = try number(cacheWrite)
        let caching = cachingKind(key: key, provider: provider, hasWritePrice: (listedWrite ?? 0) > 0)

        var unlisted: Set<ModelPrice.Field> = []
        let listedRead = try number(cacheRead)
        if listedRead == nil { unlisted.insert(.cacheRead) }
        let read = listedRead ?? inputPrice
        let write5m: Double
        let write1h: Double
        switch caching {
        case .explicit:
            if listedWrite == nil { unlisted.insert(.cacheWrite5m) }
            write5m = listedWrite ?? inputPrice
            let listed1h = try number(cacheWrite1h)
            if listed1h == nil { unlisted.insert(.cacheWrite1h) }
            write1h = listed1h ?? write5m
        case .implicit:
            write5m = 0
            write1h = 0
        }

        // Tiers: every threshold any of the four classes is quoted above.
        var thresholds: Set<Int> = []
        for field in entry.keys {
            if let k = tierThreshold(of: field) { thresholds.insert(k) }
        }
        var tiers: [PriceTier] = []
        for k in thresholds.sorted() {
            let suffix = "_above_\(k)k_tokens"
            tiers.append(
                PriceTier(
                    threshold: Double(k) * 1000,
                    input: try number(input + suffix) ?? inputPrice,
                    output: try number(output + suffix) ?? outputPrice,
                    cacheRead: try number(cacheRead + suffix) ?? read,
                    cacheWrite: try number(cacheWrite + suffix) ?? write5m))
        }

        var variants: [String: PriceVariant] = [:]
        for name in variantNames {
            let suffix = "_" + name
            let v = PriceVariant(
                input: try number(input + suffix), output: try number(output + suffix),
                cacheRead: try number(cacheRead + suffix), cacheWrite: try number(cacheWrite + suffix))
            if v != PriceVariant() { variants[name] = v }
        }

        // `Int(exactly:)`: a window past Int.max (found by fuzzing: 9223372036854775807 trapped
        // in `Int(_:)`) is as good as none, and is read as unknown.
        let window = (entry["max_input_tokens"]).flatMap(numeric).flatMap {
            $0.isFinite && $0 > 0 ? Int(exactly: $0.rounded(.down)) : nil
        }
        return ModelPrice(
            model: key, provider: provider, input: inputPrice, output: outputPrice, cacheRead: read,
            cacheWrite5m: write5m, cacheWrite1h: write1h, tiers: tiers, variants: variants, caching: caching,
            contextWindow: window, reasoningOutput: try number(reasoning), unlisted: unlisted)
    }

    /// Anthropic's own API, Claude on Bedrock and Claude on Vertex bill cache writes (explicit
    /// caching); so does any other Claude entry that lists a cache-write price. The rest cache
    /// implicitly.
    static func cachingKind(key: String, provider: String, hasWritePrice: Bool) -> CachingKind {
        if provider == "anthropic" { return .explicit }
        let k = key.lowercased()
        let isClaude = k.contains("claude") || k.contains("anthropic")
        if isClaude && (provider.hasPrefix("bedrock") || provider.hasPrefix("vertex_ai") || hasWritePrice) {
            return .explicit
        }
        return .implicit
    }

    /// N for a key `<one of the four classes>_above_<N>k_tokens`, else nil.
    static func tierThreshold(of field: String) -> Int? {
        guard field.hasSuffix("k_tokens"), let above = field.range(of: "_above_") else { return nil }
        let base = field[..<above.lowerBound]
        guard base == input || base == output || base == cacheRead || base == cacheWrite else { return nil }
        let digits = field[above.upperBound...].dropLast("k_tokens".count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// A JSON number as Double; booleans and strings are not numbers.
    static func numeric(_ raw: Any) -> Double? {
        // `is Bool` would also match the numbers 0 and 1 through NSNumber bridging.
        if type(of: raw) == Bool.self { return nil }
        if let n = raw as? NSNumber {
            let kind = String(cString: n.objCType)
            return kind == "c" || kind == "B" ? nil : n.doubleValue
        }
        return nil
    }

    /// A value as the user wrote it, for error messages.
    static func render(_ raw: Any) -> String {
        if let s = raw as? String { return "\"\(s)\"" }
        if type(of: raw) == Bool.self { return (raw as! Bool) ? "true" : "false" }
        if let n = raw as? NSNumber, numeric(raw) == nil { return n.boolValue ? "true" : "false" }
        if let n = numeric(raw) { return "\(n)" }
        return describe(raw)
    }

    /// "an array", "a string", ... for a parsed JSON value.
    static func describe(_ json: Any) -> String {
        switch json {
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        case is String: "a string"
        case is NSNull: "null"
        default: numeric(json) != nil ? "a number" : "true or false"
        }
    }
}
