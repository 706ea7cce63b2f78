// Tests: BehaviourLayer.swift, BehaviourPreset.swift, ScenarioInputs.swift
import Distributions
import Foundation
import Simulation
import Testing

@testable import Scenario

/// The precedence of behaviour sources, the built-in presets, and the flattened inputs of
/// `tokencast diff`.
@Suite struct BehaviourLayerTests {
    static func constant(_ v: Double) throws -> any UnivariateDistribution {
        try DistributionSpec(kind: "constant", parameters: ["value": v]).make()
    }

    @Test func eachPartComesFromTheHighestLayerThatGivesIt() throws {
        var preset = BehaviourLayer()
        preset.laws[.turns] = try Self.constant(10)
        preset.laws[.outputPerTurn] = try Self.constant(200)
        preset.oneShotRate = 0.5
        preset.offTheRailsRate = 0.1
        var fit = BehaviourLayer()
        fit.laws[.turns] = try Self.constant(20)
        fit.oneShotRate = 0.6
        fit.dependence = .some(nil)
        var scenario = BehaviourLayer()
        scenario.laws[.turns] = try Self.constant(30)
        scenario.specs[.turns] = DistributionSpec(kind: "constant", parameters: ["value": 30])

        let out = BehaviourLayer.stacked(preset, fit, scenario)
        #expect(out.laws[.turns]?.mean == 30)
        #expect(out.laws[.outputPerTurn]?.mean == 200)
        #expect(out.specs[.turns]?.parameters["value"] == 30)
        #expect(out.oneShotRate == 0.6)
        #expect(out.offTheRailsRate == 0.1)
        // The fit said "independent" and nothing above it spoke: independent, not unsaid.
        if case .some(.none) = out.dependence {} else { Issue.record("dependence: \(String(describing: out.dependence))") }
        // Order matters: the same layers the other way round.
        let reversed = BehaviourLayer.stacked(scenario, fit, preset)
        #expect(reversed.laws[.turns]?.mean == 10)
        #expect(reversed.oneShotRate == 0.5)
        #expect(BehaviourLayer.stacked().laws.isEmpty)
        if case .none = BehaviourLayer.stacked(preset).dependence {} else { Issue.record("a preset says nothing of dependence") }
    }

    @Test func everyPresetIsAValidStartingPoint() throws {
        #expect(BehaviourPreset.builtIn.count == 8)
        for (name, preset) in BehaviourPreset.builtIn {
            #expect(preset.name == name)
            #expect(preset.oneShotRate > 0 && preset.oneShotRate < 1, "\(name)")
            #expect(preset.offTheRailsRate >= 0 && preset.offTheRailsRate < preset.oneShotRate, "\(name)")
            #expect(preset.maxAttempts >= 1, "\(name)")
            for spec in [preset.turns, preset.freshInputPerTurn, preset.outputPerTurn, preset.cacheHitRate, preset.baseContext] {
                let law = try spec.make()
                #expect(law.mean.isFinite && law.mean > 0, "\(name): \(spec.kind)")
            }
            let hit = try preset.cacheHitRate.make()
            #expect(hit.support.lower >= 0 && hit.support.upper <= 1, "\(name)")
        }
        // The specs say what they were written as: the lognormals' median is their 50th percentile.
        let opus = try #require(BehaviourPreset.builtIn["opus-4.5"])
        let fresh = try opus.freshInputPerTurn.make()
        #expect(abs(fresh.quantile(0.5) - 890) < 1e-6 * 890)
        #expect(abs(fresh.quantile(0.9) - 2_900) < 1e-6 * 2_900)
        #expect(abs(try opus.cacheHitRate.make().mean - 0.90) < 1e-12)
        // Amp's published table, as the basis says.
        #expect(opus.oneShotRate == 0.573 && opus.offTheRailsRate == 0.024)
        #expect(opus.basis.contains("$2.05 per thread"))
    }

    @Test func inputsFlattenInFileOrderAndDiffChangedFirst() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.yaml").path
        let b = dir.appendingPathComponent("b.yaml").path
        try """
        name: baseline
        trials: 1000
        models:
          opus:
            preset: opus-4.5
            price: [5, 25]
        developers:
          - model: opus
            threads_per_day: 4
        """.write(toFile: a, atomically: true, encoding: .utf8)
        try """
        name: switched
        trials: 2000
        models:
          opus:
            preset: opus-4.5
        developers:
          - model: opus
            threads_per_day: 4
        seed: 7
        """.write(toFile: b, atomically: true, encoding: .utf8)
        let fa = try ScenarioInputs.flatten(path: a)
        #expect(
            fa.map(\.path) == [
                "name", "trials", "models.opus.preset", "models.opus.price", "developers[0].model",
                "developers[0].threads_per_day",
            ])
        #expect(fa[3].value == "[5, 25]")
        let diff = ScenarioInputs.differences(fa, try ScenarioInputs.flatten(path: b))
        #expect(diff == ["~ trials: 1000 → 2000", "+ seed: 7", "- models.opus.price: [5, 25]"])
        #expect(ScenarioInputs.differences(fa, fa).isEmpty)

        #expect(throws: ScenarioError.self) { _ = try ScenarioInputs.flatten(path: dir.appendingPathComponent("none.yaml").path) }
        let broken = dir.appendingPathComponent("broken.yaml").path
        try "models:\n  opus: [1, 2\n".write(toFile: broken, atomically: true, encoding: .utf8)
        do {
            _ = try ScenarioInputs.flatten(path: broken)
            Issue.record("a YAML error was not reported")
        } catch {
            #expect(error.description.contains(broken), "\(error.description)")
        }
    }
}
