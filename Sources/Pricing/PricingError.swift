/// Errors a user can cause with a model name, a price file, a plan or a self-hosting setup.
///
/// Each case names the broken rule; ``description`` is one sentence that says what is wrong,
/// where (file, key path, plan) and how to fix it.
public enum PricingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No model of that name, even after dropping dates and provider prefixes.
    case unknownModel(String, suggestions: [String])
    /// A model the built-in catalog does not price, asked for when the LiteLLM snapshot that
    /// should stand behind it could not be read (`reason` says where it was looked for).
    case priceSnapshotUnavailable(model: String, reason: String)
    /// A price file given to `prices --update` has no usable chat-model prices.
    case priceFileWithoutChatModels(path: String, entries: Int)
    /// The price file cannot be read (missing, unreadable).
    case priceFile(path: String, reason: String)
    /// The price file is larger than any real price file (it is probably the wrong file).
    case priceFileTooLarge(path: String, bytes: Int, limit: Int)
    /// The price file is not JSON; line and column are 1-based, when the parser gave a position.
    case priceFileNotJSON(path: String, line: Int?, column: Int?, detail: String)
    /// The price file is JSON but its top level is not an object keyed by model name.
    case priceFileNotObject(path: String, found: String)
    /// The model's entry is for another kind of model (embedding, image generation, ...).
    case modelNotChat(path: String, model: String, mode: String)
    /// The model's entry has no input or output price.
    case modelLacksPrices(path: String, model: String, missing: [String])
    /// A price is negative, not finite or not a number; `value` is the value as written.
    case invalidPrice(path: String, model: String, key: String, value: String)
    /// A plan breaks a rule; `reason` says which and how to fix it.
    case invalidPlan(plan: String, reason: String)
    /// No plan of that name.
    case unknownPlan(String, suggestions: [String])
    /// A self-hosting parameter is out of range.
    case invalidSelfHosting(field: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownModel(name, suggestions):
            let hint =
                suggestions.isEmpty
                ? "run `tokencast prices` to list the catalog's models"
                : "did you mean \(Self.quoted(suggestions))?"
            return "unknown model '\(name)': \(hint)"
        case let .priceSnapshotUnavailable(model, reason):
            return "model '\(model)' is not in the built-in catalog, and the LiteLLM price snapshot behind it "
                + "is unavailable: \(reason). Reinstall tokencast with its resources, run `tokencast prices --update "
                + "FILE` with LiteLLM's model_prices_and_context_window.json, or pass --prices FILE"
        case let .priceFileWithoutChatModels(path, entries):
            return "\(path): none of its \(entries) entries is a chat model with input and output prices, so it "
                + "cannot replace the price snapshot; give LiteLLM's model_prices_and_context_window.json"
        case let .priceFile(path, reason):
            return "\(path): \(reason)"
        case let .priceFileTooLarge(path, bytes, limit):
            return "\(path): the file is \(Self.size(bytes)), over the \(Self.size(limit)) limit for a price file; "
                + "LiteLLM's model_prices_and_context_window.json is about 3 MB, so check that --prices names the right file"
        case let .priceFileNotJSON(path, line, column, detail):
            let place = line.map { l in column.map { "\(path):\(l):\($0)" } ?? "\(path):\(l)" } ?? path
            return "\(place): not valid JSON (\(detail)); fix the file there or download a fresh copy of "
                + "LiteLLM's model_prices_and_context_window.json"
        case let .priceFileNotObject(path, found):
            return "\(path): the top level is \(found), but a LiteLLM price file is a JSON object keyed by model name "
                + "({\"gpt-4.1\": {\"input_cost_per_token\": 2e-06, ...}, ...})"
        case let .modelNotChat(path, model, mode):
            return "\(path): '\(model)' is a\(Self.article(mode)) \(mode) model, not a chat model; "
                + "pick a chat model (`tokencast prices --prices \(path)` lists them)"
        case let .modelLacksPrices(path, model, missing):
            return "\(path): model '\(model)' has no \(missing.joined(separator: " or ")); "
                + "add \(missing.count == 1 ? "it" : "them") to the model's entry in USD per token, or pick another model"
        case let .invalidPrice(path, model, key, value):
            return "\(path): \"\(model)\".\(key) is \(value), expected a number >= 0 (USD per token); "
                + "fix the value or delete the key"
        case let .invalidPlan(plan, reason):
            return "plan '\(plan)': \(reason)"
        case let .unknownPlan(name, suggestions):
            let hint =
                suggestions.isEmpty
                ? "see docs/prices-and-plans.md for the built-in plans"
                : "did you mean \(Self.quoted(suggestions))?"
            return "unknown plan '\(name)': \(hint)"
        case let .invalidSelfHosting(field, reason):
            return "self-hosting: \(field) \(reason)"
        }
    }

    private static func quoted(_ names: [String]) -> String {
        names.map { "'\($0)'" }.joined(separator: ", ")
    }

    private static func article(_ word: String) -> String {
        guard let first = word.first else { return "" }
        return "aeiou".contains(first) ? "n" : ""
    }

    /// Sizes as people read them: bytes below a megabyte, else megabytes with one decimal.
    static func size(_ bytes: Int) -> String {
        if bytes < 1_048_576 { return "\(bytes) bytes" }
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
