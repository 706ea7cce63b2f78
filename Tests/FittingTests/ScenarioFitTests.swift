// Tests: StoredFits.swift, ScenarioLoader+Fit.swift
import Composition
import Distributions
import Foundation
import Scenario
import Simulation
import SyntheticData
import TestSupport
import Testing
import ThreadStore

@testable import Fitting

@Suite(.serialized) struct ScenarioFitTests {
    /// A database on disk with one stored fit of the synthetic logs; returns its directory and the fit id.
    static let stored: (dir: String, id: Int64, replicates: Int) = {
        var logs = SyntheticLogs()
        logs.developers = 3
        let store = try! SyntheticStore.make(logs, name: "scenario", onDisk: true)
        let fit = try! BehaviourFitter(options: .init(bootstrap: 30, goodnessReplicates: 0, catalog: nil)).fit(
            model: logs.model, in: store)
        let record = try! store.saveFit(model: fit.model, since: fit.since, until: fit.until, payload: try! fit.payload())
        return ((store.path! as NSString).deletingLastPathComponent, record.id, fit.replicates.count)
    }()

    func load(_ yaml: String) throws(ScenarioError) -> Scenario {
        let file = (Self.stored.dir as NSString).appendingPathComponent("scenario.yaml")
        return try ScenarioLoader.parse(yaml, file: file, fits: StoredFits())
    }

    static func yaml(
        fit: String = "latest", db: String = "threads.db", model: String = "claude-sonnet-4-5", behaviour: String = ""
    ) -> String {
        """
        db: \(db)
        trials: 64
        seed: 3
        developer: {threads_per_day: 3}
        models:
          sonnet:
            price: \(model)
            fit: \(fit)\(behaviour.isEmpty ? "" : "\n    behaviour: \(behaviour)")
        """
    }

    @Test func fitLatestGivesTheBehaviourAndItsReplicates() throws {
        let s = try load(Self.yaml())
        let model = try #require(s.models.first)
        #expect(model.fitID == Self.stored.id)
        #expect(model.replicates.count == Self.stored.replicates)
        #expect(model.behaviourSpecs.first { $0.key == "turns" }?.value.hasPrefix("fit #\(Self.stored.id)") == true)
        let spec = s.forecastSpec()
        #expect(spec.behaviourReplicates.count == 1)
        let a = try DeveloperForecaster.run(spec), b = try DeveloperForecaster.run(spec)
        #expect(a.annualByTrial == b.annualByTrial)
        #expect(a.annual.mean > 0)
    }

    @Test func behaviourKeysOverrideTheFitAndEveryReplicate() throws {
        let s = try load(Self.yaml(fit: String(Self.stored.id), behaviour: "{base_context: 5000, one_shot_rate: 0.9}"))
        let model = try #require(s.models.first)
        #expect(model.priced.behaviour.baseContext.mean == 5000)
        #expect(model.priced.behaviour.oneShotRate == 0.9)
        #expect(model.replicates.allSatisfy { $0.baseContext.mean == 5000 && $0.oneShotRate == 0.9 })
        #expect(Set(model.replicates.map { $0.turns.mean }).count > 1)
    }

    @Test func mistakesSayWhereAndHowToFixThem() throws {
        let dir = Self.stored.dir
        let at = dir + "/scenario.yaml:8:10: "
        func thrown(_ body: () throws -> Scenario) -> ScenarioError? {
            #expect(throws: ScenarioError.self) { try body() }
        }
        let noSuchFit = thrown { try load(Self.yaml(fit: "999")) }
        #expect(
            noSuchFit?.rule
                == .noSuchFit(
                    id: 999, database: "\(dir)/threads.db (from 'db:')", stored: ["#\(Self.stored.id) (claude-sonnet-4-5)"]))
        #expect(
            noSuchFit?.description
                == at
                + "there is no fit #999 in \(dir)/threads.db (from 'db:'): stored fits are #\(Self.stored.id) (claude-sonnet-4-5)"
        )
        #expect(
            thrown { try load(Self.yaml(db: "missing.db")) }?.description
                == at
                + "model 'sonnet' asks for a stored fit but \(dir)/missing.db (from 'db:') does not exist: import logs and run tokencast fit --db \(dir)/missing.db, or point 'db:' at your thread database"
        )
        #expect(
            thrown { try load(Self.yaml(model: "claude-opus-4-5")) }?.description
                == at
                + "no stored fit for model 'sonnet' (claude-opus-4-5) in \(dir)/threads.db (from 'db:'): run tokencast fit --model claude-opus-4-5 --db \(dir)/threads.db (fits exist for claude-sonnet-4-5)"
        )
        let badReference = thrown { try load(Self.yaml(fit: "newest")) }
        #expect(badReference?.rule == .badFitReference(path: "models.sonnet.fit", got: "newest"))
        #expect(
            badReference?.description
                == at
                + "'models.sonnet.fit' must be 'latest' or the number of a stored fit (tokencast fit prints it), got 'newest'")
    }
}
