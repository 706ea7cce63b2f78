import Testing

@testable import Reports

// Tests: FitText.swift (replicateFamilies)
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

    @Test func oneFamilyEverywhereOrNoReplicatesSaysNothing() {
        #expect(FitText.replicateFamilies(Self.selection([("negative_binomial", 200)])) == "")
        #expect(FitText.replicateFamilies(Self.selection([])) == "")
    }
}
