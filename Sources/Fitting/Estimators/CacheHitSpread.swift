import Distributions
import Foundation
import NumericalMethods
import Simulation

/// Whether the spread of the per-thread cache hit rate depends on the thread's length.
///
/// The fit draws `h` from one beta law for every thread length (MODEL.md). A thread's `h` is an
/// average over its turns, so when turns miss the cache independently a long thread's average
/// varies less than a short one's. The test fits a beta law with mean `m(T)` and concentration
/// `κ (T / T₀)^γ` (`T₀` the median length) by maximum likelihood, and compares it with `γ = 0`
/// (one spread for every length) by a likelihood ratio, χ² with one degree of freedom. Where it
/// finds a dependence, the fit draws `h` given the turns (``HitRateGivenTurns``, fitted by
/// `HitRateGivenTurnsFit`), and the verdict says so (``refined(with:)``).
public struct CacheHitSpread: Sendable, Hashable, Codable {
    /// Threads with both a hit rate and a length.
    public var threads: Int
    /// `T₀`: the median length, where the concentration is `κ`.
    public var referenceTurns: Double
    /// `γ`: the concentration grows as `T^γ` (0: one spread for every length).
    public var exponent: Double
    /// `2 (log L(γ) - log L(0))`.
    public var likelihoodRatio: Double
    public var pValue: Double
    /// The 90th percentile of `1 - h` among the shortest and the longest third of the threads.
    public var shortMissP90: Double
    public var longMissP90: Double
    /// One sentence: what the data says and what it does to a forecast.
    public var verdict: String

    enum CodingKeys: String, CodingKey {
        case threads, exponent, verdict
        case referenceTurns = "reference_turns", likelihoodRatio = "likelihood_ratio", pValue = "p_value"
        case shortMissP90 = "short_miss_p90", longMissP90 = "long_miss_p90"
    }

    /// Below this many threads the test says nothing useful.
    public static let minimumThreads = 30
    /// A likelihood ratio with a p-value below this is a verdict.
    public static let significance = 0.01

    /// The test on paired lengths and hit rates; nil with fewer than ``minimumThreads`` pairs or
    /// when every thread has the same length or the same rate.
    public static func test(turns: [Double], hits: [Double]) -> CacheHitSpread? {
        let n = min(turns.count, hits.count)
        guard n >= minimumThreads else { return nil }
        // Clamped as for the beta fit (RateFit.beta): a rate of exactly 0 or 1 has no density.
        let x = hits.prefix(n).map { min(max($0, 1e-6), 1 - 1e-6) }
        let t = Array(turns.prefix(n))
        let t0 = Stats.quantile(t, 0.5)
        guard t0 > 0, let lo = t.min(), let hi = t.max(), hi > lo, Stats.variance(x) > 0 else { return nil }
        let logRatio = t.map { log($0 / t0) }
        let logX = x.map { log($0) }, log1mX = x.map { log1p(-$0) }

        // Negative log-likelihood at (logit m₀, β, log κ, γ): the mean moves with the length as
        // logit m = logit m₀ + β log(T/T₀) in both hypotheses, so a hit rate that only rises or
        // falls with length (what the copula carries) is not taken for a change of spread.
        func negLL(_ p: [Double]) -> Double {
            let gamma = p[3]
            guard gamma.magnitude <= 4, p[1].magnitude <= 4 else { return .infinity }
            var sum = CompensatedSum()
            for i in 0..<n {
                let m = 1 / (1 + exp(-(p[0] + p[1] * logRatio[i])))
                let k = exp(p[2] + gamma * logRatio[i])
                let a = m * k, b = (1 - m) * k
                let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
                sum.add((a - 1) * logX[i] + (b - 1) * log1mX[i] - logBeta)
            }
            return -sum.value
        }
        /// Nelder–Mead twice (the second from the first's best point, with a smaller simplex).
        func minimise(_ start: [Double], _ f: @escaping ([Double]) -> Double) -> (x: [Double], value: Double) {
            let first = Minimise.nelderMead(start: start, step: 0.3, maxEvaluations: 4_000, f)
            return Minimise.nelderMead(start: first.x, step: 0.05, maxEvaluations: 4_000, f)
        }
        let mean = Stats.mean(x), variance = Stats.variance(x)
        let nu = max(mean * (1 - mean) / variance - 1, 0.1)
        let null = minimise([log(mean / (1 - mean)), 0, log(nu)]) { negLL($0 + [0]) }
        let free = minimise(null.x + [0]) { negLL($0) }
        // The free fit nests the null one, so it is never worse; Nelder–Mead may stop short.
        let gamma = free.value <= null.value ? free.x[3] : 0
        let ratio = max(0, 2 * (null.value - min(free.value, null.value)))
        let p = erfc((ratio / 2).squareRoot())

        let order = t.indices.sorted { t[$0] < t[$1] }
        let third = max(1, n / 3)
        let shortMiss = order.prefix(third).map { 1 - x[$0] }, longMiss = order.suffix(third).map { 1 - x[$0] }
        let shortP90 = Stats.quantile(shortMiss, 0.9), longP90 = Stats.quantile(longMiss, 0.9)
        return CacheHitSpread(
            threads: n, referenceTurns: t0, exponent: gamma, likelihoodRatio: ratio, pValue: p, shortMissP90: shortP90,
            longMissP90: longP90,
            verdict: verdict(exponent: gamma, ratio: ratio, p: p, shortP90: shortP90, longP90: longP90))
    }

    /// The verdict once `h` is fitted given the turns with `law` (the refinement this check
    /// asks for): what the forecast now does instead of what it would get wrong.
    mutating func refined(with law: HitRateGivenTurns) {
        verdict =
            Self.finding(exponent: exponent, ratio: likelihoodRatio, p: pValue, shortP90: shortMissP90, longP90: longMissP90)
            + String(
                format:
                    ": h is drawn given each attempt's turns T, logit h ~ N(%.3f %@ %.3f log(T/%g), %.4g + %.4g/T) (docs/fitting.md)",
                law.location, law.slope < 0 ? "-" : "+", abs(law.slope), law.referenceTurns, law.varianceBetween,
                law.variancePerTurn)
    }

    /// What the test found, with its figures: the head of every verdict.
    static func finding(exponent g: Double, ratio: Double, p: Double, shortP90: Double, longP90: Double) -> String {
        let pText = p < 0.0001 ? "p < 0.0001" : String(format: "p %.4f", p)
        let figures = String(format: "concentration as T^%.2f, likelihood ratio %.1f, %@", g, ratio, pText)
        guard p < significance else { return "one spread fits every thread length (\(figures))" }
        let bands = String(format: "1 - h P90 %.4f in the shortest third of threads, %.4f in the longest", shortP90, longP90)
        return "\(g > 0 ? "narrows" : "widens") as threads get longer (\(figures); \(bands))"
    }

    static func verdict(exponent g: Double, ratio: Double, p: Double, shortP90: Double, longP90: Double) -> String {
        let head = finding(exponent: g, ratio: ratio, p: p, shortP90: shortP90, longP90: longP90)
        guard p < significance else { return head }
        if g > 0 {
            return head + ": h is drawn from one law for every length, "
                + "so long threads' hit rates vary too much and the cost P99 is overstated (docs/fitting.md)"
        }
        return head + ": h is drawn from one law for every length, "
            + "so long threads' hit rates vary too little and the cost P99 may be understated (docs/fitting.md)"
    }
}
