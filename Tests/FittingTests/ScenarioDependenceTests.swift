// Tests: ScenarioLoader+Correlations.swift
import Composition
import Foundation
import Scenario
import Simulation
import TestSupport
import Testing
import ThreadStore

@testable import Fitting

/// A fit's dependence reaches the scenario's behaviour and every replicate; `correlations:`
/// overrides it, and `correlations: independent` drops it.
@Suite(.serialized) struct ScenarioDependenceTests {
    static let dir: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokencast-dependence-\(ProcessInfo.processInfo.processIdentifier)"
        ).path
        try? FileManager.default.removeItem(atPath: dir)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try! ThreadStore(path: (dir as NSString).appendingPathComponent("threads.db"))
        _ = try! CSVImporter(store: store).importFile(at: RepositoryPaths.fixture("real-threads/swe4cc-claude-sonnet-4-5.csv"))
        let fit = try! BehaviourFitter(options: .init(bootstrap: 10, goodnessReplicates: 0, catalog: nil)).fit(
            model: "claude-sonnet-4-5", in: store)
        _ = try! store.saveFit(model: fit.model, since: fit.since, until: fit.until, payload: try! fit.payload())
        return dir
    }()

    func load(_ correlations: String) throws -> Scenario {
        let yaml = """
            db: threads.db
            trials: 32
            seed: 3
            developer: {threads_per_day: 3}
            models:
              sonnet:
                price: claude-sonnet-4-5
                fit: latest\(correlations.isEmpty ? "" : "\n    correlations: \(correlations)")
            """
        return try ScenarioLoader.parse(yaml, file: (Self.dir as NSString).appendingPathComponent("s.yaml"), fits: StoredFits())
    }

    @Test func theFitsDependenceReachesTheBehaviourAndItsReplicates() throws {
        let model = try #require(try load("").models.first)
        let d = try #require(model.priced.behaviour.dependence)
        #expect(d.correlation[0, 3] > 0.1, "turns and cache hit rate are positively coupled in the real threads")
        #expect(model.replicates.count == 10)
        #expect(model.replicates.allSatisfy { $0.dependence != nil })
        #expect(Set(model.replicates.map { $0.dependence!.correlation[0, 3] }).count > 1, "each replicate has its own matrix")
    }

    @Test func handCorrelationsOverrideTheFit() throws {
        let model = try #require(try load("{turns.output_per_turn: 0.3}").models.first)
        let d = try #require(model.priced.behaviour.dependence)
        #expect(d.correlation[0, 3] == 0)
        #expect(abs(d.correlation[0, 2] - DrawDependence.normalCorrelation(spearman: 0.3)) < 1e-12)
        #expect(model.replicates.allSatisfy { $0.dependence?.correlation[0, 2] == d.correlation[0, 2] })
        let off = try #require(try load("independent").models.first)
        #expect(off.priced.behaviour.dependence == nil)
        #expect(off.replicates.allSatisfy { $0.dependence == nil })
    }
}
