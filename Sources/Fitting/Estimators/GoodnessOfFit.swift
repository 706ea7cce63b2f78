import Distributions
import Foundation

/// Distances between data and a fitted law: Kolmogorov–Smirnov and Anderson–Darling.
///
/// For count laws both use the law's CDF at whole numbers; Anderson–Darling uses the
/// mid-distribution function (F(k-1) + F(k)) / 2 so ties do not produce log(0). Their null
/// distributions are not the textbook ones once parameters are estimated (and never for counts),
/// so p-values come from a parametric bootstrap (``CandidateReport``).
public enum GoodnessOfFit {
    /// sup |F_n - F| over the data.
    static func kolmogorovSmirnov(sorted x: [Double], law: any UnivariateDistribution) -> Double {
        let n = Double(x.count)
        var d = 0.0
        if law.isDiscrete {
            // Both CDFs step only at whole numbers: compare them at each distinct value and just below it.
            var i = 0
            while i < x.count {
                let v = x[i]
                var j = i
                while j < x.count && x[j] == v { j += 1 }
                d = max(d, abs(Double(j) / n - law.cdf(v)), abs(Double(i) / n - law.cdf(v - 1)))
                i = j
            }
            return d
        }
        for (i, v) in x.enumerated() {
            let f = law.cdf(v)
            d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
        }
        return d
    }

    /// A² = -n - (1/n) Σ (2i - 1) [ln F(x_i) + ln(1 - F(x_{n+1-i}))].
    static func andersonDarling(sorted x: [Double], law: any UnivariateDistribution) -> Double {
        let n = x.count
        let tiny = 1e-300
        let f: [Double] = x.map { v in
            let p = law.isDiscrete ? (law.cdf(v - 1) + law.cdf(v)) / 2 : law.cdf(v)
            return min(max(p, tiny), 1 - 1e-16)
        }
        var s = 0.0
        for i in 0..<n {
            s += Double(2 * i + 1) * (log(f[i]) + log1p(-f[n - 1 - i]))
        }
        return -Double(n) - s / Double(n)
    }
}

/// One candidate law for one quantity, fitted and scored.
public struct CandidateReport: Sendable, Hashable, Codable {
    public var law: FittedLaw
    public var logLikelihood: Double
    public var aic: Double
    public var bic: Double
    public var ks: Double
    public var ad: Double
    /// Parametric-bootstrap p-values (nil when not computed).
    public var ksP: Double?
    public var adP: Double?

    enum CodingKeys: String, CodingKey {
        case law, aic, bic, ks, ad
        case logLikelihood = "log_likelihood"
        case ksP = "ks_p"
        case adP = "ad_p"
    }
}

/// The candidates for one quantity and the one chosen (lowest AIC).
public struct SelectionReport: Sendable, Hashable, Codable {
    public var observations: Int
    public var candidates: [CandidateReport]
    public var chosen: FittedLaw

    /// One family fitted to data: its law (built), log-likelihood and AIC.
    typealias Fitted = (
        index: Int, law: FittedLaw, made: any UnivariateDistribution, logLikelihood: Double, parameters: Int, aic: Double
    )

    /// Every family in `families` fitted to `data` by maximum likelihood, in order (`index` is the
    /// family's place in `families`), leaving out those whose fit fails, is not finite or gives a
    /// law that cannot be built. The one place both ``select(_:families:discrete:replicates:seed:)``
    /// and ``reselect(_:families:discrete:)`` choose from.
    static func fits(_ data: [Double], families: [String], discrete: Bool) -> [Fitted] {
        let histogram = discrete ? CountFit.Histogram(data) : nil
        let summary = discrete ? nil : ContinuousFit.Summary(data)
        return families.enumerated().compactMap { index, family -> Fitted? in
            let fitted = histogram.map { CountFit.fit(family, $0) } ?? summary.flatMap { ContinuousFit.fit(family, $0) }
            guard let fitted, fitted.logLikelihood.isFinite, let made = try? fitted.law.make() else { return nil }
            let aic = 2 * Double(fitted.parameters) - 2 * fitted.logLikelihood
            return (index, fitted.law, made, fitted.logLikelihood, fitted.parameters, aic)
        }
    }

    /// Fits every family in `families` to `data`, scores them, picks the lowest AIC, and
    /// computes bootstrap p-values with `replicates` parametric draws per candidate.
    static func select(
        _ data: [Double], families: [String], discrete: Bool, replicates: Int, seed: UInt64
    ) throws(FittingError) -> SelectionReport {
        let sorted = data.sorted()
        let n = Double(data.count)
        func fitOne(_ family: String, _ values: [Double]) -> (law: FittedLaw, logLikelihood: Double, parameters: Int)? {
            discrete ? CountFit.fit(family, CountFit.Histogram(values)) : ContinuousFit.fit(family, ContinuousFit.Summary(values))
        }
        var reports: [CandidateReport] = []
        for fitted in fits(data, families: families, discrete: discrete) {
            let index = fitted.index, family = families[fitted.index], law = fitted.made
            let k = Double(fitted.parameters)
            var report = CandidateReport(
                law: fitted.law, logLikelihood: fitted.logLikelihood, aic: fitted.aic,
                bic: k * log(n) - 2 * fitted.logLikelihood,
                ks: GoodnessOfFit.kolmogorovSmirnov(sorted: sorted, law: law),
                ad: GoodnessOfFit.andersonDarling(sorted: sorted, law: law), ksP: nil, adP: nil)
            if replicates > 0 {
                // Parametric bootstrap: draw data sets from the fitted law, refit, and count how
                // often the refitted distance is at least the observed one.
                let root = RandomStream(seed: seed).substream(UInt64(index))
                var ksAbove = 0, adAbove = 0, done = 0
                for b in 0..<replicates {
                    var rng = root.substream(UInt64(b))
                    var draw = law.samples(data.count, using: &rng)
                    if !discrete { draw = draw.map { max($0, 1e-300) } }
                    guard let refit = fitOne(family, draw), let refLaw = try? refit.law.make() else { continue }
                    let s = draw.sorted()
                    done += 1
                    if GoodnessOfFit.kolmogorovSmirnov(sorted: s, law: refLaw) >= report.ks { ksAbove += 1 }
                    if GoodnessOfFit.andersonDarling(sorted: s, law: refLaw) >= report.ad { adAbove += 1 }
                }
                if done > 0 {
                    report.ksP = Double(ksAbove + 1) / Double(done + 1)
                    report.adP = Double(adAbove + 1) / Double(done + 1)
                }
            }
            reports.append(report)
        }
        guard let best = reports.min(by: { $0.aic < $1.aic }) else {
            throw .noLawFits(families: families, values: data.count)
        }
        return SelectionReport(observations: data.count, candidates: reports.sorted { $0.aic < $1.aic }, chosen: best.law)
    }

    /// Fits every family in `families` to resampled data and keeps the lowest AIC, as
    /// ``select(_:families:discrete:replicates:seed:)`` chooses but without its goodness-of-fit
    /// figures: a bootstrap replicate chooses its family again, so the replicates carry the
    /// uncertainty of the choice as well as of the parameters (docs/fitting.md).
    static func reselect(_ data: [Double], families: [String], discrete: Bool) -> FittedLaw? {
        // `min(by:)` keeps the first of equal AICs, as `select` does.
        fits(data, families: families, discrete: discrete).min { $0.aic < $1.aic }?.law
    }
}
