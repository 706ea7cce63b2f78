// Tests: StudentCopulaFit.swift, and the t copula through BehaviourFitter's choice, the
// bootstrap, the payload, StoredFits and a scenario's `fit:`.
import Composition
import Distributions
import Foundation
import LinearAlgebra
import NumericalMethods
import Scenario
import Simulation
import TestSupport
import Testing
import ThreadStore

@testable import Fitting

@Suite(.serialized) struct StudentCopulaFitTests {
    /// Draws from the kernel's own draw stage with a t copula of `nu` degrees of freedom (nil: the
    /// Gaussian copula), correlation `rho` between turns and cache hit rate and `-rho / 2`
    /// between turns and fresh input, and `rho / 2` between fresh input and output.
    static func draws(count: Int, rho: Double, nu: Double?, seed: UInt64) throws -> [DependenceFit.Vector] {
        var b = ThreadBehaviour(
            turns: try NegativeBinomial(r: 2.4, p: 0.074), freshInputPerTurn: try Lognormal(mu: 4, sigma: 0.9),
            outputPerTurn: try Lognormal(mu: 4.4, sigma: 0.25), cacheHitRate: try Beta(alpha: 13, beta: 0.5),
            baseContext: try Gamma(shape: 50, scale: 130), oneShotRate: 1, offTheRailsRate: 0, maxAttempts: 1)
        b.setDependence(
            try DrawDependence(
                pairs: [
                    (.turns, .cacheHitRate, rho), (.turns, .freshInputPerTurn, -rho / 2),
                    (.freshInputPerTurn, .outputPerTurn, rho / 2),
                ], degreesOfFreedom: nu))
        var rng = RandomStream(seed: seed)
        let d = AttemptDraws.sample(b, count: count, rng: &rng)
        return (0..<count).map { [max(1, d.turns[$0]), d.fresh[$0], d.output[$0], d.hitRate[$0], d.base[$0]] }
    }

    /// t-copula draws are told from Gaussian ones: t is chosen, ν and the correlations are
    /// recovered; and on Gaussian draws the Gaussian copula is kept (fixed seeds).
    @Test(arguments: [11, 12, 13] as [UInt64])
    func theFamilyIsChosenByTheHeldOutScore(seed: UInt64) throws {
        let t = try Self.draws(count: 600, rho: 0.7, nu: 3, seed: seed)
        let choice = BehaviourFitter.chooseDependence(t)
        #expect(choice.chosen && choice.student != nil, "\(choice.reason)")
        let e = try #require(StudentCopulaFit.fit(t))
        #expect((2...6).contains(e.degreesOfFreedom), "nu \(e.degreesOfFreedom)")
        for (i, j, truth) in [(0, 3, 0.7), (0, 1, -0.35), (1, 2, 0.35), (2, 4, 0.0)] {
            // 0.15 is about three standard deviations of these estimates at 600 threads (over 30
            // seeds the fresh/output estimate had mean 0.344 and sd 0.045).
            let room = 0.15
            #expect(abs(e.correlation[i, j] - truth) < room, "seed \(seed) (\(i),\(j)) \(e.correlation[i, j]) vs \(truth)")
        }
        let g = try Self.draws(count: 600, rho: 0.7, nu: nil, seed: seed)
        let gaussian = BehaviourFitter.chooseDependence(g)
        #expect(gaussian.chosen && gaussian.student == nil, "\(gaussian.reason)")
        #expect(gaussian.reason.hasPrefix("the Gaussian copula scores +"))
        #expect(gaussian.reason.hasSuffix("and independence's 0 (5-fold): kept"))
    }

    /// Golden values from scipy: `kendalltau` (τ_b, one tie in b), and the t copula's log
    /// density, `multivariate_t(shape=R, df=4).logpdf(x) - t(4).logpdf(x).sum()`.
    @Test func goldenValues() throws {
        expectClose(
            StudentCopulaFit.kendall([1, 2, 3, 4, 5, 6], [3, 1, 4, 1, 5, 9]), 0.5520524474738833, relative: 1e-12, "tau")
        #expect(StudentCopulaFit.kendall([1, 2, 3], [7, 7, 7]) == 0)
        var r = Matrix.identity(2)
        r[0, 1] = 0.5
        r[1, 0] = 0.5
        let density = try #require(StudentCopulaFit.Density(r, nu: 4))
        expectClose(density.logDensity([0.3, -1.2]), -0.37377929690906475, relative: 1e-10, "log c")
    }

    @Test func aConstantDrawIsLeftOut() throws {
        var v = try Self.draws(count: 200, rho: 0.6, nu: 4, seed: 3)
        for i in v.indices { v[i][4] = 6_000 }
        #expect(StudentCopulaFit.varying(v) == [0, 1, 2, 3])
        let e = try #require(StudentCopulaFit.fit(v))
        for i in 0..<4 { #expect(e.correlation[i, 4] == 0) }
        #expect(StudentCopulaFit.fit(Array(v.prefix(2))) == nil)
    }

    /// Threads whose totals come from t-copula draws, as a CSV log: MODEL.md's closed forms of
    /// one attempt (I = Ts + uT(T+1)/2 + oT(T-1)/2, N = s + uT + o(T-1), reads h(I - N)).
    static let heavy: (dir: String, fit: BehaviourFit) = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-t-copula-\(getpid())").path
        try? FileManager.default.removeItem(atPath: dir)
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var csv =
            "thread_id,started_at,developer,model,turns,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens,cost_usd,outcome\n"
        for (k, v) in try! draws(count: 500, rho: 0.8, nu: 2, seed: 41).enumerated() {
            let (T, u, o, h, s) = (v[0], v[1], v[2], v[3], v[4])
            let input = T * s + u * T * (T + 1) / 2 + o * T * (T - 1) / 2
            let fresh = s + u * T + o * (T - 1)
            let reads = (h * (input - fresh)).rounded()
            let writes = input.rounded() - reads
            csv +=
                "t\(k),2025-10-\(10 + k % 10)T00:00:00Z,dev\(k % 4),claude-sonnet-4-5,\(Int(T)),0,\(Int(reads)),\(Int(writes)),\(Int((o * T).rounded())),0,success\n"
        }
        try! csv.write(toFile: dir + "/threads.csv", atomically: true, encoding: .utf8)
        let store = try! ThreadStore(path: dir + "/threads.db")
        _ = try! CSVImporter(store: store).importFile(at: dir + "/threads.csv")
        let fit = try! BehaviourFitter(options: .init(bootstrap: 20, goodnessReplicates: 0, seed: 1, catalog: nil)).fit(
            model: "claude-sonnet-4-5", in: store)
        _ = try! store.saveFit(model: fit.model, since: fit.since, until: fit.until, payload: try! fit.payload())
        return (dir, fit)
    }()

    /// Fitted from logs, the t copula's ν reaches the report with its bootstrap interval, every
    /// replicate, the payload, and a `fit: latest` scenario's behaviour and replicates.
    @Test func aFittedTCopulaIsStoredAndDrawn() throws {
        let fit = Self.heavy.fit
        let report = try #require(fit.dependence)
        #expect(report.chosen == "t_copula", "\(report.reason)")
        let nu = try #require(fit.estimate.copulaDegreesOfFreedom)
        let interval = try #require(report.degreesOfFreedom)
        #expect(interval.lower <= nu && nu <= interval.upper)
        #expect(fit.replicates.allSatisfy { $0.copulaDegreesOfFreedom != nil })
        let decoded = try BehaviourFit.decode(try fit.payload(), id: 1)
        #expect(decoded.estimate.copulaDegreesOfFreedom == nu)
        #expect(try decoded.estimate.behaviour().dependence?.degreesOfFreedom == nu)
        #expect(try decoded.estimate.behaviour(dependence: false).dependence == nil)

        let yaml = """
            db: threads.db
            trials: 16
            seed: 3
            developer: {threads_per_day: 3}
            models:
              sonnet:
                price: claude-sonnet-4-5
                fit: latest
            """
        let scenario = try ScenarioLoader.parse(yaml, file: Self.heavy.dir + "/scenario.yaml", fits: StoredFits())
        let model = try #require(scenario.models.first)
        #expect(model.priced.behaviour.dependence?.degreesOfFreedom == nu)
        #expect(
            model.behaviourSpecs.first { $0.key == "dependence" }?.value
                == "fit #\(try #require(model.fitID)) t copula (\(String(format: "%g", nu)) degrees of freedom)")
        #expect(!model.replicates.isEmpty && model.replicates.allSatisfy { $0.dependence?.degreesOfFreedom != nil })
    }
}
