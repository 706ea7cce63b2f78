// Tests: ScenarioLoader+Model.swift
import Foundation
import Pricing
import Simulation
import TestSupport
import Testing

@testable import Scenario

@Suite struct ScenarioLoaderTests {
    /// Loads a fixture and returns the error text with the fixture's directory stripped.
    func errorText(_ name: String) -> String? {
        let path = RepositoryPaths.fixture("scenarios/\(name)")
        do {
            _ = try ScenarioLoader.load(path: path)
            return nil
        } catch {
            return error.description.replacingOccurrences(of: RepositoryPaths.fixture("scenarios") + "/", with: "")
        }
    }

    @Test(arguments: [
        (
            "malformed-yaml.yaml",
            "malformed-yaml.yaml:5:4: not valid YAML: did not find expected key while parsing a block mapping: check indentation (spaces, not tabs) and that every 'key: value' has a space after the colon"
        ),
        ("unknown-key.yaml", "unknown-key.yaml:1:1: unknown key 'trails' at the top level: did you mean 'trials'?"),
        ("wrong-type.yaml", "wrong-type.yaml:1:9: 'trials' must be a number, got 'many'"),
        (
            "negative-price.yaml",
            "negative-price.yaml:5:30: 'prices.overrides.claude-opus-4-5.input' is a price and must not be negative, got -5: prices are USD per million tokens"
        ),
        (
            "probability-outside.yaml",
            "probability-outside.yaml:8:22: 'models.opus.behaviour.one_shot_rate' is a probability and must be between 0 and 1, got 57.3: write 0.573 for 57.3 %"
        ),
        (
            "p90-below-median.yaml",
            "p90-below-median.yaml:8:14: 'models.opus.behaviour.turns': p90 (5) must be above the median (12): raise p90 or lower the median"
        ),
        (
            "unknown-model.yaml",
            "unknown-model.yaml:6:12: model 'opus': unknown model 'claude-opus-4-7': did you mean 'claude-opus-4-5', 'claude-opus-4-6', 'claude-haiku-4-5'?"
        ),
        ("mix-not-one.yaml", "mix-not-one.yaml:3:8: the shares in 'developer.mix' sum to 0.9, not 1: add 0.1 across them"),
        (
            "unknown-parameter.yaml",
            "unknown-parameter.yaml:8:32: 'models.opus.behaviour.turns': lognormal has no parameter 'medain': did you mean 'median'?"
        ),
        ("unknown-preset.yaml", "unknown-preset.yaml:5:13: unknown preset 'opus-9': did you mean 'opus-4.5' or 'opus-4.6'?"),
        (
            "no-price.yaml",
            "no-price.yaml:5:5: model 'opus' has no 'price:' and 'opus' is not a model in the price catalog: add price: with a catalog key, e.g. price: claude-opus-4-5"
        ),
        (
            "correlations-unknown-draw.yaml",
            "correlations-unknown-draw.yaml:8:7: 'cache_hit' in 'models.opus.correlations.turns.cache_hit' is not a per-attempt draw: did you mean 'cache_hit_rate'? use one of turns, fresh_input_per_turn, output_per_turn, cache_hit_rate, base_context"
        ),
        (
            "correlations-out-of-range.yaml",
            "correlations-out-of-range.yaml:8:29: 'models.opus.correlations.turns.cache_hit_rate' is a rank correlation and must be between -1 and 1, got 1.5"
        ),
        (
            "correlations-bad-df.yaml",
            "correlations-bad-df.yaml:11:27: 'models.opus.correlations.degrees_of_freedom': the t copula's degrees of freedom are 0.5: use a finite number of at least 1 (larger is closer to the Gaussian copula)"
        ),
        (
            "correlations-not-pd.yaml",
            "correlations-not-pd.yaml:8:7: the correlations in 'models.opus.correlations' are not mutually consistent (no joint law has them all): the nearest valid set is turns.fresh_input_per_turn: 0.48, turns.cache_hit_rate: 0.48, fresh_input_per_turn.cache_hit_rate: -0.48"
        ),
    ])
    func badScenarioGetsExactMessage(file: String, message: String) {
        #expect(errorText(file) == message)
    }

    @Test func missingFileSaysSo() {
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: "nope.yaml") }
        #expect(error?.rule == .noSuchFile(didYouMean: nil, folder: "", names: []))
        #expect(error?.description == "nope.yaml: no such file: check the path (scenarios live in scenarios/)")
    }

    @Test func aMisspeltScenarioGetsTheClosestNameOrTheFolderList() {
        let folder = RepositoryPaths.root.appendingPathComponent("scenarios").path
        #expect(
            ScenarioLoader.missingFile(folder + "/startup-tem.yaml").description
                == "no such file: did you mean \(folder)/startup-team.yaml?")
        let listed = ScenarioLoader.missingFile(folder + "/budget.yaml").description
        #expect(listed.hasPrefix("no such file: \(folder)/ has amp-models.yaml, amp-routing.yaml, "), "\(listed)")
        #expect(listed.contains("sonnet-team.yaml"))
    }

    /// `correlations:` are rank correlations; the model's behaviour then draws through the copula.
    @Test func correlationsGiveTheBehaviourADependence() throws {
        let s = try ScenarioLoader.load(path: RepositoryPaths.fixture("scenarios/correlations-valid.yaml"))
        let d = try #require(s.models[0].priced.behaviour.dependence)
        expectClose(d.correlation[0, 3], DrawDependence.normalCorrelation(spearman: 0.8), relative: 1e-12, "turns/cache hit")
        expectClose(d.correlation[0, 1], DrawDependence.normalCorrelation(spearman: -0.5), relative: 1e-12, "turns/fresh")
        #expect(d.correlation[2, 4] == 0)
        let minimal = try ScenarioLoader.load(path: RepositoryPaths.fixture("scenarios/valid-minimal.yaml")).models[0]
        #expect(minimal.priced.behaviour.dependence == nil)
        // The report's behaviour echo says what couples the draws.
        func echo(_ m: ScenarioModel) -> String? { m.behaviourSpecs.first { $0.key == "dependence" }?.value }
        #expect(echo(s.models[0]) == "correlations: Gaussian copula")
        #expect(echo(minimal) == "independent")
    }

    /// `degrees_of_freedom:` among the correlations makes the copula a t copula.
    @Test func degreesOfFreedomMakeATCopula() throws {
        let s = try ScenarioLoader.load(path: RepositoryPaths.fixture("scenarios/correlations-t-copula.yaml"))
        let d = try #require(s.models[0].priced.behaviour.dependence)
        #expect(d.degreesOfFreedom == 4)
        #expect(
            s.models[0].behaviourSpecs.first { $0.key == "dependence" }?.value == "correlations: t copula (4 degrees of freedom)")
        // Converted under ν = 4, not by the Gaussian formula (which draws 0.4 as about 0.39).
        let t = try #require(StudentRankCorrelation(degreesOfFreedom: 4))
        expectClose(d.correlation[1, 2], t.shape(spearman: 0.4), relative: 1e-12, "fresh/output")
        #expect(d.correlation[1, 2] > DrawDependence.normalCorrelation(spearman: 0.4) + 0.005)
        let gaussian = try ScenarioLoader.load(path: RepositoryPaths.fixture("scenarios/correlations-valid.yaml"))
        #expect(gaussian.models[0].priced.behaviour.dependence?.degreesOfFreedom == nil)
    }

    @Test func minimalScenarioTakesDefaults() throws {
        let s = try ScenarioLoader.load(path: RepositoryPaths.fixture("scenarios/valid-minimal.yaml"))
        #expect(s.trials == 200 && s.seed == 7)
        #expect(s.calendar.months.count == 12 && s.calendar.totalWorkingDays == 230)
        #expect(s.models.map(\.name) == ["opus"] && s.mix == [1])
        #expect(s.models[0].priced.behaviour.oneShotRate == 0.573)
        #expect(s.models[0].priced.behaviour.contextWindow == 200_000)
    }

    @Test func everyShippedScenarioLoads() throws {
        let dir = RepositoryPaths.root.appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty)
        for f in files {
            #expect(throws: Never.self, "\(f)") { try ScenarioLoader.load(path: dir.appendingPathComponent(f).path) }
        }
    }

    @Test func priceOverridesAreUSDPerMillion() throws {
        let yaml = """
            developer: {threads_per_day: 1}
            prices:
              overrides:
                claude-opus-4-5: {input: 4, output: 20}
                my-local-model: {input: 0.1, output: 0.2}
            models:
              opus: {preset: opus-4.5, price: claude-opus-4-5}
            """
        let s = try ScenarioLoader.parse(yaml, file: "inline.yaml")
        #expect(abs(s.models[0].priced.price.input - 4e-6) < 1e-20)
        #expect(abs(s.models[0].priced.price.output - 2e-5) < 1e-20)
        #expect(abs(try s.catalog.price(of: "my-local-model").output - 2e-7) < 1e-20)
    }
}
