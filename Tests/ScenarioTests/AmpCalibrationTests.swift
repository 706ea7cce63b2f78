import Simulation
import TestSupport
import Testing

@testable import Scenario

/// The presets must reproduce Amp's published table (DOMAIN.md section 2) within 5 %.
@Suite struct AmpCalibrationTests {
    @Test func simulatedThreadCostAndWasteMatchPublishedWithinFivePercent() throws {
        var scenario = try ScenarioLoader.load(path: RepositoryPaths.scenario("amp-models.yaml"))
        scenario.trials = 600
        let forecast = try DeveloperForecaster.run(scenario.forecastSpec())
        for (model, result) in zip(scenario.models, forecast.models) {
            let published = try #require(model.published)
            let cost = try #require(published.averageThreadCost)
            let waste = try #require(published.wasteShare)
            #expect(
                abs(result.totals.costPerThread / cost - 1) < 0.05,
                "\(model.name) cost per thread \(result.totals.costPerThread) vs \(cost)")
            #expect(
                abs(result.totals.wasteShare / waste - 1) < 0.05,
                "\(model.name) waste share \(result.totals.wasteShare) vs \(waste)")
        }
    }

    @Test func sonnetCostsMorePerThreadThanOpusDespiteLowerPrices() throws {
        var scenario = try ScenarioLoader.load(path: RepositoryPaths.scenario("amp-models.yaml"))
        scenario.trials = 300
        let f = try DeveloperForecaster.run(scenario.forecastSpec())
        let byName = Dictionary(uniqueKeysWithValues: f.models.map { ($0.name, $0) })
        let sonnet = try #require(byName["sonnet"]), opus = try #require(byName["opus"])
        #expect(sonnet.totals.costPerThread > opus.totals.costPerThread)
        #expect(sonnet.attemptsPerThread > opus.attemptsPerThread)
    }
}
