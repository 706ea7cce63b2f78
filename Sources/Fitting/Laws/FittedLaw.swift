import Distributions
import Foundation

/// A fitted law as stored in a fit's JSON payload: a family name and its parameters.
///
/// Families: `negative_binomial`, `geometric`, `poisson` (all of `T - 1`, i.e. shifted to start
/// at 1, parameters `r`/`p`, `p`, `mean`), `discretised_lognormal` (`mu`, `sigma`), `lognormal`
/// (`mu`, `sigma`), `gamma` (`shape`, `scale`), `weibull` (`shape`, `scale`), `beta` (`alpha`,
/// `beta`), `constant` (`value`).
public struct FittedLaw: Sendable, Hashable, Codable {
    public var family: String
    public var parameters: [String: Double]

    public init(family: String, parameters: [String: Double]) {
        self.family = family
        self.parameters = parameters
    }

    /// The law itself.
    /// - Throws: ``FittingError`` for an unknown family or parameters outside the domain.
    public func make() throws(FittingError) -> any UnivariateDistribution {
        let base = try makeBase()
        guard let share = parameters["zero_share"], share > 0 else { return base }
        do {
            return try ZeroInflated(zeroShare: share, base: base)
        } catch {
            throw .invalidParameter("\(family) with zero_share: \(error)")
        }
    }

    func makeBase() throws(FittingError) -> any UnivariateDistribution {
        func v(_ name: String) throws(FittingError) -> Double {
            guard let x = parameters[name] else { throw .invalidParameter("the \(family) law has no parameter '\(name)'") }
            return x
        }
        do {
            switch family {
            case "negative_binomial": return ShiftedCount(try NegativeBinomial(r: try v("r"), p: try v("p")))
            case "geometric": return ShiftedCount(try NegativeBinomial(r: 1, p: try v("p")))
            case "poisson": return ShiftedCount(try Poisson(mean: max(try v("mean"), 1e-12)))
            case "discretised_lognormal": return try DiscretisedLognormal(mu: try v("mu"), sigma: try v("sigma"))
            case "lognormal": return try Lognormal(mu: try v("mu"), sigma: try v("sigma"))
            case "gamma": return try Gamma(shape: try v("shape"), scale: try v("scale"))
            case "weibull": return try Weibull(shape: try v("shape"), scale: try v("scale"))
            case "beta": return try Beta(alpha: try v("alpha"), beta: try v("beta"))
            case "constant": return try Constant(value: try v("value"))
            default: throw FittingError.invalidParameter("unknown fitted family '\(family)'")
            }
        } catch let error as FittingError {
            throw error
        } catch {
            throw .invalidParameter("\(family): \(error)")
        }
    }

    /// The parameters in a fixed order, for tables: `family(name value, ...)`.
    public var summary: String {
        "\(family)(" + parameters.keys.sorted().map { "\($0) \(formatNumber(parameters[$0] ?? .nan))" }.joined(separator: ", ") + ")"
    }
}

/// Four significant digits, without exponent for everyday sizes.
func formatNumber(_ x: Double) -> String {
    if !x.isFinite { return "\(x)" }
    if x == 0 { return "0" }
    let magnitude = abs(x)
    if magnitude >= 1e7 || magnitude < 1e-4 { return String(format: "%.4g", x) }
    let decimals = max(0, 3 - Int(log10(magnitude).rounded(.down)))
    return String(format: "%.\(decimals)f", x)
}
