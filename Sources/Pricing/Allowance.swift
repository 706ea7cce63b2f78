/// How much a plan lets a seat use in one limit period (a 5-hour window, a week).
public enum Allowance: Sendable, Hashable, Codable {
    /// API-equivalent dollars: the usage's cost had it been billed at API prices.
    case usd(Double)
    /// Tokens (all classes summed).
    case tokens(Double)

    /// The amount, in the allowance's unit.
    public var amount: Double {
        switch self {
        case let .usd(a), let .tokens(a): a
        }
    }

    /// Whether the allowance counts tokens rather than dollars.
    public var isTokens: Bool {
        if case .tokens = self { return true }
        return false
    }
}
