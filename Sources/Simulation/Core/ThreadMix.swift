import Distributions

/// A developer's mix of threads over models, as every simulator uses it: the cumulative shares
/// a thread's model is drawn from, the split of a count of threads over models, and the
/// mix-weighted thread duration that spreads a day's threads over its hours.
enum ThreadMix {
    /// Running sums of the shares (the last is 1 up to rounding).
    static func cumulative(_ mix: [Double]) -> [Double] {
        var acc = 0.0
        return mix.map {
            acc += $0; return acc
        }
    }

    /// Splits `n` threads over models by the mix: one categorical draw per thread (none with
    /// one model).
    static func split(_ n: Int, cumulative: [Double], counts: inout [Int], rng: inout RandomStream) {
        for j in counts.indices { counts[j] = 0 }
        if counts.count == 1 { counts[0] = n; return }
        for _ in 0..<n {
            let u = rng.uniform()
            var j = 0
            while j < cumulative.count - 1 && u >= cumulative[j] { j += 1 }
            counts[j] += 1
        }
    }

    /// The mix-weighted median thread duration, minutes (0 where no model gives one).
    static func minutesEach(models: [PricedModel], mix: [Double]) -> Double {
        zip(models, mix).reduce(0) { $0 + ($1.0.behaviour.medianThreadMinutes ?? 0) * $1.1 }
    }
}
