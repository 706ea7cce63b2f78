/// Errors a user can cause with a model name or a price file.
public enum PricingError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownModel(String, suggestions: [String])
    case priceFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownModel(name, suggestions):
            let hint = suggestions.isEmpty
                ? "run `tokencast prices` to list the catalog's models"
                : "did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
            return "unknown model '\(name)': \(hint)"
        case let .priceFile(path, reason):
            return "\(path): \(reason)"
        }
    }
}
