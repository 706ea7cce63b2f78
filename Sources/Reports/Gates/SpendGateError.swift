/// A `--fail-if` condition that cannot be read: one case per broken rule, each with its sentence
/// and the fix.
public enum SpendGateError: Error, Equatable, CustomStringConvertible {
    case empty
    /// Not `[team:NAME] [monthly] STAT OP AMOUNT`.
    case shape(String)
    case unknownStatistic(String, text: String)
    case unknownComparison(String, text: String)
    case badAmount(String, text: String)
    case unknownProfile(String, text: String, profiles: [String], suggestion: String?)

    public var description: String {
        let form = "write it as [team:NAME] [monthly] STAT OP AMOUNT, e.g. \"p90 > 250000\" or \"team:backend monthly p95 > 20k\""
        switch self {
        case .empty:
            return "--fail-if is empty: \(form)"
        case .shape(let text):
            return "--fail-if \"\(text)\" cannot be read: \(form)"
        case let .unknownStatistic(word, text):
            let names = SpendGate.Statistic.allCases.map(\.rawValue).joined(separator: ", ")
            return "--fail-if \"\(text)\": '\(word)' is not a statistic: use one of \(names)"
        case let .unknownComparison(word, text):
            return "--fail-if \"\(text)\": '\(word)' is not a comparison: use >, >=, < or <="
        case let .badAmount(word, text):
            return
                "--fail-if \"\(text)\": '\(word)' is not an amount in dollars: write a non-negative number such as 250000, $250,000, 250k or 1.5M"
        case let .unknownProfile(name, text, profiles, suggestion):
            let hint = suggestion.map { "did you mean 'team:\($0)'? " } ?? ""
            return
                "--fail-if \"\(text)\": the scenario has no profile '\(name)': \(hint)its profiles are \(profiles.map { "'\($0)'" }.joined(separator: ", "))"
        }
    }
}
