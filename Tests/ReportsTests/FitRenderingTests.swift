import Foundation
import Testing

@testable import Reports

// Tests: FitText.swift (replicateFamilies, the interval table)
/// The line under a law's table that says which families the bootstrap replicates chose: what a
/// forecast, which draws one replicate per trial, actually draws.
@Suite struct FitRenderingTests {
    static func selection(_ mix: [(family: String, count: Int)]) -> FitDocument.Selection {
        FitDocument.Selection(
            title: "turns per attempt", observations: 300,
            chosen: FitDocument.Law(family: "negative_binomial", parameters: ["p": 0.07, "r": 2.4]), candidates: [],
            replicateFamilies: mix)
    }

    @Test func aMixOfFamiliesIsSaid() {
        let line = FitText.replicateFamilies(
            Self.selection([("negative_binomial", 187), ("discretised_lognormal", 13)]))
        #expect(
            line
                == "bootstrap replicates, each choosing its family by AIC on its resample: negative_binomial 187, discretised_lognormal 13 of 200 (forecasts draw this mix)\n"
        )
    }

    /// The whole table: the mix under the law it belongs to, and intervals that rest on some
    /// replicates (or none) saying so.
    @Test func theTableShowsTheMixAndWhatEachIntervalRestsOn() {
        let fit = FitDocument.Fit(
            id: nil, model: "claude-sonnet-4-5", threads: 300, threadsWithRequests: 0, since: nil, until: nil, seed: 1,
            bootstrapReplicates: 200, laws: [Self.selection([("negative_binomial", 187), ("discretised_lognormal", 13)])],
            baseContextFromRequests: false, baseContextRows: 300, baseContextPerThread: false,
            cacheHitRate: FitDocument.Law(family: "beta", parameters: ["alpha": 13.5, "beta": 0.51]), cacheHitRateThreads: 300,
            outcomes: nil, threadsPerDay: nil, requestRows: nil, dependence: nil,
            intervals: [
                .init(name: "turns.p", estimate: 0.07414, lower: 0.06404, upper: 0.08684, replicates: 187),
                .init(name: "turns.r", estimate: 2.432, lower: .nan, upper: .nan, replicates: 0),
                .init(name: "turns.mean", estimate: 30.36, lower: 28.5, upper: 32.4),
            ], check: nil, payload: "{}")
        let text = FitText.table(fit)
        #expect(
            text.contains(
                "turns per attempt (300 threads), chosen by AIC: negative_binomial\nbootstrap replicates, each choosing its family by AIC on its resample: negative_binomial 187, discretised_lognormal 13 of 200 (forecasts draw this mix)\n"
            ))
        #expect(text.contains("turns.p (187 of 200 replicates)   0.07414    0.06404    0.08684\n"))
        #expect(text.contains("turns.r (0 of 200 replicates)       2.432          -          -\n"))
        #expect(text.contains("turns.mean                          30.36      28.50      32.40\n"))
        #expect(!text.contains("nan"))
    }

    @Test func oneFamilyEverywhereOrNoReplicatesSaysNothing() {
        #expect(FitText.replicateFamilies(Self.selection([("negative_binomial", 200)])) == "")
        #expect(FitText.replicateFamilies(Self.selection([])) == "")
    }
}
