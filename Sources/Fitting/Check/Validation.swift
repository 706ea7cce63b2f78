import Distributions
import Foundation
import NumericalMethods
import Pricing
import Simulation
import ThreadStore

/// Out-of-sample validation: a deterministic split of one model's threads by thread id, a fit
/// on one part, and the fit's simulated threads against the other part's logged ones.
///
/// The split hashes each thread's own id (FNV-1a of the session or CSV `thread_id`), so a
/// thread is held out or not whatever else the store holds and in whatever order it was
/// imported. Cost is priced at the catalog's base prices on both sides, as in ``FitCheck``.
public struct Validation: Sendable, Codable {
    /// One quantile or the mean of one metric.
    public struct Row: Sendable, Codable, Hashable {
        public var metric: String
        public var quantile: String
        public var heldOut: Double
        public var simulated: Double
        /// (simulated - held out) / held out.
        public var relativeError: Double
        /// 95 % bootstrap interval of the relative error: held-out threads resampled, each resample
        /// against the simulated threads of one of the fit's bootstrap replicates (so the training
        /// sample's own noise is in it too; held-out resamples alone when no replicate was simulated).
        public var lower: Double
        public var upper: Double

        enum CodingKeys: String, CodingKey {
            case metric, quantile, simulated, lower, upper
            case heldOut = "held_out", relativeError = "relative_error"
        }
    }

    /// Distances between the held-out and simulated distributions of one metric.
    public struct Test: Sendable, Codable, Hashable {
        public var metric: String
        public var ks: Double
        public var ksP: Double
        public var ad: Double
        public var adP: Double

        enum CodingKeys: String, CodingKey {
            case metric, ks, ad
            case ksP = "ks_p", adP = "ad_p"
        }
    }

    /// The share of held-out threads inside a simulated band.
    public struct Coverage: Sendable, Codable, Hashable {
        public var band: String
        public var nominal: Double
        public var observed: Double
    }

    /// The logged training threads against the logged held-out ones, for one metric (a single
    /// split): how far the two parts differ by themselves, which no fit to one part can close.
    public struct SplitTest: Sendable, Codable, Hashable {
        public var metric: String
        public var trainingP50: Double
        public var heldOutP50: Double
        /// Two-sample KS distance and its p-value.
        public var ks: Double
        public var ksP: Double

        enum CodingKeys: String, CodingKey {
            case metric, ks
            case ksP = "ks_p", trainingP50 = "training_p50", heldOutP50 = "held_out_p50"
        }
    }

    /// Everything measured with one setting of dependence.
    public struct Figures: Sendable, Codable {
        public var rows: [Row]
        public var tests: [Test]
        public var coverage: [Coverage]
    }

    public var model: String
    public var priceKey: String
    public var threads: Int
    public var trainingThreads: Int
    public var heldOutThreads: Int
    public var holdout: Double
    /// Cross-validation folds; nil for a single split.
    public var folds: Int?
    public var seed: UInt64
    public var simulatedThreads: Int
    /// `gaussian_copula`, `t_copula`, `independence` or `mixed`, as the training fits chose, and why.
    public var dependence: String
    public var dependenceReason: String
    /// With the fit as chosen.
    public var figures: Figures
    /// With the draws independent, when the fit chose dependence (side by side).
    public var independent: Figures?
    /// Held-out and simulated costs at 99 probabilities (1 %...99 %), for QQ plots and CDFs.
    public var costQuantiles: [[Double]]
    /// The training part against the held-out part, both logged (single splits only: in
    /// cross-validation every thread is on both sides).
    public var splitTests: [SplitTest]?
    /// Fit bootstrap replicates whose simulated threads widen the error intervals (0: held-out
    /// resamples only).
    public var replicatesSimulated: Int
    /// The held-out threads against what a forecast draws: one fit bootstrap replicate per
    /// trial (``BehaviourReplicates``), so the simulated threads of all replicates pooled; its
    /// intervals resample the held-out threads only. Nil when no replicate was simulated.
    public var forecastMix: Figures?

    enum CodingKeys: String, CodingKey {
        case model, threads, holdout, folds, seed, dependence, figures, independent
        case priceKey = "price_key", trainingThreads = "training_threads", heldOutThreads = "held_out_threads"
        case simulatedThreads = "simulated_threads", dependenceReason = "dependence_reason", costQuantiles = "cost_quantiles"
        case splitTests = "split_tests", replicatesSimulated = "replicates_simulated", forecastMix = "forecast_mix"
    }

    /// Per-thread cost, turns and tokens, logged or simulated.
    typealias Sample = (cost: [Double], turns: [Double], tokens: [Double])

    /// Appends `more` to `sample`, metric by metric (folds pool into one sample).
    static func pool(_ sample: inout Sample, _ more: Sample) {
        sample.cost += more.cost
        sample.turns += more.turns
        sample.tokens += more.tokens
    }

    /// The logged side of threads: cost at base prices, turns, and input plus output tokens.
    static func logged(_ obs: [ThreadObservation], price: ModelPrice) -> Sample {
        (
            obs.map { FitCheck.cost($0.tokens, price) }, obs.map { Double($0.turns) },
            obs.map { Double($0.tokens.totalInput + $0.tokens.output) }
        )
    }

    /// Simulated threads per fit replicate, over all folds (enough for a P99 of its own).
    static let replicateThreads = 4000

    /// FNV-1a of a thread's own id: the split depends on nothing else.
    static func idHash(_ externalID: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in externalID.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// True when the thread with this id is held out, for a held-out share `holdout`.
    public static func isHeldOut(_ externalID: String, holdout: Double) -> Bool {
        Double(idHash(externalID) % 10_000) < holdout * 10_000
    }

    /// The fold of a thread among `folds`, from the same hash as ``isHeldOut(_:holdout:)``.
    public static func fold(_ externalID: String, folds: Int) -> Int {
        Int(idHash(externalID) % UInt64(max(folds, 1)))
    }

    /// Fits `model` on the threads not held out and compares with the held-out ones.
    ///
    /// With `folds` >= 2 the check is cross-validated instead: each fold in turn is held out and
    /// the others fitted, and the held-out threads of all folds are compared with the pooled
    /// simulated threads of their own folds' fits (each fold simulated in proportion to its
    /// size). Every thread is then held out once, so the figures do not hang on one lucky or
    /// unlucky split of a small set.
    /// - Throws: ``FittingError`` (too few threads on either side, no price for the model).
    public static func run(
        model: String, in store: ThreadStore, fitter: BehaviourFitter, holdout: Double, folds: Int = 0, threads simulated: Int
    ) throws -> Validation {
        let options = fitter.options
        let all = try store.threads(since: options.since, until: options.until).filter { $0.turns > 0 }
        guard !all.isEmpty else { throw FittingError.emptyStore(path: store.path ?? "(in memory)") }
        let key = BehaviourFitter.priceKey(model)
        let mine = all.filter { $0.model == model || ($0.model.map(BehaviourFitter.priceKey) == key && key != nil) }
        guard !mine.isEmpty else { throw FittingError.noThreads(model: model, known: Set(all.compactMap(\.model)).sorted()) }
        let splits: [(train: [ThreadRecord], test: [ThreadRecord])]
        if folds >= 2 {
            splits = (0..<folds).map { k in
                (mine.filter { fold($0.externalID, folds: folds) != k }, mine.filter { fold($0.externalID, folds: folds) == k })
            }
        } else {
            splits = [
                (
                    mine.filter { !isHeldOut($0.externalID, holdout: holdout) },
                    mine.filter { isHeldOut($0.externalID, holdout: holdout) }
                )
            ]
        }
        let needed = max(options.minimumThreads, 10)
        for (train, test) in splits where train.count < needed || test.count < 1 || (folds < 2 && test.count < needed) {
            throw FittingError.splitTooSmall(
                model: model, threads: mine.count, training: train.count, heldOut: test.count, folds: folds >= 2 ? folds : nil,
                holdout: holdout, needed: needed)
        }
        guard let catalog = options.catalog, let price = try? catalog.price(of: model) else {
            throw FittingError.noPrice(model: model)
        }
        var flat = price
        flat.tiers = []
        var quiet = fitter
        quiet.options.catalog = nil

        var logged: Sample = ([], [], [])
        var sim: Sample = ([], [], [])
        var simOff: Sample = ([], [], [])
        var training: Sample = ([], [], [])
        // Per fit replicate index, the pooled simulated threads of that replicate in every fold.
        var replicateOn: [Sample] = [], replicateOff: [Sample] = []
        var replicateCounts: [Int] = []
        var copulaFolds = 0, studentFolds = 0, kernelFolds = 0, anyIndependent = false
        var reasons: [String] = []
        for (k, split) in splits.enumerated() {
            let trainObs = try ThreadObservations.derive(split.train, requestsOf: store.requests(threadID:))
            let testObs = try ThreadObservations.derive(split.test, requestsOf: store.requests(threadID:))
            let fit = try quiet.fit(model: model, observations: trainObs)
            pool(&logged, Self.logged(testObs, price: price))
            pool(&training, Self.logged(trainObs, price: price))
            let n = splits.count == 1 ? simulated : max(100, simulated * split.test.count / mine.count)
            let seed = options.seed &+ UInt64(k)
            let on = FitCheck.simulate(
                try fit.estimate.behaviour(oneShot: 1, offTheRails: 0, maxAttempts: 1), price: flat, threads: n, seed: seed)
            let off = FitCheck.simulate(
                try fit.estimate.behaviour(oneShot: 1, offTheRails: 0, maxAttempts: 1, dependence: false), price: flat,
                threads: n, seed: seed)
            pool(&sim, on)
            pool(&simOff, off)
            let perReplicate = max(100, Self.replicateThreads * split.test.count / mine.count)
            let sims = Self.simulateReplicates(
                fit.replicates, price: flat, threads: perReplicate, seed: seed,
                independentToo: fit.estimate.correlations != nil, kernel: fit.estimate.kernelCopula)
            replicateCounts.append(sims.count)
            for (r, pair) in sims.enumerated() {
                if r == replicateOn.count { replicateOn.append(([], [], [])); replicateOff.append(([], [], [])) }
                pool(&replicateOn[r], pair.on)
                pool(&replicateOff[r], pair.off)
            }
            if fit.estimate.correlations != nil { copulaFolds += 1 } else { anyIndependent = true }
            if fit.estimate.copulaDegreesOfFreedom != nil { studentFolds += 1 }
            if fit.estimate.kernelCopula != nil { kernelFolds += 1 }
            if let r = fit.dependence?.reason { reasons.append(r) }
        }
        // Only replicates present in every fold pool over all of them.
        let kept = replicateCounts.min() ?? 0
        let main = compare(logged: logged, simulated: sim, replicates: Array(replicateOn.prefix(kept)), seed: options.seed)
        let independent =
            copulaFolds > 0
            ? compare(logged: logged, simulated: simOff, replicates: Array(replicateOff.prefix(kept)), seed: options.seed)
            : nil
        var mixed: Sample = ([], [], [])
        for r in replicateOn.prefix(kept) { pool(&mixed, r) }
        let forecastMix = kept > 0 ? compare(logged: logged, simulated: mixed, seed: options.seed) : nil
        let splitTests = splits.count == 1 ? Self.splitTests(training: training, heldOut: logged) : nil
        let a = logged.cost.sorted(), b = sim.cost.sorted()
        let quantiles = (1...99).map { i -> [Double] in
            let p = Double(i) / 100
            return [p, Stats.quantile(sorted: a, p), Stats.quantile(sorted: b, p)]
        }
        let gaussianFolds = copulaFolds - studentFolds - kernelFolds
        let family =
            copulaFolds == 0
            ? "gaussian_copula"
            : studentFolds == copulaFolds
                ? "t_copula"
                : (kernelFolds == copulaFolds ? "kernel_copula" : (gaussianFolds == copulaFolds ? "gaussian_copula" : "mixed"))
        let dependence = copulaFolds == 0 ? "independence" : (anyIndependent ? "mixed" : family)
        let keptFamily: String
        switch family {
        case "t_copula": keptFamily = "the t copula was kept in \(copulaFolds) of \(splits.count) folds' fits"
        case "kernel_copula": keptFamily = "the kernel copula was kept in \(copulaFolds) of \(splits.count) folds' fits"
        case "gaussian_copula": keptFamily = "the Gaussian copula was kept in \(copulaFolds) of \(splits.count) folds' fits"
        case _ where kernelFolds == 0:
            keptFamily = "a copula was kept in \(copulaFolds) of \(splits.count) folds' fits, the t copula in \(studentFolds)"
        default:
            let parts = [
                (gaussianFolds, "the Gaussian copula"), (studentFolds, "the t copula"), (kernelFolds, "the kernel copula"),
            ].filter { $0.0 > 0 }.map { "\($0.1) in \($0.0)" }
            keptFamily = "a copula was kept in \(copulaFolds) of \(splits.count) folds' fits: " + parts.joined(separator: ", ")
        }
        let reason = splits.count == 1 ? (reasons.first ?? "") : keptFamily + (reasons.first.map { " (fold 1: \($0))" } ?? "")
        return Validation(
            model: model, priceKey: price.model, threads: mine.count,
            trainingThreads: splits.map(\.train.count).reduce(0, +) / splits.count,
            heldOutThreads: logged.cost.count, holdout: splits.count == 1 ? holdout : 1 / Double(splits.count),
            folds: splits.count == 1 ? nil : splits.count,
            seed: options.seed, simulatedThreads: sim.cost.count, dependence: dependence, dependenceReason: reason,
            figures: main, independent: independent, costQuantiles: quantiles, splitTests: splitTests,
            replicatesSimulated: kept, forecastMix: forecastMix)
    }

    /// Each fit replicate's simulated single attempts, dependent as fitted and independent,
    /// computed on the cores in replicate order (a replicate whose behaviour cannot be built is
    /// left out, as forecasts leave it out). A fit without dependence is simulated once, its
    /// draws being independent already.
    static func simulateReplicates(
        _ replicates: [FitReplicate], price: ModelPrice, threads: Int, seed: UInt64, independentToo: Bool,
        kernel: KernelCopulaParameters? = nil
    ) -> [(on: Sample, off: Sample)] {
        // Built once: every replicate draws the point estimate's kernel copula (the estimate's
        // own behaviour, built before this, has refused scores that cannot be built).
        let kernel = try? kernel?.copula()
        let sims = ParallelLoop.map(replicates.count, workers: nil) { r -> (on: Sample, off: Sample)? in
            let s = seed ^ (UInt64(r + 1) &* 0x9E37_79B9_7F4A_7C15)
            guard let b = try? replicates[r].behaviour(oneShot: 1, offTheRails: 0, maxAttempts: 1, kernel: kernel)
            else { return nil }
            let on = FitCheck.simulate(b, price: price, threads: threads, seed: s)
            guard independentToo else { return (on, on) }
            guard let off = try? replicates[r].behaviour(oneShot: 1, offTheRails: 0, maxAttempts: 1, dependence: false)
            else { return nil }
            return (on, FitCheck.simulate(off, price: price, threads: threads, seed: s))
        }
        return sims.compactMap { $0 }
    }

    /// The logged training threads against the logged held-out ones, metric by metric.
    static func splitTests(training: Sample, heldOut: Sample) -> [SplitTest] {
        [
            ("cost_usd", training.cost, heldOut.cost), ("turns", training.turns, heldOut.turns),
            ("tokens", training.tokens, heldOut.tokens),
        ].map { metric, training, heldOut in
            let a = training.sorted(), b = heldOut.sorted()
            let ks = Stats.ksDistance(a, b)
            return SplitTest(
                metric: metric, trainingP50: Stats.quantile(sorted: a, 0.5), heldOutP50: Stats.quantile(sorted: b, 0.5), ks: ks,
                ksP: ksPValue(ks, a.count, b.count))
        }
    }

    static func compare(logged: Sample, simulated: Sample, replicates: [Sample] = [], seed: UInt64) -> Figures {
        var rows: [Row] = [], tests: [Test] = []
        for (metric, held, sim, path) in [
            ("cost_usd", logged.cost, simulated.cost, { (s: Sample) in s.cost }),
            ("turns", logged.turns, simulated.turns, { (s: Sample) in s.turns }),
            ("tokens", logged.tokens, simulated.tokens, { (s: Sample) in s.tokens }),
        ] {
            let a = held.sorted(), b = sim.sorted()
            let replicateSorted = replicates.map { path($0).sorted() }
            let stats: [(String, ([Double]) -> Double)] = [
                ("P50", { Stats.quantile(sorted: $0, 0.5) }), ("P90", { Stats.quantile(sorted: $0, 0.9) }),
                ("P99", { Stats.quantile(sorted: $0, 0.99) }), ("mean", { Stats.mean($0) }),
            ]
            // Bootstrap of the held-out side; the simulated side varies through the fit's replicates.
            var rng = RandomStream(seed: seed).substream(0x7A11)
            let resamples = (0..<200).map { _ in (0..<a.count).map { _ in a[Int(rng.next(upperBound: UInt64(a.count)))] }.sorted()
            }
            for (label, f) in stats {
                let h = f(a), s = f(b)
                // Resample i against replicate i mod R: both samples' noise in one interval.
                let replicateValues = replicateSorted.map(f)
                let errors = resamples.enumerated().map { i, r -> Double in
                    let v = f(r)
                    let sr = replicateValues.isEmpty ? s : replicateValues[i % replicateValues.count]
                    return v != 0 ? (sr - v) / v : .nan
                }.filter(\.isFinite).sorted()
                rows.append(
                    Row(
                        metric: metric, quantile: label, heldOut: h, simulated: s, relativeError: h != 0 ? (s - h) / h : .nan,
                        lower: Stats.quantile(sorted: errors, 0.025), upper: Stats.quantile(sorted: errors, 0.975)))
            }
            let ks = Stats.ksDistance(a, b)
            let ad = andersonDarling(a, reference: b)
            tests.append(Test(metric: metric, ks: ks, ksP: ksPValue(ks, a.count, b.count), ad: ad, adP: adPValue(ad)))
        }
        let sorted = simulated.cost.sorted()
        var coverage: [Coverage] = []
        for (band, lo, hi) in [("P10-P90", 0.1, 0.9), ("P5-P95", 0.05, 0.95)] {
            let l = Stats.quantile(sorted: sorted, lo), h = Stats.quantile(sorted: sorted, hi)
            let inside = logged.cost.filter { $0 >= l && $0 <= h }.count
            coverage.append(Coverage(band: band, nominal: hi - lo, observed: Double(inside) / Double(max(logged.cost.count, 1))))
        }
        return Figures(rows: rows, tests: tests, coverage: coverage)
    }

    /// The two-sample KS p-value, asymptotic with Stephens' small-sample correction.
    static func ksPValue(_ d: Double, _ n: Int, _ m: Int) -> Double {
        let ne = Double(n) * Double(m) / Double(n + m)
        let lambda = (ne.squareRoot() + 0.12 + 0.11 / ne.squareRoot()) * d
        guard lambda > 0.2 else { return 1 }
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * lambda * lambda)
            sum += (k % 2 == 1 ? 2 : -2) * term
            if term < 1e-12 { break }
        }
        return min(max(sum, 0), 1)
    }

    /// Anderson–Darling A² of `sample` against the empirical CDF of the large `reference`
    /// (the simulated threads stand in for the law; kept inside (0, 1) by half a step).
    static func andersonDarling(_ sample: [Double], reference: [Double]) -> Double {
        let n = sample.count, m = Double(reference.count)
        guard n > 0, m > 0 else { return .nan }
        let x = sample.sorted()
        func f(_ v: Double) -> Double {
            var lo = 0, hi = reference.count
            while lo < hi { let mid = (lo + hi) / 2; if reference[mid] <= v { lo = mid + 1 } else { hi = mid } }
            return min(max(Double(lo) / m, 0.5 / m), 1 - 0.5 / m)
        }
        var s = 0.0
        for i in 0..<n {
            s += Double(2 * i + 1) * (log(f(x[i])) + log(1 - f(x[n - 1 - i])))
        }
        return -Double(n) - s / Double(n)
    }

    /// P(A² >= a) for a fully specified law, Marsaglia and Marsaglia's (2004) asymptotic ADinf.
    static func adPValue(_ a: Double) -> Double {
        guard a.isFinite, a > 0 else { return 1 }
        let cdf: Double
        if a < 2 {
            cdf =
                exp(-1.2337141 / a) / a.squareRoot()
                * (2.00012 + (0.247105 - (0.0649821 - (0.0347962 - (0.011672 - 0.00168691 * a) * a) * a) * a) * a)
        } else {
            cdf = exp(-exp(1.0776 - (2.30695 - (0.43424 - (0.082433 - (0.008056 - 0.0003146 * a) * a) * a) * a) * a))
        }
        return min(max(1 - cdf, 0), 1)
    }
}
