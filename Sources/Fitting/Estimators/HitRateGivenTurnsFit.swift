import Foundation
import NumericalMethods
import Simulation

/// Maximum-likelihood fit of ``HitRateGivenTurns`` to per-thread lengths and hit rates:
/// `logit h_i ~ N(a + b log(T_i/T₀), v_b + v_w/T_i)`.
///
/// Hit rates within ``censoring`` of 0 or 1 are censored, not clamped: the totals split can put a
/// thread's cache reads at or above its re-sent input (13 % of the real threads), and their
/// logits would otherwise be whatever the clamp makes them.
public enum HitRateGivenTurnsFit {
    static let censoring = 1e-3
    /// The stored parameters' keys.
    static let keys = ["location", "slope", "reference_turns", "variance_between", "variance_per_turn"]

    /// The fitted parameters (``keys``), or nil with fewer than ``CacheHitSpread/minimumThreads``
    /// pairs or one length only. `start` (stored parameters) starts the search, for bootstrap refits.
    static func fit(turns: [Double], hits: [Double], start: [String: Double]? = nil) -> [String: Double]? {
        let n = min(turns.count, hits.count)
        guard n >= CacheHitSpread.minimumThreads else { return nil }
        let t = Array(turns.prefix(n)).map { max($0, 1) }
        guard let lo = t.min(), let hi = t.max(), hi > lo else { return nil }
        let t0 = start?["reference_turns"] ?? Stats.quantile(t, 0.5)
        let cut = log((1 - censoring) / censoring)
        let y = hits.prefix(n).map { logit(min(max($0, 1e-12), 1 - 1e-12)) }
        let ell = t.map { log($0 / t0) }
        let inside = y.filter { abs($0) < cut }
        guard inside.count >= 2 else { return nil }
        let spread = max(Stats.variance(inside), 1e-3)

        // Negative log-likelihood at (a, b, log v_b, log v_w).
        func negLL(_ p: [Double]) -> Double {
            guard p[1].magnitude <= 5, (-40...12).contains(p[2]), (-40...12).contains(p[3]) else { return .infinity }
            let vb = exp(p[2]), vw = exp(p[3])
            var sum = CompensatedSum()
            for i in 0..<n {
                let mean = p[0] + p[1] * ell[i], sd = (vb + vw / t[i]).squareRoot()
                if y[i] >= cut {
                    sum.add(log(0.5 * erfc((cut - mean) / (sd * 2.0.squareRoot()))))
                } else if y[i] <= -cut {
                    sum.add(log(0.5 * erfc((mean + cut) / (sd * 2.0.squareRoot()))))
                } else {
                    let z = (y[i] - mean) / sd
                    sum.add(-0.5 * z * z - log(sd) - 0.918_938_533_204_672_8)
                }
            }
            return -sum.value
        }
        let first: [Double]
        if let s = start, let a = s["location"], let b = s["slope"], let vb = s["variance_between"],
            let vw = s["variance_per_turn"]
        {
            first = [a, b, log(max(vb, 1e-17)), log(max(vw, 1e-17))]
        } else {
            first = [Stats.quantile(y, 0.5), 0, log(spread / 2), log(spread / 2 * t0)]
        }
        var best = Minimise.nelderMead(start: first, step: 0.5, maxEvaluations: 4_000, negLL)
        best = Minimise.nelderMead(start: best.x, step: 0.1, maxEvaluations: 4_000, negLL)
        guard best.value.isFinite else { return nil }
        // A variance the search drives towards zero (below 1e-8 of a logit's squared unit,
        // nothing at any length) is zero.
        func variance(_ logV: Double) -> Double { exp(logV) < 1e-8 ? 0 : exp(logV) }
        return [
            "location": best.x[0], "slope": best.x[1], "reference_turns": t0, "variance_between": variance(best.x[2]),
            "variance_per_turn": variance(best.x[3]),
        ]
    }

    /// The law the stored parameters describe.
    static func law(_ p: [String: Double]) throws(FittingError) -> HitRateGivenTurns {
        func v(_ name: String) throws(FittingError) -> Double {
            guard let x = p[name] else { throw .missingLawParameter(family: family, name: name) }
            return x
        }
        let a = try v("location"), b = try v("slope"), t0 = try v("reference_turns")
        let vb = try v("variance_between"), vw = try v("variance_per_turn")
        do {
            return try HitRateGivenTurns(
                location: a, slope: b, referenceTurns: t0, varianceBetween: vb, variancePerTurn: vw)
        } catch {
            throw .lawOutsideDomain(family: family, error)
        }
    }

    /// The family name in messages and the scenario echo.
    public static let family = "logit_normal_given_turns"

    /// Each thread's standard score under the law (censored values at the censoring point), for
    /// the copula: the copula then couples `h` given `T` with the other draws.
    static func scores(_ vectors: [DependenceFit.Vector], _ law: HitRateGivenTurns) -> [DependenceFit.Vector] {
        let cut = log((1 - censoring) / censoring)
        let t = BehaviourDraw.turns.index, h = BehaviourDraw.cacheHitRate.index
        return vectors.map { v in
            var out = v
            let l = law.logitLaw(turns: v[t])
            let y = min(max(logit(min(max(v[h], 1e-12), 1 - 1e-12)), -cut), cut)
            out[h] = (y - l.mean) / l.sd
            return out
        }
    }

    static func logit(_ x: Double) -> Double { log(x / (1 - x)) }
}
