// Tests: ThreadObservations.swift, BehaviourFit.swift, BehaviourFitter.swift (bootstrap)
import Distributions
import Foundation
import NumericalMethods
import SyntheticData
import TestSupport
import Testing
import ThreadStore

@testable import Fitting

@Suite struct BehaviourFitterTests {
    @Test func leastSquaresRecoversTheBaseContextExactlyOnNoiseFreeRequests() throws {
        var logs = SyntheticLogs()
        logs.turnNoise = 0
        logs.developers = 2
        logs.weekdays = 10
        logs.baseContext = 13_437
        let store = try SyntheticStore.make(logs, name: "exact-s")
        let threads = try store.threads()
        let obs = try ThreadObservations.derive(threads, requestsOf: store.requests(threadID:))
        let s = try BaseContextFit.estimate(obs)
        #expect(s.method == .requests)
        expectClose(s.value, 13_437, absolute: 1e-6)
    }

    @Test func baseContextFromThreadTotalsWhenThereAreNoRequestRows() throws {
        var logs = SyntheticLogs()
        logs.turnNoise = 0
        logs.developers = 3
        logs.weekdays = 20
        let store = try SyntheticStore.make(logs, name: "totals-s")
        var obs = try ThreadObservations.derive(try store.threads(), requestsOf: { _ in [] })
        // Per-thread u varies, so a pooled u leaves noise; s must still come out near the truth.
        let s = try BaseContextFit.estimate(obs)
        #expect(s.method == .threadTotals)
        expectClose(s.value, 12_000, relative: 0.15)
        obs = obs.map {
            var o = $0; o.turns = 5; return o
        }
        #expect(throws: FittingError.self) { try BaseContextFit.fromTotals(obs) }
    }

    /// Coverage is a frequency, so it is checked over several synthetic data sets: across eight
    /// seeds and seven parameters, the 95 % intervals must hold the truth in at least 49 of 56
    /// cases (nominal coverage gives 53.2 on average, and 48 or fewer 0.3 % of the time), and
    /// each truth must lie inside the 99.5 % percentile range in every data set but at most one.
    /// Four seeds and 24 of 28 before: there, one interval's edge moving by 0.0002 decided it.
    /// Measured: 50 of 56, with `u` from request rows as the mean increment and as now.
    @Test func bootstrapIntervalsCoverTheTrueValues() throws {
        var hits = 0, total = 0
        var wideMisses: [String: Int] = [:]
        var log: [String] = []
        for seed: UInt64 in 7...14 {
            var logs = SyntheticLogs()
            logs.seed = seed
            let store = try SyntheticStore.make(logs, name: "coverage-\(seed)")
            let fitter = BehaviourFitter(options: .init(bootstrap: 200, goodnessReplicates: 0, seed: seed, catalog: nil))
            let fit = try fitter.fit(model: logs.model, in: store)
            #expect(fit.replicates.count == 200)
            let truth: [(String, Double)] = [
                ("turns.mean", logs.turnsMean),
                ("output_per_turn.mean", logs.outputShape * logs.outputScale),
                ("fresh_input_per_turn.mean", logs.freshMedian * exp(logs.freshSigma * logs.freshSigma / 2)),
                ("base_context", logs.baseContext),
                ("cache_hit_rate.mean", logs.hitAlpha / (logs.hitAlpha + logs.hitBeta)),
                ("one_shot_rate", logs.oneShotRate),
                ("off_the_rails_rate", logs.offTheRailsRate),
            ]
            for (name, value) in truth {
                let i = try #require(fit.intervals.first { $0.name == name })
                #expect(i.lower < i.upper, "\(name) has an empty interval")
                total += 1
                if i.lower <= value && value <= i.upper {
                    hits += 1
                } else {
                    log.append("seed \(seed) \(name): \(value) outside [\(i.lower), \(i.upper)]")
                }
                let values = fit.replicates.compactMap { r in BehaviourFitter.scalars(r).first { $0.0 == name }?.1 }.sorted()
                let lo = values[Int(0.0025 * Double(values.count))],
                    hi = values[Int((0.9975 * Double(values.count - 1)).rounded(.up))]
                if !(lo <= value && value <= hi) { wideMisses[name, default: 0] += 1 }
            }
        }
        #expect(hits >= 49, "\(hits) of \(total): \(log)")
        #expect(wideMisses.values.allSatisfy { $0 <= 1 }, "\(wideMisses)")
    }

    @Test func sameSeedSameFit() throws {
        var logs = SyntheticLogs()
        logs.developers = 2
        let store = try SyntheticStore.make(logs, name: "determinism")
        let fitter = BehaviourFitter(options: .init(bootstrap: 20, goodnessReplicates: 20, seed: 9, catalog: nil))
        let a = try fitter.fit(model: logs.model, in: store), b = try fitter.fit(model: logs.model, in: store)
        #expect(try a.payload() == b.payload())
    }

    @Test func fitIsStoredAndReloaded() throws {
        var logs = SyntheticLogs()
        logs.developers = 2
        let store = try SyntheticStore.make(logs, name: "stored")
        let fit = try BehaviourFitter(options: .init(bootstrap: 10, goodnessReplicates: 0, catalog: nil)).fit(
            model: logs.model, in: store)
        let record = try store.saveFit(model: fit.model, since: fit.since, until: fit.until, payload: try fit.payload())
        let loaded = try #require(try store.fits(model: logs.model).first)
        #expect(loaded.id == record.id)
        let back = try BehaviourFit.decode(loaded.payload, id: loaded.id)
        #expect(back.estimate == fit.estimate)
        #expect(back.replicates == fit.replicates)
        #expect(back.intervals == fit.intervals)
        #expect(throws: FittingError.self) { try BehaviourFit.decode("{\"schema\": 2}", id: 1) }
    }

    @Test func emptyStoreAndUnknownModelSayWhatToDo() throws {
        let empty = try ThreadStore(inMemory: "empty")
        let fitter = BehaviourFitter(options: .init(bootstrap: 0, goodnessReplicates: 0, catalog: nil))
        #expect(throws: FittingError.emptyStore(path: "(in memory)")) { try fitter.fit(model: "claude-sonnet-4-5", in: empty) }
        var logs = SyntheticLogs()
        logs.developers = 1
        let store = try SyntheticStore.make(logs, name: "unknown-model")
        #expect(throws: FittingError.noThreads(model: "gpt-5", known: ["claude-sonnet-4-5"])) {
            try fitter.fit(model: "gpt-5", in: store)
        }
        #expect(
            FittingError.noThreads(model: "gpt-5", known: ["claude-sonnet-4-5"]).description
                == "no threads of model 'gpt-5' in this window: pass --model with one of: claude-sonnet-4-5")
    }

    /// On the real threads the fresh input's gamma and Weibull fits are 0.2 AIC apart: the
    /// replicates choose between them on their resamples, and each family's own parameters get
    /// intervals from the replicates of that family only (a Weibull's `shape` is not a gamma's).
    @Test func bootstrapReplicatesChooseTheirFamilyAgain() throws {
        let store = try ThreadStore(inMemory: "bootstrap-families")
        _ = try CSVImporter(store: store).importFile(at: RepositoryPaths.fixture("real-threads/swe4cc-claude-sonnet-4-5.csv"))
        let fit = try BehaviourFitter(options: .init(bootstrap: 60, goodnessReplicates: 0, seed: 3)).fit(
            model: "claude-sonnet-4-5", in: store)
        #expect(fit.estimate.freshInputPerTurn.family == "gamma")
        let families = Set(fit.replicates.map(\.freshInputPerTurn.family))
        #expect(families.contains("gamma") && families.contains("weibull"), "\(families)")
        // The output's lognormal wins by 71 AIC: every replicate keeps it.
        #expect(Set(fit.replicates.map(\.outputPerTurn.family)) == ["lognormal"])

        let gammaShapes = fit.replicates.filter { $0.freshInputPerTurn.family == "gamma" }
            .compactMap { $0.freshInputPerTurn.parameters["shape"] }.sorted()
        #expect(gammaShapes.count < fit.replicates.count)
        let shape = try #require(fit.intervals.first { $0.name == "fresh_input_per_turn.shape" })
        #expect(shape.lower == Stats.quantile(sorted: gammaShapes, 0.025))
        #expect(shape.upper == Stats.quantile(sorted: gammaShapes, 0.975))
        #expect(shape.replicates == gammaShapes.count, "the interval says how many replicates it rests on")
        // The mean and the share of zeros are the same quantity in every family: all pooled.
        let means = fit.replicates.compactMap { try? $0.freshInputPerTurn.make().mean }.sorted()
        #expect(means.count == fit.replicates.count)
        let mean = try #require(fit.intervals.first { $0.name == "fresh_input_per_turn.mean" })
        #expect(mean.lower == Stats.quantile(sorted: means, 0.025))
        #expect(mean.replicates == nil)
        let zeros = try #require(fit.intervals.first { $0.name == "fresh_input_per_turn.zero_share" })
        #expect(zeros.lower < zeros.estimate && zeros.estimate < zeros.upper)
        #expect(!fit.intervals.contains { $0.name.contains(".gamma.") || $0.name.contains(".weibull.") })

        // Had no replicate chosen the estimate's turns family, its parameters have no interval
        // (nan, a dash in the table), and say so; the mean of T still has one.
        let others = fit.replicates.map { r -> FitReplicate in
            var r = r
            r.turns = FittedLaw(family: "discretised_lognormal", parameters: ["mu": 3.2, "sigma": 0.72])
            return r
        }
        let none = BehaviourFitter.intervals(fit.estimate, others)
        let p = try #require(none.first { $0.name == "turns.p" })
        #expect(p.lower.isNaN && p.upper.isNaN && p.replicates == 0 && p.estimate == fit.estimate.turns.parameters["p"])
        let turnsMean = try #require(none.first { $0.name == "turns.mean" })
        #expect(turnsMean.lower.isFinite && turnsMean.replicates == nil)
    }

    @Test func fitCheckReproducesTheSyntheticData() throws {
        let logs = SyntheticLogs()
        let store = try SyntheticStore.make(logs, name: "check")
        let fit = try BehaviourFitter(options: .init(bootstrap: 0, goodnessReplicates: 0, seed: 1)).fit(
            model: logs.model, in: store)
        let check = try #require(fit.check)
        for row in check.rows where ["P50", "P90"].contains(row.quantile) {
            #expect(
                abs(row.relativeError) < 0.10, "\(row.metric) \(row.quantile): logged \(row.logged), simulated \(row.simulated)")
        }
    }
}
