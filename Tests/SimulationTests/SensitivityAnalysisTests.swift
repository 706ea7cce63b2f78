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

@Suite struct ConvergenceTests {
    @Test func stopsWhereTheKnownVarianceSays() {
        // Normal(100, 10): RSE of the mean is 0.1/√n, under 0.5 % from n = 400; the P90's RSE
        // (sd of a quantile ≈ 1.7σ/√n) needs about 3.5 times as many.
        var rng = RandomStream(seed: 3)
        var values: [Double] = []
        let steps = Convergence.run(target: 0.005, initial: 200, maxTrials: 1_000_000) { n in
            while values.count < n { values.append(100 + 10 * rng.standardNormal()) }
            return values
        }
        let last = steps.last!
        #expect(last.worst <= 0.005)
        #expect(steps.dropLast().allSatisfy { $0.worst > 0.005 })
        #expect(last.trials >= 400 && last.trials < 20_000)
        #expect(abs(last.meanRSE - 0.1 / Double(last.trials).squareRoot()) < 0.001)
    }

    @Test func batchMeansRSEOfP90() {
        let values = (0..<2000).map { Double($0 % 100) }
        let s = Convergence.step(values)
        // Every batch of 100 holds 0...99 once: identical batch P90s, zero RSE.
        #expect(s.p90RSE < 1e-12)
        #expect(s.trials == 2000)
    }

    @Test func accumulatedForecastEqualsAPlainRun() throws {
        let opus = try PriceCatalog.builtIn.price(of: "claude-opus-4-5")
        let model = PricedModel(name: "opus", price: opus, behaviour: try constantBehaviour())
        var spec = DeveloperForecastSpec(
            models: [model], mix: [1], uncertainty: [BehaviourUncertainty(turnsCV: 0.2)],
            pricePaths: [PricePath(annualChange: -0.1, annualChangeSD: 0.1)],
            demand: ThreadDemand(meanPerDay: 2, developerCV: 0.3),
            calendar: WorkCalendar(months: ["2027-01", "2027-02"], workingDays: [5, 5]), trials: 0, seed: 5)
        let accumulator = try ForecastAccumulator(spec: spec)
        accumulator.extend(to: 160)
        accumulator.extend(to: 203)
        let batched = accumulator.forecast()
        spec.trials = 203
        let plain = try DeveloperForecaster.run(spec)
        #expect(batched.annualByTrial == plain.annualByTrial)
        #expect(batched.annual == plain.annual)
        #expect(batched.monthly == plain.monthly)
        #expect(batched.totals.cost.value == plain.totals.cost.value)
        #expect(batched.models[0].threadCost == plain.models[0].threadCost)
    }
}
