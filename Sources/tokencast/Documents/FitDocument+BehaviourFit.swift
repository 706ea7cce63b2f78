import Fitting
import Reports

extension FitDocument.Fit {
    /// The `fit` document's entry for `fit`, stored as fit `id` (nil: not stored) with `payload`.
    init(_ fit: BehaviourFit, id: Int64?, payload: String) {
        typealias Doc = FitDocument
        func law(_ l: FittedLaw) -> Doc.Law { Doc.Law(family: l.family, parameters: l.parameters) }
        func selection(_ title: String, _ r: SelectionReport, _ family: (FitReplicate) -> String?) -> Doc.Selection {
            var counts: [String: Int] = [:]
            for replicate in fit.replicates { if let f = family(replicate) { counts[f, default: 0] += 1 } }
            return Doc.Selection(
                title: title, observations: r.observations, chosen: law(r.chosen),
                candidates: r.candidates.map {
                    Doc.Candidate(
                        law: law($0.law), logLikelihood: $0.logLikelihood, aic: $0.aic, bic: $0.bic, ks: $0.ks, ksP: $0.ksP,
                        ad: $0.ad, adP: $0.adP)
                },
                replicateFamilies: counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) })
        }
        func interval(_ i: ParameterInterval) -> Doc.Interval {
            Doc.Interval(name: i.name, estimate: i.estimate, lower: i.lower, upper: i.upper, replicates: i.replicates)
        }
        func posterior(_ name: String, _ p: RateFit.Posterior) -> Doc.Interval {
            Doc.Interval(name: name, estimate: p.mean, lower: p.lower, upper: p.upper)
        }
        func checkRow(_ r: FitCheck.Row) -> Doc.Check.Row {
            Doc.Check.Row(
                metric: r.metric, quantile: r.quantile, logged: r.logged, simulated: r.simulated, relativeError: r.relativeError)
        }
        var laws = [
            selection("turns per attempt", fit.turns, { $0.turns.family }),
            selection("fresh input tokens per turn", fit.freshInputPerTurn, { $0.freshInputPerTurn.family }),
            selection("output tokens per turn", fit.outputPerTurn, { $0.outputPerTurn.family }),
        ]
        if let b = fit.baseContext { laws.append(selection("base context per thread", b, { $0.baseContextLaw?.family })) }
        self.init(
            id: id, model: fit.model, threads: fit.threads, threadsWithRequests: fit.threadsWithRequests, since: fit.since,
            until: fit.until,
            seed: fit.seed, bootstrapReplicates: fit.bootstrapReplicates, laws: laws,
            baseContextFromRequests: fit.baseContextMethod == "requests", baseContextRows: fit.baseContextRows,
            baseContextPerThread: fit.baseContext != nil, cacheHitRate: law(fit.estimate.cacheHitRate),
            cacheHitRateThreads: fit.cacheHitRateThreads,
            outcomes: fit.outcomes.map {
                Doc.Outcomes(
                    threads: $0.threads, success: $0.success, failure: $0.failure, abandoned: $0.abandoned,
                    oneShot: posterior("one_shot_rate", $0.oneShot), offTheRails: posterior("off_the_rails_rate", $0.offTheRails))
            },
            threadsPerDay: fit.threadsPerDay.map {
                Doc.Demand(developerDays: $0.developerDays, developers: $0.perDeveloper.count, developerCV: $0.developerCV)
            },
            requestRows: fit.structure.map {
                Doc.RequestRows(threads: $0.threads, increments: $0.increments, verdicts: $0.verdicts)
            },
            dependence: fit.dependence.map {
                Doc.Dependence(
                    copula: $0.chosen != "independence",
                    family: ["t_copula": "t copula", "gaussian_copula": "Gaussian copula", "kernel_copula": "kernel copula"][
                        $0.chosen] ?? "independent draws",
                    reason: $0.reason, correlations: $0.correlations.map(interval),
                    degreesOfFreedom: $0.degreesOfFreedom.map(interval))
            },
            intervals: fit.intervals.map(interval),
            check: fit.check.map {
                Doc.Check(
                    simulatedThreads: $0.simulatedThreads, loggedThreads: $0.loggedThreads, priceKey: $0.priceKey,
                    rows: $0.rows.map(checkRow),
                    ks: $0.ks, independentRows: $0.independentRows?.map(checkRow), independentKS: $0.independentKS)
            },
            payload: payload, cacheHitSpread: fit.cacheHitSpread?.verdict)
    }
}
