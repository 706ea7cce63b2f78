// Tests: HitRateGivenTurnsFit.swift, and h given the turns through BehaviourFitter, the payload,
// StoredFits and a scenario's `fit:`.
import Composition
import Distributions
import Foundation
import Scenario
import Simulation
import TestSupport
import Testing
import ThreadStore

@testable import Fitting

@Suite(.serialized) struct HitRateGivenTurnsFitTests {
    /// Pairs drawn from a known law, lengths uniform on 2...120.
    static func pairs(_ law: HitRateGivenTurns, count: Int, seed: UInt64) -> (turns: [Double], hits: [Double]) {
        var rng = RandomStream(seed: seed)
        var turns: [Double] = [], hits: [Double] = []
        for _ in 0..<count {
            let t = Double(2 + rng.next(upperBound: UInt64(119)))
            turns.append(t)
            hits.append(law.hitRate(turns: t, score: rng.standardNormal()))
        }
        return (turns, hits)
    }

    @Test func recoversAKnownLaw() throws {
        let law = try HitRateGivenTurns(location: 3.5, slope: 0.3, referenceTurns: 40, varianceBetween: 0.2, variancePerTurn: 20)
        for seed: UInt64 in 1...3 {
            let d = Self.pairs(law, count: 800, seed: seed)
            let p = try #require(HitRateGivenTurnsFit.fit(turns: d.turns, hits: d.hits))
            let t0 = try #require(p["reference_turns"])
            // Compare the median logit at the fitted reference and the spread at 5 and 100 turns.
            let fitted = try HitRateGivenTurnsFit.law(p)
            for t in [5.0, 100.0] {
                let a = fitted.logitLaw(turns: t), b = law.logitLaw(turns: t)
                #expect(abs(a.mean - b.mean) < 0.25, "seed \(seed), T \(t): mean \(a.mean) vs \(b.mean) (T0 \(t0))")
                #expect(abs(a.sd / b.sd - 1) < 0.15, "seed \(seed), T \(t): sd \(a.sd) vs \(b.sd)")
            }
        }
    }

    /// Rates at 0 or 1 (cache reads at or above the re-sent input) are censored, not dropped.
    @Test func ratesAtTheEdgesAreCensored() throws {
        let law = try HitRateGivenTurns(location: 5, slope: 0, referenceTurns: 30, varianceBetween: 0, variancePerTurn: 60)
        var d = Self.pairs(law, count: 600, seed: 9)
        for i in stride(from: 0, to: 600, by: 7) { d.hits[i] = 1 }
        let p = try #require(HitRateGivenTurnsFit.fit(turns: d.turns, hits: d.hits))
        #expect(p.values.allSatisfy { $0.isFinite })
        #expect(try #require(p["location"]) > 4.5)
        #expect(HitRateGivenTurnsFit.fit(turns: Array(d.turns.prefix(29)), hits: Array(d.hits.prefix(29))) == nil)
        #expect(HitRateGivenTurnsFit.fit(turns: Array(repeating: 8, count: 100), hits: Array(d.hits.prefix(100))) == nil)
    }

    static let real: (dir: String, fit: BehaviourFit) = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-hit-given-turns-\(getpid())").path
        try? FileManager.default.removeItem(atPath: dir)
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try! ThreadStore(path: dir + "/threads.db")
        _ = try! CSVImporter(store: store).importFile(at: RepositoryPaths.fixture("real-threads/swe4cc-claude-sonnet-4-5.csv"))
        let fit = try! BehaviourFitter(options: .init(bootstrap: 20, goodnessReplicates: 0, seed: 1, catalog: nil)).fit(
            model: "claude-sonnet-4-5", in: store)
        _ = try! store.saveFit(model: fit.model, since: fit.since, until: fit.until, payload: try! fit.payload())
        return (dir, fit)
    }()

    /// On the real threads the spread narrows, so the fit draws h given the turns: stored,
    /// decoded, in every replicate, and in a scenario's behaviour unless it gives its own h.
    @Test func realThreadsAreFittedGivenTheTurnsAndScenariosCarryIt() throws {
        let fit = Self.real.fit
        let given = try #require(fit.estimate.cacheHitGivenTurns)
        #expect(try #require(given["variance_per_turn"]) > 10)
        #expect(fit.cacheHitSpread?.verdict.contains("h is drawn given each attempt's turns T") == true)
        #expect(fit.replicates.allSatisfy { $0.cacheHitGivenTurns != nil })
        #expect(fit.intervals.contains { $0.name == "cache_hit_rate.given_turns.variance_per_turn" })
        let decoded = try BehaviourFit.decode(try fit.payload(), id: 1)
        #expect(decoded.estimate.cacheHitGivenTurns == given)
        #expect(try decoded.estimate.behaviour().cacheHitGivenTurns != nil)

        func load(_ behaviour: String) throws -> Scenario {
            let yaml = """
                db: threads.db
                trials: 16
                seed: 3
                developer: {threads_per_day: 3}
                models:
                  sonnet:
                    price: claude-sonnet-4-5
                    fit: latest\(behaviour.isEmpty ? "" : "\n    behaviour: \(behaviour)")
                """
            return try ScenarioLoader.parse(yaml, file: Self.real.dir + "/scenario.yaml", fits: StoredFits())
        }
        let fitted = try #require(try load("").models.first)
        #expect(fitted.priced.behaviour.cacheHitGivenTurns != nil)
        #expect(!fitted.replicates.isEmpty && fitted.replicates.allSatisfy { $0.cacheHitGivenTurns != nil })
        #expect(fitted.behaviourSpecs.first { $0.key == "cache_hit_rate" }?.value.contains("logit_normal_given_turns") == true)
        let own = try #require(try load("{cache_hit_rate: {dist: beta, mean: 0.9, sd: 0.05}}").models.first)
        #expect(own.priced.behaviour.cacheHitGivenTurns == nil)
        #expect(own.replicates.allSatisfy { $0.cacheHitGivenTurns == nil })
        // Other keys keep it.
        let other = try #require(try load("{base_context: 5000}").models.first)
        #expect(other.priced.behaviour.cacheHitGivenTurns != nil)

        // The echo names the law each draw comes from: the per-thread base context's law (not
        // the constant it replaced), and the families the replicates chose when they differ.
        func echo(_ s: ScenarioModel, _ key: String) -> String { s.behaviourSpecs.first { $0.key == key }?.value ?? "" }
        let base = try #require(fit.estimate.baseContextLaw)
        #expect(echo(fitted, "base_context").hasPrefix("fit #1 \(base.family) ("), "\(echo(fitted, "base_context"))")
        let families = fit.replicates.map(\.freshInputPerTurn.family)
        #expect(Set(families).count > 1, "\(families)")
        let gammas = families.filter { $0 == "gamma" }.count
        #expect(
            echo(fitted, "fresh_input_per_turn").contains("; replicates: gamma \(gammas), "),
            "\(echo(fitted, "fresh_input_per_turn"))")
        #expect(!echo(fitted, "output_per_turn").contains("replicates"))
        let written = try #require(try load("{fresh_input_per_turn: 200}").models.first)
        #expect(echo(written, "fresh_input_per_turn") == "200")
    }
}
