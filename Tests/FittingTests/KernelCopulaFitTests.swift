// Tests: KernelCopulaFit.swift, KernelCopula.swift, and the kernel copula through
// BehaviourFitter's choice, the payload, StoredFits and a scenario's `fit:`.
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

@Suite(.serialized) struct KernelCopulaFitTests {
    /// Vectors whose dependence no elliptical copula holds: the output per turn rises with the
    /// distance of the turns' score from its middle (|z|), so its correlation with the turns is
    /// about 0 while the two are far from independent; and the cache hit rate tracks the turns.
    static func folded(count: Int, seed: UInt64) throws -> [DependenceFit.Vector] {
        var rng = RandomStream(seed: seed)
        let turns = try NegativeBinomial(r: 2.4, p: 0.074), fresh = try Lognormal(mu: 4, sigma: 0.9)
        let output = try Lognormal(mu: 4.4, sigma: 0.25), hit = try Beta(alpha: 13, beta: 0.5)
        return (0..<count).map { _ in
            let z = rng.standardNormal()
            let zo = (abs(z) - 0.8) / 0.6 * 0.9 + 0.44 * rng.standardNormal()
            let zh = 0.7 * z + 0.71 * rng.standardNormal()
            return [
                max(1, turns.quantile(normalCDF(z))), fresh.quantile(normalCDF(rng.standardNormal())),
                output.quantile(normalCDF(zo)), hit.quantile(normalCDF(zh)), 6_000 + 500 * rng.standardNormal(),
            ]
        }
    }

    /// Where the dependence is not elliptical the kernel copula wins the held-out score by far;
    /// on independent draws no family beats independence (fixed seeds).
    @Test(arguments: [21, 22, 23] as [UInt64])
    func theKernelIsChosenOnlyWhereItScores(seed: UInt64) throws {
        let folded = try Self.folded(count: 400, seed: seed)
        let choice = BehaviourFitter.chooseDependence(folded)
        #expect(choice.chosen && choice.kernel != nil, "\(choice.reason)")
        let kernel = try #require(choice.kernel)
        #expect(kernel.heldOutScore > (choice.score ?? 0) + 0.1, "\(choice.reason)")
        #expect(KernelCopulaFit.bandwidths.contains(kernel.bandwidth))
        #expect(choice.reason.hasPrefix(String(format: "the kernel copula (bandwidth %g) scores +", kernel.bandwidth)))

        let independent = try StudentCopulaFitTests.draws(count: 400, rho: 0, nu: nil, seed: seed)
        let none = BehaviourFitter.chooseDependence(independent)
        #expect(!none.chosen, "\(none.reason)")
        #expect((none.kernelScore ?? 0) <= 0, "\(none.reason)")
        #expect(none.reason.hasSuffix("no better than independence's 0 (5-fold): draws independent"))
    }

    /// Golden value from scipy: the log of the mixture of `multivariate_normal(s_i, b²R)` over the
    /// product of its marginals' mixtures of `norm(s_ai, b)`, at w = (0.3, -0.2), b 0.5, ρ 0.6.
    @Test func goldenLogDensity() throws {
        var r = Matrix.identity(2)
        r[0, 1] = 0.6
        r[1, 0] = 0.6
        let l = try LAPACK.cholesky(r)
        let value = KernelCopulaFit.logDensity(
            [0.3, -0.2], centres: [[-1, 0.5, 2], [0.2, -0.4, 1.1]], factor: l, bandwidth: 0.5)
        expectClose(value, 0.445803315889101, relative: 1e-10)
        // The mixture's quantile inverts its CDF.
        let centres = [-1.0, 0.5, 2]
        for p in [1e-9, 0.01, 0.3, 0.5, 0.97, 1 - 1e-9] {
            let w = KernelCopulaFit.mixtureQuantile(p, centres, 0.5)
            let g = centres.map { normalCDF((w - $0) / 0.5) }.reduce(0, +) / 3
            expectClose(g, p, relative: 1e-8, "p \(p)")
        }
    }

    /// Drawn through the kernel, each draw keeps its own law exactly (KS against the exact CDF)
    /// and the pairs keep the logged threads' rank correlation; the same seed gives the same draws.
    @Test func theKernelKeepsTheMarginalsAndTheRanks() throws {
        let vectors = try Self.folded(count: 400, seed: 5)
        let kernel = try #require(KernelCopulaFit.fit(vectors))
        let r = DependenceFit.positiveDefinite(try #require(DependenceFit.correlation(vectors)))
        var b = ThreadBehaviour(
            turns: try NegativeBinomial(r: 2.4, p: 0.074), freshInputPerTurn: try Lognormal(mu: 4, sigma: 0.9),
            outputPerTurn: try Lognormal(mu: 4.4, sigma: 0.25), cacheHitRate: try Beta(alpha: 13, beta: 0.5),
            baseContext: try Gamma(shape: 144, scale: 41.7), oneShotRate: 1, offTheRailsRate: 0, maxAttempts: 1)
        b.setDependence(
            try DrawDependence(
                correlation: r, kernel: try KernelCopula(scores: kernel.scores, bandwidth: kernel.bandwidth)))
        var rng = RandomStream(seed: 9)
        let d = AttemptDraws.sample(b, count: 40_000, rng: &rng)
        var again = RandomStream(seed: 9)
        #expect(AttemptDraws.sample(b, count: 40_000, rng: &again).output == d.output)
        let o = try Lognormal(mu: 4.4, sigma: 0.25)
        let ks = kolmogorovSmirnovStatistic(d.output, cdf: o.cdf)
        #expect(ks < kolmogorovSmirnovCritical(d.output.count), "output KS \(ks)")
        let h = try Beta(alpha: 13, beta: 0.5)
        let ksh = kolmogorovSmirnovStatistic(d.hitRate, cdf: h.cdf)
        #expect(ksh < kolmogorovSmirnovCritical(d.hitRate.count), "hit rate KS \(ksh)")
        // The folded pair: Spearman about 0 (no Gaussian copula tells it from independence), but
        // the output's spread against |turns' score| is kept: the top and bottom fifths of the
        // turns both carry more output than the middle fifth.
        let order = d.turns.indices.sorted { d.turns[$0] < d.turns[$1] }
        func meanOutput(_ part: ArraySlice<Int>) -> Double { part.map { d.output[$0] }.reduce(0, +) / Double(part.count) }
        let fifth = order.count / 5
        let low = meanOutput(order[0..<fifth]), middle = meanOutput(order[2 * fifth..<3 * fifth])
        let high = meanOutput(order[(4 * fifth)...])
        #expect(low > middle * 1.1 && high > middle * 1.1, "low \(low) middle \(middle) high \(high)")
        let logged = vectors.indices.sorted { vectors[$0][0] < vectors[$1][0] }
        let lf = logged.count / 5
        func loggedOutput(_ part: ArraySlice<Int>) -> Double { part.map { vectors[$0][2] }.reduce(0, +) / Double(part.count) }
        #expect(loggedOutput(logged[0..<lf]) > loggedOutput(logged[2 * lf..<3 * lf]) * 1.1)
    }

    @Test func badKernelsAreRefused() throws {
        #expect(throws: DependenceError.self) { try KernelCopula(scores: [[0, 1]], bandwidth: 0.5) }
        let five = Array(repeating: [0.0, 1.0], count: 5)
        #expect(throws: DependenceError.self) { try KernelCopula(scores: five, bandwidth: 0) }
        let ragged = [[0.0, 1.0], [0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0]]
        #expect(throws: DependenceError.self) { try KernelCopula(scores: ragged, bandwidth: 0.5) }
        #expect(throws: DependenceError.kernel("has bandwidth -1.0, not a positive number")) {
            try KernelCopula(scores: five, bandwidth: -1)
        }
        #expect(
            DependenceError.kernel("has bandwidth -1.0, not a positive number").description
                == "the kernel copula has bandwidth -1.0, not a positive number: refit the model (`tokencast fit`)")
        let nan = [[0.0, .nan], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0]]
        #expect(
            throws: DependenceError.kernel(
                "has unusable scores of turns (score (nan) must be a finite number: give it a finite value)")
        ) {
            try KernelCopula(scores: nan, bandwidth: 0.5)
        }
        var r = Matrix.identity(5)
        r[0, 1] = 0.5
        r[1, 0] = 0.5
        #expect(throws: DependenceError.kernel("cannot also be a t copula")) {
            try DrawDependence(correlation: r, degreesOfFreedom: 4, kernel: try KernelCopula(scores: five, bandwidth: 0.5))
        }
    }

    /// On the real threads the kernel copula is kept; it reaches the payload, the point
    /// estimate's behaviour, every replicate of a `fit: latest` scenario, and `validate`'s folds.
    @Test func aFittedKernelCopulaIsStoredAndDrawn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-kernel-copula-\(getpid())").path
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try ThreadStore(path: dir + "/threads.db")
        _ = try CSVImporter(store: store).importFile(at: RepositoryPaths.fixture("real-threads/swe4cc-claude-sonnet-4-5.csv"))
        let fit = try BehaviourFitter(options: .init(bootstrap: 10, goodnessReplicates: 0, seed: 1)).fit(
            model: "claude-sonnet-4-5", in: store)
        let report = try #require(fit.dependence)
        #expect(report.chosen == "kernel_copula", "\(report.reason)")
        let kernel = try #require(fit.estimate.kernelCopula)
        #expect(report.kernelBandwidth == kernel.bandwidth)
        #expect(kernel.scores.count == 5 && kernel.scores.allSatisfy { $0.count == 300 })
        #expect((report.kernelHeldOutScore ?? 0) > (report.heldOutScore ?? 0))
        #expect(fit.replicates.allSatisfy { $0.kernelCopula == nil && $0.correlations != nil })
        let decoded = try BehaviourFit.decode(try fit.payload(), id: 1)
        #expect(decoded.estimate.kernelCopula == kernel)
        #expect(try decoded.estimate.behaviour().dependence?.kernel?.bandwidth == kernel.bandwidth)
        #expect(try decoded.estimate.behaviour(dependence: false).dependence == nil)
        _ = try store.saveFit(model: fit.model, since: fit.since, until: fit.until, payload: try fit.payload())

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
        let scenario = try ScenarioLoader.parse(yaml, file: dir + "/scenario.yaml", fits: StoredFits())
        let model = try #require(scenario.models.first)
        #expect(model.priced.behaviour.dependence?.kernel?.count == 300)
        let echo = model.behaviourSpecs.first { $0.key == "dependence" }?.value
        #expect(
            echo
                == "fit #\(try #require(model.fitID)) kernel copula (bandwidth \(String(format: "%g", kernel.bandwidth)), around 300 fitted threads' scores)",
            "\(echo ?? "")")
        #expect(!model.replicates.isEmpty && model.replicates.allSatisfy { $0.dependence?.kernel?.count == 300 })

        // A stored kernel that cannot be built (a bandwidth of 0) refuses the fit at the `fit:`
        // line, with the fix, rather than forecasting with the dependence dropped.
        var broken = fit
        broken.estimate.kernelCopula?.bandwidth = 0
        _ = try store.saveFit(model: fit.model, since: fit.since, until: fit.until, payload: try broken.payload())
        do {
            _ = try ScenarioLoader.parse(yaml, file: dir + "/scenario.yaml", fits: StoredFits())
            Issue.record("a broken kernel copula was loaded")
        } catch {
            #expect(
                error.description.hasPrefix("\(dir)/scenario.yaml:8:"), "\(error.description)")
            #expect(
                error.description.contains(
                    "the kernel copula has bandwidth 0.0, not a positive number: refit the model (`tokencast fit`)"),
                "\(error.description)")
        }
    }
}

/// Large fits keep at most `threadLimit` centres, evenly spaced.
@Test func kernelCentresAreCapped() {
    let vectors = (0..<2_500).map { i in [Double(i), 0, 0, 0, 0] }
    let kept = KernelCopulaFit.evenlySpaced(vectors, limit: 1_000)
    #expect(kept.count == 1_000)
    #expect(kept.first?[0] == 0 && kept[1][0] == 2 && kept[999][0] == 2_497)
    #expect(KernelCopulaFit.evenlySpaced(Array(vectors.prefix(700)), limit: 1_000).count == 700)
}
