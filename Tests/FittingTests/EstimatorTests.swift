// Tests: ContinuousFit.swift, CountFit.swift, GoodnessOfFit.swift (select, reselect), RateFit.swift, ShiftedCount.swift, Minimise.swift
import Distributions
import Foundation
import NumericalMethods
import TestSupport
import Testing

@testable import Fitting

@Suite struct EstimatorTests {
    @Test func goldenSectionAndNelderMeadFindTheMinimum() {
        let g = Minimise.goldenSection(lower: -5, upper: 5) { ($0 - 1.25) * ($0 - 1.25) + 3 }
        expectClose(g.x, 1.25, absolute: 1e-6)
        let nm = Minimise.nelderMead(start: [0, 0]) { x in (x[0] - 2) * (x[0] - 2) + 10 * (x[1] + 1) * (x[1] + 1) }
        expectClose(nm.x[0], 2, absolute: 1e-4)
        expectClose(nm.x[1], -1, absolute: 1e-4)
    }

    static let turnCases: [(String, any UnivariateDistribution)] = [
        ("poisson", ShiftedCount(try! Poisson(mean: 9))),
        ("negative_binomial", ShiftedCount(try! NegativeBinomial(mean: 11, dispersion: 1.5))),
        ("discretised_lognormal", try! DiscretisedLognormal(mu: 2.5, sigma: 1.0)),
        ("geometric", ShiftedCount(try! NegativeBinomial(r: 1, p: 0.1))),
    ]

    @Test(arguments: 0..<4) func aicPicksTheTurnsFamilyOnClearCutData(_ index: Int) throws {
        let (family, law) = Self.turnCases[index]
        let data = draws(law, count: 3_000, seed: 11 + UInt64(index))
        let report = try SelectionReport.select(data, families: CountFit.families, discrete: true, replicates: 0, seed: 1)
        let aic = Dictionary(uniqueKeysWithValues: report.candidates.map { ($0.law.family, $0.aic) })
        if family == "geometric" {
            // The geometric law is the negative binomial with r = 1, so the two tie up to noise:
            // AIC may prefer the larger one only by less than the one-parameter penalty's worth.
            #expect(report.chosen.family == "geometric" || (aic["geometric"] ?? .infinity) - (aic["negative_binomial"] ?? 0) < 4)
            #expect(report.candidates.prefix(2).map(\.law.family).contains("geometric"))
        } else {
            #expect(report.chosen.family == family, "\(aic)")
        }
    }

    @Test func continuousFitsRecoverTheirParameters() throws {
        let gamma = draws(try Gamma(shape: 2, scale: 150), count: 5_000, seed: 3)
        let g = try #require(ContinuousFit.fit("gamma", .init(gamma)))
        expectClose(g.law.parameters["shape"] ?? 0, 2, relative: 0.06)
        let weibull = draws(try Weibull(shape: 1.5, scale: 800), count: 5_000, seed: 4)
        let w = try #require(ContinuousFit.fit("weibull", .init(weibull)))
        expectClose(w.law.parameters["shape"] ?? 0, 1.5, relative: 0.04)
        expectClose(w.law.parameters["scale"] ?? 0, 800, relative: 0.04)
        // Weibull log-likelihood agrees with summing the law's own log density.
        expectClose(w.logLikelihood, ContinuousFit.logLikelihood(w.law, weibull), relative: 1e-9)
        let report = try SelectionReport.select(gamma, families: ContinuousFit.families, discrete: false, replicates: 0, seed: 1)
        #expect(report.chosen.family == "gamma")
    }

    /// A bootstrap replicate chooses its family as the fit does: the lowest AIC, the same law.
    @Test(arguments: 0..<4) func reselectChoosesWhatSelectChooses(_ index: Int) throws {
        // Only 60 draws, so that some families come close and the choice is not a formality.
        let data = draws(Self.turnCases[index].1, count: 60, seed: 40 + UInt64(index))
        let report = try SelectionReport.select(data, families: CountFit.families, discrete: true, replicates: 0, seed: 1)
        #expect(SelectionReport.reselect(data, families: CountFit.families, discrete: true) == report.chosen)
        let positive = data.map { $0 + 0.5 }
        let continuous = try SelectionReport.select(
            positive, families: ContinuousFit.families, discrete: false, replicates: 0, seed: 1)
        #expect(SelectionReport.reselect(positive, families: ContinuousFit.families, discrete: false) == continuous.chosen)
        #expect(SelectionReport.reselect([], families: ContinuousFit.families, discrete: false) == nil)
    }

    @Test func betaPosteriorMatchesTheClosedForm() {
        // Uniform prior, 3 successes in 10: Beta(4, 8); scipy.stats.beta.ppf([0.025, 0.975], 4, 8).
        let p = RateFit.Posterior(successes: 3, trials: 10)
        expectClose(p.mean, 4.0 / 12.0, relative: 1e-12)
        expectClose(p.lower, 0.10926344, relative: 1e-6)
        expectClose(p.upper, 0.60974256, relative: 1e-6)
    }

    @Test func goodnessOfFitPValuesAreHighForTheTrueLawAndLowForAWrongOne() throws {
        let data = draws(ShiftedCount(try NegativeBinomial(mean: 11, dispersion: 1.5)), count: 800, seed: 21)
        let report = try SelectionReport.select(data, families: CountFit.families, discrete: true, replicates: 100, seed: 2)
        let nb = try #require(report.candidates.first { $0.law.family == "negative_binomial" })
        let poisson = try #require(report.candidates.first { $0.law.family == "poisson" })
        #expect((nb.ksP ?? 0) > 0.05)
        #expect((poisson.ksP ?? 1) < 0.02)
        #expect((poisson.adP ?? 1) < 0.02)
    }
}
