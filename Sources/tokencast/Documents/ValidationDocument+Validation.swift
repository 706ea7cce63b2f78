import Fitting
import Reports

extension ValidationDocument {
    /// The `validate` document of an out-of-sample check.
    init(_ v: Validation) {
        func figures(_ f: Validation.Figures) -> Figures {
            Figures(
                rows: f.rows.map {
                    Row(
                        metric: $0.metric, quantile: $0.quantile, heldOut: $0.heldOut, simulated: $0.simulated,
                        relativeError: $0.relativeError,
                        lower: $0.lower, upper: $0.upper)
                },
                tests: f.tests.map { Test(metric: $0.metric, ks: $0.ks, ksP: $0.ksP, ad: $0.ad, adP: $0.adP) },
                coverage: f.coverage.map { Coverage(band: $0.band, nominal: $0.nominal, observed: $0.observed) })
        }
        self.init(
            model: v.model, priceKey: v.priceKey, threads: v.threads, trainingThreads: v.trainingThreads,
            heldOutThreads: v.heldOutThreads,
            holdout: v.holdout, folds: v.folds, seed: v.seed, simulatedThreads: v.simulatedThreads, dependence: v.dependence,
            dependenceReason: v.dependenceReason, figures: figures(v.figures), independent: v.independent.map(figures),
            costQuantiles: v.costQuantiles,
            splitTests: v.splitTests?.map {
                SplitTest(metric: $0.metric, trainingP50: $0.trainingP50, heldOutP50: $0.heldOutP50, ks: $0.ks, ksP: $0.ksP)
            },
            replicatesSimulated: v.replicatesSimulated, forecastMix: v.forecastMix.map(figures))
    }
}
