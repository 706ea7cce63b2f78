import Distributions
import Simulation

/// What one source says about a model's behaviour: a preset, a stored fit (its point estimate or
/// one bootstrap replicate), or the scenario's own `behaviour:` and `correlations:`. Any part may
/// be missing.
struct BehaviourLayer {
    var laws: [BehaviourDraw: any UnivariateDistribution] = [:]
    /// How each law was written, for the echo; the replicates have none.
    var specs: [BehaviourDraw: DistributionSpec] = [:]
    var oneShotRate: Double?
    var offTheRailsRate: Double?
    /// nil when this layer says nothing about dependence; `.some(nil)` for independent draws.
    var dependence: DrawDependence?? = nil
    /// A fit's hit rate given the turns. It belongs to the layer's cache hit law: a higher
    /// layer that gives `cache_hit_rate` replaces both.
    var hitGivenTurns: HitRateGivenTurns?

    /// The one place the precedence is written: `layers` lowest first (preset < fit <
    /// `behaviour:`), each part from the highest layer that gives it.
    static func stacked(_ layers: BehaviourLayer...) -> BehaviourLayer {
        var out = BehaviourLayer()
        for layer in layers {
            for (draw, law) in layer.laws { out.laws[draw] = law }
            if layer.laws[.cacheHitRate] != nil { out.hitGivenTurns = layer.hitGivenTurns }
            for (draw, spec) in layer.specs { out.specs[draw] = spec }
            if let p = layer.oneShotRate { out.oneShotRate = p }
            if let q = layer.offTheRailsRate { out.offTheRailsRate = q }
            if let d = layer.dependence { out.dependence = d }
        }
        return out
    }
}
