import Distributions
import Foundation

/// A count law moved up by a whole number: `base + shift`.
///
/// Turns per attempt start at 1, while the negative binomial, geometric and Poisson laws start
/// at 0; fitting them to `T - 1` and shifting back keeps their closed-form pieces.
public struct ShiftedCount: UnivariateDistribution {
    public let base: any UnivariateDistribution
    public let shift: Double

    public init(_ base: any UnivariateDistribution, shift: Double = 1) {
        self.base = base
        self.shift = shift
    }

    public var isDiscrete: Bool { base.isDiscrete }
    public var mean: Double { base.mean + shift }
    public var variance: Double { base.variance }
    public var support: (lower: Double, upper: Double) { (base.support.lower + shift, base.support.upper + shift) }
    public var description: String { "\(base.description) + \(Int(shift))" }

    public func sample(using rng: inout RandomStream) -> Double { base.sample(using: &rng) + shift }

    public func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        base.fill(out, using: &rng)
        for i in out.indices { out[i] += shift }
    }

    public func cdf(_ x: Double) -> Double { base.cdf(x - shift) }
    public func quantile(_ p: Double) -> Double { base.quantile(p) + shift }
    public func logDensity(_ x: Double) -> Double { base.logDensity(x - shift) }
}
