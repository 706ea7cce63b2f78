// Tests: TrialDrawCapture.swift, UncertainInput.swift
import Distributions
import Foundation
import Pricing
import Testing

@testable import Simulation

@Suite struct SensitivityAnalysisTests {
    func spec(uncertainty: BehaviourUncertainty, developerCV: Double = 0, trials: Int = 200) throws -> DeveloperForecastSpec {
        let opus = try PriceCatalog.builtIn.price(of: "claude-opus-4-5")
        let model = PricedModel(name: "opus", price: opus, behaviour: try constantBehaviour())
        return DeveloperForecastSpec(
            models: [model], mix: [1], uncertainty: [uncertainty],
            demand: ThreadDemand(meanPerDay: 2, developerCV: developerCV),
            calendar: WorkCalendar(months: ["2027-01", "2027-02"], workingDays: [5, 5]), trials: trials, seed: 11)
    }

    @Test func onlyTurnsVaryingPutsTurnsAloneInTheTornado() throws {
        let result = try SensitivityAnalysis.run(try spec(uncertainty: BehaviourUncertainty(turnsCV: 0.3)), swingTrials: 200)
        #expect(result.material.map(\.input.name) == ["opus · turns"])
        #expect(result.immaterial.isEmpty)
        let turns = try #require(result.material.first)
        // More turns cost more: the swing runs from below the base to above it.
        #expect(turns.low < result.base && result.base < turns.high)
        #expect(result.fixed.count == UncertainInput.all(in: try spec(uncertainty: .none)).count - 1)
        #expect(result.varianceShares.map(\.name) == ["opus · turns"])
        // Turns are the only shared draw; with constant behaviour they explain most of the variance.
        #expect(result.rSquared > 0.5)
    }

    @Test func tornadoIsOrderedByWidthOfSwing() throws {
        let u = BehaviourUncertainty(turnsCV: 0.4, tokensCV: 0.05)
        let result = try SensitivityAnalysis.run(try spec(uncertainty: u, developerCV: 0.2), swingTrials: 200)
        let swings = (result.material + result.immaterial).map(\.swing)
        #expect(result.material.map(\.swing) == result.material.map(\.swing).sorted(by: >))
        #expect(result.material.first?.input.name == "opus · turns")
        #expect(swings.count == 5)  // turns, three token laws, threads per day
    }

    @Test func settingsAreTheQuantilesOfTheUncertainty() throws {
        let inputs = UncertainInput.all(in: try spec(uncertainty: BehaviourUncertainty(turnsCV: 0.3, oneShotSD: 0.05)))
        let turns = try #require(inputs.first { $0.parameter == .turns })
        let s = (log1p(0.09)).squareRoot()
        #expect(abs(turns.high - exp(1.2815515655446004 * s - s * s / 2)) < 1e-9)
        #expect(abs(turns.base - exp(-s * s / 2)) < 1e-12)
        let oneShot = try #require(inputs.first { $0.parameter == .oneShot })
        #expect(oneShot.low < 0.5 && oneShot.high > 0.5 && oneShot.base == 0.5)
    }

    @Test func captureLeavesTheForecastUnchanged() throws {
        let s = try spec(uncertainty: BehaviourUncertainty(turnsCV: 0.3, tokensCV: 0.2, turnsTokensCorrelation: 0.5))
        let plain = try DeveloperForecaster.run(s)
        let capture = TrialDrawCapture(trials: s.trials, modelCount: 1)
        let captured = try DeveloperForecaster.run(s, capture: capture)
        #expect(plain.annualByTrial == captured.annualByTrial)
        #expect(capture.normal(trial: 5, 0) != 0)
    }
}
