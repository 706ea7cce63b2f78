import Distributions
import Foundation
import NumericalMethods

/// Maximum-likelihood fits of the candidate laws for turns per attempt (whole numbers >= 1).
///
/// The data enter as a histogram (value -> count), so a likelihood costs one term per distinct
/// value, which keeps hundreds of bootstrap refits cheap.
public enum CountFit {
    public static let families = ["negative_binomial", "discretised_lognormal", "geometric", "poisson"]

    /// Distinct values and their counts, ascending.
    struct Histogram {
        var values: [Double]
        var counts: [Double]
        var n: Double
        var mean: Double
        var variance: Double

        init(_ data: [Double]) {
            var table: [Double: Double] = [:]
            for x in data { table[x, default: 0] += 1 }
            values = table.keys.sorted()
            counts = values.map { table[$0] ?? 0 }
            n = Double(data.count)
            mean = Stats.mean(data)
            variance = Stats.variance(data)
        }
    }

    /// Fits `family` to `turns` (each >= 1). Returns nil when the family cannot describe the
    /// data (a Poisson or geometric law for data that are all 1).
    static func fit(_ family: String, _ h: Histogram) -> (law: FittedLaw, logLikelihood: Double, parameters: Int)? {
        let m = h.mean - 1  // mean of T - 1
        switch family {
        case "poisson":
            guard m > 0 else { return nil }
            let law = FittedLaw(family: family, parameters: ["mean": m])
            return (law, logLikelihood(law, h), 1)
        case "geometric":
            guard m > 0 else { return nil }
            let law = FittedLaw(family: family, parameters: ["p": 1 / (1 + m)])
            return (law, logLikelihood(law, h), 1)
        case "negative_binomial":
            guard m > 0 else { return nil }
            // Profile likelihood in r: for fixed r the MLE of p is r / (r + mean).
            func negLL(_ logR: Double) -> Double {
                let r = exp(logR), p = r / (r + m)
                var total = 0.0
                for (v, c) in zip(h.values, h.counts) {
                    let x = v - 1
                    total += c * (lgamma(x + r) - lgamma(x + 1) + x * log1p(-p))
                }
                total += h.n * (r * log(p) - lgamma(r))
                return -total
            }
            // Under-dispersed data push r to the upper end: the law is then Poisson in all but name.
            let best = Minimise.goldenSection(lower: log(1e-3), upper: log(1e5), tolerance: 1e-10, negLL)
            let r = exp(best.x)
            let law = FittedLaw(family: family, parameters: ["r": r, "p": r / (r + m)])
            return (law, -best.value, 2)
        case "discretised_lognormal":
            let logs = zip(h.values, h.counts).map { (log(max($0.0 - 0.5, 0.5)), $0.1) }
            let mu0 = logs.reduce(0) { $0 + $1.0 * $1.1 } / h.n
            let var0 = logs.reduce(0) { $0 + ($1.0 - mu0) * ($1.0 - mu0) * $1.1 } / h.n
            let start = [mu0, log(max(var0.squareRoot(), 0.05))]
            let best = Minimise.nelderMead(start: start, step: 0.3) { x in
                guard let law = try? DiscretisedLognormal(mu: x[0], sigma: exp(x[1])) else { return .infinity }
                var total = 0.0
                for (v, c) in zip(h.values, h.counts) { total += c * law.logDensity(v) }
                return -total
            }
            let law = FittedLaw(family: family, parameters: ["mu": best.x[0], "sigma": exp(best.x[1])])
            return (law, -best.value, 2)
        default:
            return nil
        }
    }

    static func logLikelihood(_ fitted: FittedLaw, _ h: Histogram) -> Double {
        guard let law = try? fitted.make() else { return -.infinity }
        var total = 0.0
        for (v, c) in zip(h.values, h.counts) { total += c * law.logDensity(v) }
        return total
    }
}
