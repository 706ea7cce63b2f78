import Distributions
import Foundation

/// A law multiplied by a constant: draws of `base` times `factor`. Moves a behaviour law's
/// location (and scale with it) for a one-at-a-time sensitivity run, exactly as a trial's
/// ``TrialBehaviour`` scales do.
struct ScaledLaw: UnivariateDistribution {
    let base: any UnivariateDistribution
    let factor: Double

    var isDiscrete: Bool { false }
    var mean: Double { base.mean * factor }
    var variance: Double { base.variance * factor * factor }
    var support: (lower: Double, upper: Double) { (base.support.lower * factor, base.support.upper * factor) }
    var description: String { "\(base.description) × \(factor)" }

    func sample(using rng: inout RandomStream) -> Double { base.sample(using: &rng) * factor }
    func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        base.fill(out, using: &rng)
        for i in out.indices { out[i] *= factor }
    }
    func cdf(_ x: Double) -> Double { base.cdf(x / factor) }
    func quantile(_ p: Double) -> Double { base.quantile(p) * factor }
    func logDensity(_ x: Double) -> Double { base.logDensity(x / factor) - log(factor) }
}

/// A rate law whose draws are shifted on the log-odds scale, as ``TrialBehaviour/cacheHitLogitShift``
/// shifts the cache hit rate.
struct LogitShiftedLaw: UnivariateDistribution {
    let base: any UnivariateDistribution
    let shift: Double

    var isDiscrete: Bool { false }
    var mean: Double { base.mean }  // approximate; unused by the kernel
    var variance: Double { base.variance }
    var support: (lower: Double, upper: Double) { (0, 1) }
    var description: String { "\(base.description) shifted \(shift) on the log-odds scale" }

    func move(_ h: Double) -> Double {
        guard h > 0, h < 1 else { return h }
        return 1 / (1 + exp(-(log(h / (1 - h)) + shift)))
    }
    func sample(using rng: inout RandomStream) -> Double { move(base.sample(using: &rng)) }
    func fill(_ out: UnsafeMutableBufferPointer<Double>, using rng: inout RandomStream) {
        base.fill(out, using: &rng)
        for i in out.indices { out[i] = move(out[i]) }
    }
    func cdf(_ x: Double) -> Double {
        guard x > 0, x < 1 else { return x <= 0 ? base.cdf(x) : 1 }
        return base.cdf(1 / (1 + exp(-(log(x / (1 - x)) - shift))))
    }
    func quantile(_ p: Double) -> Double { move(base.quantile(p)) }
    func logDensity(_ x: Double) -> Double { .nan }
}
