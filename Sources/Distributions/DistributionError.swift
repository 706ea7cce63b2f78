/// Why a distribution could not be built: one case per broken rule.
///
/// `description` is one sentence saying what is wrong and how to fix it; it names parameters
/// but no file, so the scenario layer can prefix `file:line:column`.
public enum DistributionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter is NaN or infinite.
    case notFinite(parameter: String, value: Double)
    /// A parameter that must be above zero is not.
    case nonPositive(parameter: String, value: Double)
    /// A parameter that must be zero or more is negative.
    case negative(parameter: String, value: Double)
    /// A probability is outside [0, 1].
    case probabilityOutsideUnitInterval(parameter: String, value: Double)
    /// A parameter that must lie strictly between 0 and 1 does not (a beta mean, a
    /// negative-binomial p of 0).
    case outsideOpenUnitInterval(parameter: String, value: Double)
    /// An upper quantile is not above a lower one, e.g. p90 <= median.
    case quantilesOutOfOrder(lower: String, lowerValue: Double, upper: String, upperValue: Double)
    /// A PERT mode outside [min, max].
    case modeOutsideRange(min: Double, mode: Double, max: Double)
    /// max is not above min.
    case emptyRange(min: Double, max: Double)
    /// A beta given by mean and sd whose sd is too large: sd² must be below mean(1 - mean).
    case varianceTooLarge(mean: Double, sd: Double, maximumSD: Double)
    /// A negative binomial given by mean and sd whose variance does not exceed its mean.
    case varianceTooSmall(mean: Double, sd: Double, minimumSD: Double)
    /// An empirical distribution with no values.
    case emptyData
    /// A distribution kind that does not exist, with close matches.
    case unknownKind(String, suggestions: [String])
    /// The parameters given match none of the accepted sets for the kind.
    case missingParameters(kind: String, given: [String], accepted: [[String]])
    /// A parameter name the kind does not know, with a close match if there is one.
    case unknownParameter(kind: String, name: String, suggestion: String?)

    /// Two errors are equal when they say the same thing. The description spells out every
    /// associated value (numbers at full precision), and comparing it keeps a NaN parameter
    /// equal to itself, which member-wise `==` on `Double` would not.
    public static func == (lhs: DistributionError, rhs: DistributionError) -> Bool {
        lhs.description == rhs.description
    }

    public var description: String {
        switch self {
        case let .notFinite(parameter, value):
            return "\(parameter) (\(format(value))) must be a finite number: give it a finite value"
        case let .nonPositive(parameter, value):
            return "\(parameter) (\(format(value))) must be positive: give it a value above 0"
        case let .negative(parameter, value):
            return "\(parameter) (\(format(value))) must not be negative: give it a value of 0 or more"
        case let .probabilityOutsideUnitInterval(parameter, value):
            return "\(parameter) (\(format(value))) must be a probability: give it a value from 0 to 1"
        case let .outsideOpenUnitInterval(parameter, value):
            return "\(parameter) (\(format(value))) must lie strictly between 0 and 1: give it a value above 0 and below 1"
        case let .quantilesOutOfOrder(lower, lowerValue, upper, upperValue):
            return
                "\(upper) (\(format(upperValue))) must be above the \(lower) (\(format(lowerValue))): raise \(upper) or lower the \(lower)"
        case let .modeOutsideRange(min, mode, max):
            return
                "mode (\(format(mode))) must lie between min (\(format(min))) and max (\(format(max))): move the mode into the range or widen the range"
        case let .emptyRange(min, max):
            return "max (\(format(max))) must be above min (\(format(min))): raise max or lower min"
        case let .varianceTooLarge(mean, sd, maximumSD):
            return
                "sd (\(format(sd))) is too large for a beta with mean \(format(mean)): it must be below sqrt(mean * (1 - mean)) = \(format(maximumSD)), so lower sd"
        case let .varianceTooSmall(mean, sd, minimumSD):
            return
                "sd (\(format(sd))) must be above sqrt(mean) = \(format(minimumSD)) for a negative binomial with mean \(format(mean)): raise sd, or use poisson if the variance equals the mean"
        case .emptyData:
            return "empirical needs at least one value: list the observed values under values"
        case let .unknownKind(kind, suggestions):
            if suggestions.isEmpty {
                return "unknown distribution kind '\(kind)': use one of \(DistributionSpec.kinds.joined(separator: ", "))"
            }
            return "unknown distribution kind '\(kind)': did you mean \(orList(suggestions.map { "'\($0)'" }))?"
        case let .missingParameters(kind, given, accepted):
            let sets = orList(accepted.map { "{\($0.joined(separator: ", "))}" })
            return
                "\(kind) needs the parameters \(sets), but was given {\(given.joined(separator: ", "))}: give exactly one of these sets"
        case let .unknownParameter(kind, name, suggestion):
            if let suggestion {
                return "\(kind) has no parameter '\(name)': did you mean '\(suggestion)'?"
            }
            let names = Set((DistributionSpec.accepted[kind] ?? []).joined()).sorted()
            if names.isEmpty { return "\(kind) has no parameter '\(name)': remove it" }
            return "\(kind) has no parameter '\(name)': use \(orList(names))"
        }
    }
}

/// Formats a parameter value for a message: whole numbers without a trailing ".0".
func format(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
        return String(Int64(value))
    }
    return "\(value)"
}

/// "a", "a or b", "a, b or c".
private func orList(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " or " + items.last!
}
