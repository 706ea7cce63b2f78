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
            throw .badZeroShare(family: family, error)
        }
    }

    func makeBase() throws(FittingError) -> any UnivariateDistribution {
        func v(_ name: String) throws(FittingError) -> Double {
            guard let x = parameters[name] else { throw .missingLawParameter(family: family, name: name) }
            return x
        }
        /// The law `make` builds, with a parameter outside its domain named for this family.
        func law(_ make: () throws(DistributionError) -> any UnivariateDistribution) throws(FittingError)
            -> any UnivariateDistribution
        {
            do {
                return try make()
            } catch {
                throw .lawOutsideDomain(family: family, error)
            }
        }
        switch family {
        case "negative_binomial":
            let r = try v("r"), p = try v("p")
            return try law { () throws(DistributionError) in ShiftedCount(try NegativeBinomial(r: r, p: p)) }
        case "geometric":
            let p = try v("p")
            return try law { () throws(DistributionError) in ShiftedCount(try NegativeBinomial(r: 1, p: p)) }
        case "poisson":
            let mean = max(try v("mean"), 1e-12)
            return try law { () throws(DistributionError) in ShiftedCount(try Poisson(mean: mean)) }
        case "discretised_lognormal":
            let mu = try v("mu"), sigma = try v("sigma")
            return try law { () throws(DistributionError) in try DiscretisedLognormal(mu: mu, sigma: sigma) }
        case "lognormal":
            let mu = try v("mu"), sigma = try v("sigma")
            return try law { () throws(DistributionError) in try Lognormal(mu: mu, sigma: sigma) }
        case "gamma":
            let shape = try v("shape"), scale = try v("scale")
            return try law { () throws(DistributionError) in try Gamma(shape: shape, scale: scale) }
        case "weibull":
            let shape = try v("shape"), scale = try v("scale")
            return try law { () throws(DistributionError) in try Weibull(shape: shape, scale: scale) }
        case "beta":
            let alpha = try v("alpha"), beta = try v("beta")
            return try law { () throws(DistributionError) in try Beta(alpha: alpha, beta: beta) }
        case "constant":
            let value = try v("value")
            return try law { () throws(DistributionError) in try Constant(value: value) }
        default:
            throw .unknownFamily(family)
        }
    }
}
