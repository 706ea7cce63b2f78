// Tests: Scenario.swift
import Distributions
import Foundation
import Scenario
import Simulation
import Testing

/// `fit:` without a thread store: the scenario layer records the reference and hands it to the
/// resolver it is given (the store-backed one lives in Composition, tested in FittingTests).
@Suite struct FitReferenceTests {
    /// Answers every reference with constant laws and two replicates, and keeps what it was asked.
    final class StubResolver: FitResolver {
        var asked: [FitReference] = []

        func resolve(_ reference: FitReference) throws(ScenarioError) -> StoredFit {
            asked.append(reference)
            func constant(_ v: Double) -> StoredFit.Law {
                StoredFit.Law(
                    law: try! DistributionSpec(kind: "constant", parameters: ["value": v]).make(), family: "constant",
                    parameters: ["value": v])
            }
            let estimate: [BehaviourDraw: StoredFit.Law] = [
                .turns: constant(10), .freshInputPerTurn: constant(1_000), .outputPerTurn: constant(500),
                .cacheHitRate: constant(0.8), .baseContext: constant(20_000),
            ]
            let replicate = StoredFit.Replicate(laws: estimate.mapValues(\.law), oneShotRate: 0.7, offTheRailsRate: nil)
            return StoredFit(
                id: 7, estimate: estimate, oneShotRate: 0.6, offTheRailsRate: 0.1, replicates: [replicate, replicate])
        }
    }

    static let yaml = """
        db: ~/fits/threads.db
        developer: {threads_per_day: 3}
        models:
          sonnet:
            price: claude-sonnet-4-5
            fit: 7
            behaviour: {max_attempts: 2}
        """

    @Test func theReferenceIsRecordedAndResolvedByTheGivenResolver() throws {
        let stub = StubResolver()
        let s = try ScenarioLoader.parse(Self.yaml, file: "/work/s.yaml", fits: stub)
        let model = try #require(s.models.first)
        let reference = try #require(model.fit)
        #expect(stub.asked == [reference])
        #expect(reference.wanted == .id(7))
        #expect(reference.model == "sonnet" && reference.priceKey == "claude-sonnet-4-5")
        #expect(reference.position == FilePosition(file: "/work/s.yaml", line: 6, column: 10))
        #expect(reference.database?.position == FilePosition(file: "/work/s.yaml", line: 1, column: 5))
        #expect(reference.database?.path.hasSuffix("/fits/threads.db") == true)
        #expect(model.fitID == 7)
        #expect(model.priced.behaviour.turns.mean == 10 && model.priced.behaviour.oneShotRate == 0.6)
        #expect(model.behaviourSpecs.first { $0.key == "turns" }?.value == "fit #7 constant (value 10)")
        #expect(model.replicates.count == 2)
        #expect(model.replicates.allSatisfy { $0.oneShotRate == 0.7 && $0.offTheRailsRate == 0.1 && $0.maxAttempts == 2 })
    }

    /// `forecast` runs every scenario through `teamSpec()`: the fit's replicates must reach it,
    /// for a `team:` as for the developer of `developer:` (a team of one), as they reach `run`.
    @Test func theReplicatesReachTheTeamSpec() throws {
        let solo = try ScenarioLoader.parse(Self.yaml, file: "s.yaml", fits: StubResolver())
        #expect(solo.forecastSpec().behaviourReplicates.map(\.count) == [2])
        #expect(solo.teamSpec().behaviourReplicates.map(\.count) == [2])
        let team = try ScenarioLoader.parse(
            Self.yaml + "\nteam:\n  profiles:\n    solo: {head_count: 1, threads_per_day: 3, mix: {sonnet: 1}}",
            file: "t.yaml", fits: StubResolver())
        #expect(team.team != nil)
        #expect(team.teamSpec().behaviourReplicates.map(\.count) == [2])
        #expect(team.teamSpec().behaviourReplicates[0].allSatisfy { $0.oneShotRate == 0.7 && $0.maxAttempts == 2 })
    }

    @Test func withoutAResolverAFitIsAnErrorAtTheEntry() {
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(Self.yaml, file: "s.yaml") }
        #expect(error == ScenarioError(file: "s.yaml", line: 6, column: 10, rule: .fitWithoutResolver(model: "sonnet")))
        #expect(
            error?.description
                == "s.yaml:6:10: model 'sonnet' asks for a stored fit, but the scenario was read without a thread store: load it with fits: StoredFits() (Composition)"
        )
    }

    @Test func aBadReferenceIsReportedBeforeTheResolverIsAsked() {
        let stub = StubResolver()
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.parse(
                Self.yaml.replacingOccurrences(of: "fit: 7", with: "fit: newest"), file: "s.yaml", fits: stub)
        }
        #expect(
            error?.description
                == "s.yaml:6:10: 'models.sonnet.fit' must be 'latest' or the number of a stored fit (tokencast fit prints it), got 'newest'"
        )
        #expect(stub.asked.isEmpty)
    }
}
