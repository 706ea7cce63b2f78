import Distributions

/// Single draws with parameters that change from call to call (a developer's intensity, a
/// day's count), where building a validated distribution value each time would only add checks.
enum GammaUnit {
    /// Gamma with mean 1 and the given shape (variance 1/shape).
    static func draw(shape: Double, using rng: inout RandomStream) -> Double {
        guard shape.isFinite, shape > 0, let g = try? Gamma(shape: shape, scale: 1 / shape) else { return 1 }
        return g.sample(using: &rng)
    }
}

enum PoissonCount {
    static func draw(mean: Double, using rng: inout RandomStream) -> Int {
        guard mean > 0, let p = try? Poisson(mean: mean) else { return 0 }
        return Int(p.sample(using: &rng))
    }
}
