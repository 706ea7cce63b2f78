import Distributions
import Foundation
import NumericalMethods
import Pricing
import Simulation
import ThreadStore

/// Fits every behaviour parameter of MODEL.md for one model from the thread store.
///
/// ```swift
/// let fit = try BehaviourFitter(options: .init(bootstrap: 200, seed: 1)).fit(model: "claude-sonnet-4-5", in: store)
/// try store.saveFit(model: fit.model, since: fit.since, until: fit.until, payload: fit.payload())
/// ```
///
/// **Reproducibility.** Goodness-of-fit draws use `RandomStream(seed).substream(i)` per
/// candidate; bootstrap replicate `b` resamples with `RandomStream(seed ^ 0xB007).substream(b)`.
/// Same store, same seed, same fit.
public struct BehaviourFitter: Sendable {
    public struct Options: Sendable {
        /// Nonparametric bootstrap replicates (resampled threads) for intervals and forecasts.
        public var bootstrap: Int
        /// Parametric-bootstrap replicates per candidate law for KS/AD p-values.
        public var goodnessReplicates: Int
        public var seed: UInt64
        public var since: Date?
        public var until: Date?
        /// Prices for the fit check; nil skips it.
        public var catalog: PriceCatalog?
        /// Threads simulated by the fit check.
        public var checkThreads: Int
        /// Fewest threads a fit accepts.
        public var minimumThreads: Int

        public init(
            bootstrap: Int = 200, goodnessReplicates: Int = 200, seed: UInt64 = 1, since: Date? = nil, until: Date? = nil,
            catalog: PriceCatalog? = .builtIn, checkThreads: Int = 20_000, minimumThreads: Int = 10
        ) {
            self.bootstrap = bootstrap
            self.goodnessReplicates = goodnessReplicates
            self.seed = seed
            self.since = since
            self.until = until
            self.catalog = catalog
            self.checkThreads = checkThreads
            self.minimumThreads = minimumThreads
        }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// The models with threads in the window, most threads first (ties by name).
    public static func models(in store: ThreadStore, since: Date?, until: Date?) throws -> [(model: String, threads: Int)] {
        var counts: [String: Int] = [:]
        for t in try store.threads(since: since, until: until) { if let m = t.model, t.turns > 0 { counts[m, default: 0] += 1 } }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    /// Fits `model`. A name matches stored names exactly, or through the price catalog
    /// (`claude-sonnet-4-5` matches `claude-sonnet-4-5-20250929`).
    /// - Throws: ``FittingError`` (empty store, no threads of the model, too few threads).
    public func fit(model: String, in store: ThreadStore) throws -> BehaviourFit {
        let all = try store.threads(since: options.since, until: options.until).filter { $0.turns > 0 }
        guard !all.isEmpty else { throw FittingError.emptyStore(path: store.path ?? "(in memory)") }
        let key = Self.priceKey(model)
        let mine = all.filter { $0.model == model || ($0.model.map(Self.priceKey) == key && key != nil) }
        guard !mine.isEmpty else {
            throw FittingError.noThreads(model: model, known: Set(all.compactMap(\.model)).sorted())
        }
        guard mine.count >= options.minimumThreads else {
            throw FittingError.tooFewThreads(model: model, count: mine.count, needed: options.minimumThreads)
        }
        var structure = RequestStructure.Accumulator()
        let observations = try ThreadObservations.derive(mine, requestsOf: store.requests(threadID:), structure: &structure)
        var fit = try fit(model: model, observations: observations)
        fit.structure = structure.report()
        if let catalog = options.catalog, let price = try? catalog.price(of: model) {
            fit.check = FitCheck.run(
                fit: fit, observations: observations, price: price, threads: options.checkThreads, seed: options.seed)
        }
        return fit
    }

    static func priceKey(_ name: String) -> String? { try? PriceCatalog.builtIn.price(of: name).model }

    /// The per-thread quantities of one resample, given a base context.
    struct Derived {
        var turns: [Double]
        var fresh: [Double]
        var output: [Double]
        var hit: [Double]
        /// Each thread's own base context (``BaseContextFit/TotalsSplit`` or its request rows).
        var base: [Double]
        /// Threads with all five draws, in ``BehaviourDraw`` order, for the copula.
        var vectors: [DependenceFit.Vector]
        /// The length of each thread in `hit`, in the same order (``CacheHitSpread``).
        var hitTurns: [Double] = []
    }

    static func derived(_ obs: [ThreadObservation], base s: Double) -> Derived {
        var d = Derived(turns: [], fresh: [], output: [], hit: [], base: [], vectors: [])
        let split = BaseContextFit.TotalsSplit(obs.filter { !$0.fromRequests }, base: s)
        for t in obs {
            let T = Double(t.turns)
            var si: Double, ui: Double
            if t.fromRequests {
                // The thread's own intercept, and the u that gives back its logged input. The mean
                // per-turn increment would not: it leaves out compactions (and sub-agents'
                // contexts) and weighs every turn alike where the total weighs early turns more,
                // so it overshot long threads' input.
                (si, ui) = BaseContextFit.reproducingTotals(t, base: t.ownBase ?? s)
            } else {
                (si, ui) = split.apply(t)
            }
            d.turns.append(T)
            d.fresh.append(ui)
            d.base.append(si)
            if t.output > 0 { d.output.append(t.output) }
            // Against the thread's own (s, u), so that h R gives back its logged cache reads.
            let h = BaseContextFit.hitRate(t, base: si, fresh: ui)
            if let h {
                d.hit.append(h)
                d.hitTurns.append(T)
            }
            if let h, t.output > 0 { d.vectors.append([T, ui, t.output, h, si]) }
        }
        return d
    }

    /// A positive law for `values`, with an atom at zero (`zero_share`) when some are zero.
    static func positiveLaw(_ values: [Double], replicates: Int, seed: UInt64) throws(FittingError) -> SelectionReport {
        let positive = values.filter { $0 > 0 }
        var report = try SelectionReport.select(
            positive, families: ContinuousFit.families, discrete: false, replicates: replicates, seed: seed)
        let zeros = values.count - positive.count
        if zeros > 0 {
            report.chosen.parameters["zero_share"] = Double(zeros) / Double(values.count)
            report.observations = values.count
        }
        return report
    }

    /// Refits a positive law (its family chosen again, ``SelectionReport/reselect(_:families:discrete:)``),
    /// keeping the atom at zero.
    static func refitPositive(_ law: FittedLaw, _ values: [Double]) -> FittedLaw? {
        let positive = values.filter { $0 > 0 }
        guard var fitted = SelectionReport.reselect(positive, families: ContinuousFit.families, discrete: false) else {
            return nil
        }
        if law.parameters["zero_share"] != nil, !values.isEmpty {
            fitted.parameters["zero_share"] = Double(values.count - positive.count) / Double(values.count)
        }
        return fitted
    }

    /// The base context's law: a constant when the threads do not differ, else a positive law.
    static func baseLaw(_ values: [Double], replicates: Int, seed: UInt64) -> SelectionReport? {
        let positive = values.filter { $0 > 0 }
        guard positive.count >= 2, let lo = positive.min(), let hi = positive.max(), hi > lo * (1 + 1e-9) else { return nil }
        return try? positiveLaw(values, replicates: replicates, seed: seed)
    }

    static func baseContext(_ obs: [ThreadObservation]) throws(FittingError) -> (
        value: Double, method: BaseContextFit.Method, rows: Int
    ) {
        try BaseContextFit.estimate(obs)
    }

    static func hitLaw(_ hits: [Double]) -> FittedLaw {
        if let law = RateFit.beta(hits) { return law }
        return FittedLaw(family: "constant", parameters: ["value": hits.isEmpty ? 0 : Stats.mean(hits)])
    }

    static func outcomeRates(_ obs: [ThreadObservation]) -> OutcomeReport? {
        var s = 0, f = 0, a = 0
        for t in obs {
            switch t.outcome {
            case .success: s += 1
            case .failure: f += 1
            case .abandoned: a += 1
            case nil: break
            }
        }
        let n = s + f + a
        guard n > 0 else { return nil }
        return OutcomeReport(
            threads: n, success: s, failure: f, abandoned: a,
            oneShot: RateFit.Posterior(successes: s, trials: s + f), offTheRails: RateFit.Posterior(successes: a, trials: n))
    }

    /// Fits from derived observations (the store-free core, used by tests and backtests).
    func fit(model: String, observations obs: [ThreadObservation]) throws -> BehaviourFit {
        let base = try Self.baseContext(obs)
        let d = Self.derived(obs, base: base.value)
        guard d.fresh.filter({ $0 > 0 }).count >= 2, d.output.count >= 2 else {
            throw FittingError.tooFewTokenThreads(model: model)
        }
        let turns = try SelectionReport.select(
            d.turns, families: CountFit.families, discrete: true, replicates: options.goodnessReplicates, seed: options.seed)
        let fresh = try Self.positiveLaw(d.fresh, replicates: options.goodnessReplicates, seed: options.seed &+ 1)
        let baseLaw = Self.baseLaw(d.base, replicates: options.goodnessReplicates, seed: options.seed &+ 3)
        let output = try SelectionReport.select(
            d.output, families: ContinuousFit.families, discrete: false, replicates: options.goodnessReplicates,
            seed: options.seed &+ 2)
        let outcomes = Self.outcomeRates(obs)
        let dayCounts = DemandFit.dayCounts(obs, since: options.since, until: options.until)
        let demand = DemandFit.fit(dayCounts)
        var estimate = FitReplicate(
            turns: turns.chosen, freshInputPerTurn: fresh.chosen, outputPerTurn: output.chosen, baseContext: base.value,
            cacheHitRate: Self.hitLaw(d.hit), oneShotRate: outcomes?.oneShot.mean, offTheRailsRate: outcomes?.offTheRails.mean,
            threadsPerDay: demand?.meanPerDay, dayDispersion: demand?.dayDispersion)
        estimate.baseContextLaw = baseLaw?.chosen
        // Where the spread of h depends on the length, h is fitted given T (docs/fitting.md), and
        // the copula couples its standard scores given T with the other draws.
        var spread = CacheHitSpread.test(turns: d.hitTurns, hits: d.hit)
        var vectors = d.vectors
        if let test = spread, test.pValue < CacheHitSpread.significance,
            let given = HitRateGivenTurnsFit.fit(turns: d.hitTurns, hits: d.hit), let law = try? HitRateGivenTurnsFit.law(given)
        {
            estimate.cacheHitGivenTurns = given
            vectors = HitRateGivenTurnsFit.scores(d.vectors, law)
            spread?.refined(with: law)
        }
        let useDependence = Self.chooseDependence(vectors)
        if useDependence.chosen {
            if let t = useDependence.student {
                estimate.correlations = DependenceFit.pairs(t.correlation)
                estimate.copulaDegreesOfFreedom = t.degreesOfFreedom
            } else if let r = DependenceFit.correlation(vectors) {
                // The Gaussian copula's correlation, and the kernel copula's noise (the same scores).
                estimate.correlations = DependenceFit.pairs(DependenceFit.positiveDefinite(r))
                if let k = useDependence.kernel {
                    estimate.kernelCopula = KernelCopulaParameters(bandwidth: k.bandwidth, scores: k.scores)
                }
            }
        }

        let replicates = bootstrap(obs, estimate: estimate, days: dayCounts)
        let dates = obs.compactMap(\.startedAt)
        return BehaviourFit(
            model: model, since: options.since ?? dates.min(), until: options.until ?? dates.max(), threads: obs.count,
            threadsWithRequests: obs.filter(\.fromRequests).count, seed: options.seed, bootstrapReplicates: replicates.count,
            turns: turns, freshInputPerTurn: fresh, outputPerTurn: output, baseContextMethod: base.method.rawValue,
            baseContextRows: base.rows, cacheHitRateThreads: d.hit.count, outcomes: outcomes, threadsPerDay: demand,
            estimate: estimate, intervals: Self.intervals(estimate, replicates), replicates: replicates, check: nil,
            baseContext: baseLaw, dependence: Self.dependenceReport(useDependence, vectors, estimate, replicates),
            cacheHitSpread: spread)
    }

    /// Nonparametric bootstrap: resample threads (and, for threads per day, developer-days) with
    /// replacement and refit every parameter. Each law's family is chosen again by AIC on the
    /// resample, so a forecast that draws one replicate per trial averages over the families the
    /// data cannot tell apart instead of betting on the one that won on the sample (on half of the
    /// real set the turns' lognormal won by 2.8 AIC and drew a P99 25 % above the logged one;
    /// docs/fitting.md). The dependence keeps its family: choosing it again is a 5-fold search.
    func bootstrap(_ obs: [ThreadObservation], estimate: FitReplicate, days: [String: [Double]]) -> [FitReplicate] {
        let root = RandomStream(seed: options.seed ^ 0xB007)
        let pooledDays = days.keys.sorted().flatMap { days[$0] ?? [] }
        var out: [FitReplicate] = []
        for b in 0..<options.bootstrap {
            var rng = root.substream(UInt64(b))
            let n = UInt64(obs.count)
            let sample = (0..<obs.count).map { _ in obs[Int(rng.next(upperBound: n))] }
            guard let base = try? Self.baseContext(sample) else { continue }
            let d = Self.derived(sample, base: base.value)
            guard let t = SelectionReport.reselect(d.turns, families: CountFit.families, discrete: true),
                let u = Self.refitPositive(estimate.freshInputPerTurn, d.fresh),
                let o = SelectionReport.reselect(d.output, families: ContinuousFit.families, discrete: false)
            else { continue }
            var baseLaw: FittedLaw?
            if let b = estimate.baseContextLaw {
                guard let refit = Self.refitPositive(b, d.base) else { continue }
                baseLaw = refit
            }
            var given: [String: Double]?
            var vectors = d.vectors
            if let start = estimate.cacheHitGivenTurns {
                guard let refit = HitRateGivenTurnsFit.fit(turns: d.hitTurns, hits: d.hit, start: start),
                    let law = try? HitRateGivenTurnsFit.law(refit)
                else { continue }
                given = refit
                vectors = HitRateGivenTurnsFit.scores(d.vectors, law)
            }
            var correlations: [String: Double]?
            var degreesOfFreedom: Double?
            if estimate.copulaDegreesOfFreedom != nil {
                // The t copula's R and ν refitted on the resample.
                guard let t = StudentCopulaFit.fit(vectors) else { continue }
                correlations = DependenceFit.pairs(t.correlation)
                degreesOfFreedom = t.degreesOfFreedom
            } else if estimate.correlations != nil, let r = DependenceFit.correlation(vectors) {
                correlations = DependenceFit.pairs(DependenceFit.positiveDefinite(r))
            }
            let rates = Self.outcomeRates(sample)
            var dayMean: Double?, dayDispersion: Double?
            if !pooledDays.isEmpty {
                let m = UInt64(pooledDays.count)
                let resampled = (0..<pooledDays.count).map { _ in pooledDays[Int(rng.next(upperBound: m))] }
                let f = DemandFit.fit(["all": resampled])
                dayMean = f?.meanPerDay
                dayDispersion = f?.dayDispersion
            }
            out.append(
                FitReplicate(
                    turns: t, freshInputPerTurn: u, outputPerTurn: o, baseContext: base.value, cacheHitRate: Self.hitLaw(d.hit),
                    oneShotRate: rates?.oneShot.mean, offTheRailsRate: rates?.offTheRails.mean,
                    threadsPerDay: dayMean, dayDispersion: dayDispersion, baseContextLaw: baseLaw, correlations: correlations))
            out[out.count - 1].cacheHitGivenTurns = given
            out[out.count - 1].copulaDegreesOfFreedom = degreesOfFreedom
        }
        return out
    }

    /// What ``chooseDependence(_:)`` decided: the family kept (nil: independence), each
    /// family's held-out score, and the sentence the report prints.
    struct DependenceChoice {
        var chosen: Bool
        var student: StudentCopulaFit.Estimate?
        var kernel: KernelCopulaFit.Estimate?
        var score: Double?
        var studentScore: Double?
        var kernelScore: Double?
        var reason: String
    }

    /// The copula family against independence, by the held-out copula scores (``DependenceFit``,
    /// ``StudentCopulaFit``, ``KernelCopulaFit``): the best mean score per held-out thread wins,
    /// independence scoring 0.
    static func chooseDependence(_ vectors: [DependenceFit.Vector]) -> DependenceChoice {
        guard vectors.count >= DependenceFit.minimumThreads else {
            return DependenceChoice(
                chosen: false,
                reason:
                    "\(vectors.count) threads with all five draws, fewer than the \(DependenceFit.minimumThreads) needed to fit dependence: draws independent"
            )
        }
        let gaussian = DependenceFit.heldOutScore(vectors)
        let student = StudentCopulaFit.heldOutScore(vectors)
        // Fitted once on all threads: the family's ν for the report, and the estimate if kept.
        let fit = StudentCopulaFit.fit(vectors)
        let kernel = KernelCopulaFit.fit(vectors)
        let t = fit.map { String(format: "the t copula (%g degrees of freedom)", $0.degreesOfFreedom) } ?? "the t copula"
        let k = kernel.map { String(format: "the kernel copula (bandwidth %g)", $0.bandwidth) } ?? "the kernel copula"
        var choice = DependenceChoice(
            chosen: false, score: gaussian, studentScore: student, kernelScore: kernel?.heldOutScore, reason: "")
        let kernelScore = kernel?.heldOutScore ?? -.infinity
        func others(_ skip: String) -> String {
            var parts: [String] = []
            if skip != "g" { parts.append(String(format: "the Gaussian copula's %+.3f", gaussian)) }
            if skip != "t" { parts.append(String(format: "%@'s %+.3f", t, student)) }
            if skip != "k" {
                parts.append(kernel.map { String(format: "%@'s %+.3f", k, $0.heldOutScore) } ?? "\(k)'s (not fitted)")
            }
            return parts.joined(separator: ", ")
        }
        if let kernel, kernelScore > gaussian, kernelScore > student, kernelScore > 0 {
            choice.chosen = true
            choice.kernel = kernel
            choice.reason = String(
                format: "%@ scores %+.3f per held-out thread against %@ and independence's 0 (5-fold): kept", k, kernelScore,
                others("k"))
        } else if student > gaussian, student > 0, let fit {
            choice.chosen = true
            choice.student = fit
            choice.reason = String(
                format: "%@ scores %+.3f per held-out thread against %@ and independence's 0 (5-fold): kept", t, student,
                others("t"))
        } else if gaussian > 0 {
            choice.chosen = true
            choice.reason = String(
                format: "the Gaussian copula scores %+.3f per held-out thread against %@ and independence's 0 (5-fold): kept",
                gaussian, others("g"))
        } else {
            choice.reason = String(
                format:
                    "the Gaussian copula scores %+.3f, %@ %+.3f and %@ %@ per held-out thread, no better than independence's 0 (5-fold): draws independent",
                gaussian, t, student, k, kernel.map { String(format: "%+.3f", $0.heldOutScore) } ?? "(not fitted)")
        }
        return choice
    }

    static func dependenceReport(
        _ choice: DependenceChoice,
        _ vectors: [DependenceFit.Vector], _ estimate: FitReplicate, _ replicates: [FitReplicate]
    ) -> DependenceReport {
        var intervals: [ParameterInterval] = []
        if let pairs = estimate.correlations {
            for key in pairs.keys.sorted() {
                let values = replicates.compactMap { $0.correlations?[key] }.sorted()
                intervals.append(
                    ParameterInterval(
                        name: key, estimate: pairs[key] ?? .nan, lower: Stats.quantile(sorted: values, 0.025),
                        upper: Stats.quantile(sorted: values, 0.975)))
            }
        }
        var degreesOfFreedom: ParameterInterval?
        if let nu = estimate.copulaDegreesOfFreedom {
            let values = replicates.compactMap(\.copulaDegreesOfFreedom).sorted()
            degreesOfFreedom = ParameterInterval(
                name: "degrees_of_freedom", estimate: nu, lower: Stats.quantile(sorted: values, 0.025),
                upper: Stats.quantile(sorted: values, 0.975))
        }
        let family =
            estimate.kernelCopula != nil
            ? "kernel_copula"
            : estimate.copulaDegreesOfFreedom != nil
                ? "t_copula" : (estimate.correlations != nil ? "gaussian_copula" : "independence")
        return DependenceReport(
            chosen: family, reason: choice.reason, threads: vectors.count, heldOutScore: choice.score,
            studentHeldOutScore: choice.studentScore, kernelHeldOutScore: choice.kernelScore,
            kernelBandwidth: estimate.kernelCopula?.bandwidth, correlations: intervals, degreesOfFreedom: degreesOfFreedom)
    }

    /// Named scalars of a replicate, for intervals. A law's own parameters are named with its
    /// family (`turns.negative_binomial.p`) so that replicates which chose another family do not
    /// pool their `scale` or `shape` with the estimate's; ``intervals(_:_:)`` strips the family.
    static func scalars(_ r: FitReplicate) -> [(String, Double)] { namedScalars(r).map { ($0.key, $0.value) } }

    /// ``scalars(_:)`` with each one's name as the fit report shows it (without the family).
    static func namedScalars(_ r: FitReplicate) -> [(key: String, shown: String, value: Double)] {
        var list: [(key: String, shown: String, value: Double)] = []
        func law(_ draw: BehaviourDraw, _ l: FittedLaw) {
            for k in l.parameters.keys.sorted() {
                // The Poisson's `mean` (of T - 1) is not the law's mean, listed below.
                let shown = k == "mean" ? "\(draw.rawValue).\(l.family).\(k)" : "\(draw.rawValue).\(k)"
                // The share of zeros is the same parameter whatever the positive part's family.
                list.append((k == "zero_share" ? shown : "\(draw.rawValue).\(l.family).\(k)", shown, l.parameters[k] ?? .nan))
            }
            list.append(("\(draw.rawValue).mean", "\(draw.rawValue).mean", (try? l.make().mean) ?? .nan))
        }
        func append(_ name: String, _ value: Double) { list.append((name, name, value)) }
        law(.turns, r.turns)
        law(.freshInputPerTurn, r.freshInputPerTurn)
        law(.outputPerTurn, r.outputPerTurn)
        append(BehaviourDraw.baseContext.rawValue, r.baseContext)
        if let b = r.baseContextLaw { law(.baseContext, b) }
        law(.cacheHitRate, r.cacheHitRate)
        if let g = r.cacheHitGivenTurns {
            for k in HitRateGivenTurnsFit.keys where k != "reference_turns" {
                append("cache_hit_rate.given_turns.\(k)", g[k] ?? .nan)
            }
        }
        if let p = r.oneShotRate { append("one_shot_rate", p) }
        if let q = r.offTheRailsRate { append("off_the_rails_rate", q) }
        if let m = r.threadsPerDay { append("threads_per_day.mean", m) }
        if let k = r.dayDispersion { append("threads_per_day.dispersion", k) }
        return list
    }

    static func intervals(_ estimate: FitReplicate, _ replicates: [FitReplicate]) -> [ParameterInterval] {
        var byName: [String: [Double]] = [:]
        for r in replicates { for (name, v) in scalars(r) where v.isFinite { byName[name, default: []].append(v) } }
        return namedScalars(estimate).map { key, shown, value in
            let sorted = (byName[key] ?? []).sorted()
            // Fewer than two values make no interval (nan, shown as a dash).
            let enough = sorted.count >= 2
            return ParameterInterval(
                name: shown, estimate: value, lower: enough ? Stats.quantile(sorted: sorted, 0.025) : .nan,
                upper: enough ? Stats.quantile(sorted: sorted, 0.975) : .nan,
                replicates: sorted.count < replicates.count ? sorted.count : nil)
        }
    }
}
