import Fitting
import Foundation
import Pricing
import Scenario
import Simulation
import SyntheticData
import Testing

@testable import Composition

/// The scenario `fit org --write` writes: its small rules, and that forecasting it gives back
/// the spend it was fitted on.
@Suite struct OrgScenarioTests {
    /// 2026-01-05, a Monday.
    static let monday = 20458

    static func fit() throws -> OrgFit {
        let org = SyntheticOrganisation(
            profiles: [
                .init(share: 0.6, activeDayProbability: 0.5, spendPerActiveDay: 4),
                .init(share: 0.4, activeDayProbability: 0.9, spendPerActiveDay: 25),
            ], developers: 120, firstDay: monday, days: 90)
        var panel = OrgPanel()
        for r in org.rows() {
            panel.add(user: r.user, team: r.team, day: r.day, model: r.model, requests: r.requests, spend: r.spend)
        }
        return try OrgFit.fit(panel, replicates: 10, seed: 3)
    }

    @Test func modelsMapToTheirPresetsAndNamesToKeys() {
        #expect(OrgScenario.preset(for: "claude-opus-4-6") == "opus-4.6")
        #expect(OrgScenario.preset(for: "claude-opus-4-1") == "opus-4.5")
        #expect(OrgScenario.preset(for: "Claude-Sonnet-4-5") == "sonnet-4.5")
        #expect(OrgScenario.preset(for: "claude-haiku-4-5") == "haiku-4.5")
        #expect(OrgScenario.preset(for: "gpt-5.1-codex") == "gpt-5.2-codex")
        #expect(OrgScenario.preset(for: "o3-mini") == "gpt-5.2")
        #expect(OrgScenario.preset(for: "gemini-2.5-flash") == "gemini-3-flash")
        #expect(OrgScenario.preset(for: "gemini-2.5-pro") == "gemini-3-pro")
        #expect(OrgScenario.preset(for: "llama-70b") == "sonnet-4.5")
        #expect(OrgScenario.key("team a/b: c") == "team-a-b--c")
        #expect(OrgScenario.key("") == "unnamed")
        #expect(OrgScenario.quoted(#"say "hi" \ bye"#) == #""say \"hi\" \\ bye""#)
        #expect(OrgScenario.number(3) == "3" && OrgScenario.number(12.345) == "12.35" && OrgScenario.number(0.123456) == "0.1235")
        #expect(OrgScenario.money(2.005) == "$2.00" || OrgScenario.money(2.005) == "$2.01")
    }

    /// squared CV of a day's spend = 1/mu + 1/r, solved for r; no excess over Poisson, no size.
    @Test func daySizeMatchesTheFittedSpread() throws {
        let r = try #require(OrgScenario.daySize(mean: 4, dayCV: 1))
        #expect(abs(r - 1 / (1 - 0.25)) < 1e-12)
        #expect(OrgScenario.daySize(mean: 4, dayCV: 0.5) == nil)
        #expect(OrgScenario.daySize(mean: 0, dayCV: 2) == nil)
        #expect(abs((OrgScenario.daySize(mean: 1e9, dayCV: 1) ?? 0) - 1) < 1e-6)
        // Barely burstier than Poisson: a large size, near-Poisson days.
        let near = try #require(OrgScenario.daySize(mean: 4, dayCV: 0.5 + 1e-5))
        #expect(abs(near / 1e5 - 1) < 1e-3)
    }

    @Test func theWrittenScenarioForecastsTheFittedSpend() throws {
        let fit = try Self.fit()
        var options = OrgScenario.Options(start: "2026-07")
        options.months = 3
        options.trials = 300
        options.byTeam = false
        let written = try OrgScenario(fit: fit, name: "synthetic", options: options)
        #expect(written.text.contains("name: \"synthetic\""))
        #expect(written.text.contains("calendar: {start: 2026-07, months: 3, working_days: 250}"))
        #expect(written.teamOfProfile.count == fit.profiles.count)
        let scenario = try ScenarioLoader.parse(written.text, file: "written.yaml")
        let forecast = try TeamForecaster.run(scenario.teamSpec())
        // What the fit says a working day costs, over the horizon's working days.
        let perDay = fit.profiles.reduce(0.0) { $0 + $1.spendPerWorkingDay.value * Double($1.headCount) }
        let expected = perDay * 250 / 12 * 3 * pow(1 - fit.monthlyAttrition, 1)
        let mean = forecast.teamAnnual.reduce(0, +) / Double(forecast.teamAnnual.count)
        #expect(abs(mean / expected - 1) < 0.12, "forecast \(mean) vs fitted \(expected)")
    }

    @Test func unpricedModelsAreLeftOutWithANoteAndNoneLeftIsAnError() throws {
        var fit = try Self.fit()
        let team = try #require(fit.teamMix.keys.sorted().first)
        fit.teamMix[team]?["house-model-unpriced"] = 0.5
        var options = OrgScenario.Options(start: "2026-07")
        options.trials = 100
        let written = try OrgScenario(fit: fit, name: "n", options: options)
        #expect(written.notes.contains { $0.contains("'house-model-unpriced' has no price") })
        #expect(!written.text.contains("house-model-unpriced"))
        for key in fit.teamMix.keys { fit.teamMix[key] = ["house-model-unpriced": 1] }
        #expect(throws: OrgScenarioError.noPricedModel(["house-model-unpriced"])) {
            _ = try OrgScenario(fit: fit, name: "n", options: options)
        }
        #expect(OrgScenarioError.noDevelopers.description.contains("nothing to forecast"))
    }
}
