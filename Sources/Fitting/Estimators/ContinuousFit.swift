import Distributions
import Foundation
import NumericalMethods

/// Maximum-likelihood fits of the candidate laws for tokens per turn (positive reals).
public enum ContinuousFit {
    public static let families = ["lognormal", "gamma", "weibull"]

    /// Sufficient pieces of positive data, computed once per data set.
    struct Summary {
        var data: [Double]
        var n: Double
        var mean: Double
        var meanLog: Double
        var varianceLog: Double
        /// exp(meanLog): data are divided by it in the Weibull fit so x^k cannot overflow.
        var geometricMean: Double

        init(_ values: [Double]) {
            data = values
            n = Double(values.count)
            mean = Stats.mean(values)
            let logs = values.map { log($0) }
            meanLog = Stats.mean(logs)
            varianceLog = Stats.variance(logs)
            geometricMean = exp(meanLog)
        }
    }

    static func fit(_ family: String, _ s: Summary) -> (law: FittedLaw, logLikelihood: Double, parameters: Int)? {
        guard s.n >= 2, s.varianceLog > 0 else { return nil }
        switch family {
        case "lognormal":
            // Closed form: the mean and (n-divided) variance of ln x.
            let sigma = s.varianceLog.squareRoot()
            let ll = -s.n * (s.meanLog + log(sigma) + 0.5 * log(2 * Double.pi) + 0.5)
            return (FittedLaw(family: family, parameters: ["mu": s.meanLog, "sigma": sigma]), ll, 2)
        case "gamma":
            // Profile in the shape k: the MLE of the scale is mean / k.
            func negLL(_ logK: Double) -> Double {
                let k = exp(logK), theta = s.mean / k
                return -s.n * ((k - 1) * s.meanLog - k - lgamma(k) - k * log(theta))
            }
            let best = Minimise.goldenSection(lower: log(1e-3), upper: log(1e4), negLL)
            let k = exp(best.x)
            return (FittedLaw(family: family, parameters: ["shape": k, "scale": s.mean / k]), -best.value, 2)
        case "weibull":
            // Profile in the shape k: λ^k = mean(x^k). Data are scaled by their geometric mean g,
            // which shifts the log-likelihood by -n ln g and the scale by g.
            let g = s.geometricMean
            let logY = s.data.map { log($0 / g) }
            func scaleK(_ k: Double) -> Double { pow(Stats.mean(logY.map { exp(k * $0) }), 1 / k) }
            func negLL(_ logK: Double) -> Double {
                let k = exp(logK), lambda = scaleK(k)
                // Σ (y/λ)^k = n at the profile optimum.
                return -s.n * (log(k) - k * log(lambda) - 1)  // the (k-1) Σ ln y term is 0: Σ ln y = 0
            }
            let best = Minimise.goldenSection(lower: log(0.02), upper: log(100), negLL)
            let k = exp(best.x)
            return (FittedLaw(family: family, parameters: ["shape": k, "scale": scaleK(k) * g]), -best.value - s.n * log(g), 2)
        default:
            return nil
        }
    }

    static func logLikelihood(_ fitted: FittedLaw, _ data: [Double]) -> Double {
        guard let law = try? fitted.make() else { return -.infinity }
        return Stats.sum(data.map { law.logDensity($0) })
    }
}
