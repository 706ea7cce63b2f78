import Distributions
import Foundation
import LinearAlgebra
import NumericalMethods

/// Runs a ``DeveloperForecastSpec``: trials in parallel over the cores, each trial a developer's
/// horizon of working days, threads and attempts.
///
/// **Reproducibility.** Trial `t` draws only from `RandomStream(seed).substream(t)`, writes only
/// its own slots, and sums over trials are taken in trial order afterwards, so the numbers are
/// the same whatever the core count or scheduling (``TrialRunner``, shared with the other
/// simulators).
///
/// **Per trial.** Shared draws first (behaviour shifts and price paths, correlated through
/// ``SharedDraws``), then the developer's own mean threads per day, then each working day's
/// count, each thread's model by the mix, and the threads themselves through ``ThreadKernel``,
/// each model's from its own child stream (``ThreadStreams``).
public enum DeveloperForecaster {
    /// Runs the spec's trials.
    ///
    /// - Complexity: O(trials x threads per trial x attempts per thread) kernel draws, spread over
    ///   `spec.workers` cores; memory O(trials x (months + models)) for the per-trial sums.
    /// - Parameters:
    ///   - progress: called with the number of trials just finished (from any thread).
    ///   - capture: when given, receives each trial's shared draws (for sensitivity analysis);
    ///     the numbers are the same with or without it.
    public static func run(
        _ spec: DeveloperForecastSpec, capture: TrialDrawCapture? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) throws(LAPACK.Failure) -> DeveloperForecast {
        let runner = try TrialRunner(spec)
        let trials = spec.trials
        let monthCount = spec.calendar.months.count
        let modelCount = spec.models.count

        let annual = UnsafeMutableBufferPointer<Double>.allocate(capacity: trials)
        let monthly = UnsafeMutableBufferPointer<Double>.allocate(capacity: trials * monthCount)
        let modelAnnual = UnsafeMutableBufferPointer<Double>.allocate(capacity: trials * modelCount)
        defer { annual.deallocate(); monthly.deallocate(); modelAnnual.deallocate() }

        nonisolated(unsafe) let annualOut = annual, monthlyOut = monthly, modelOut = modelAnnual
        let chunks = runner.forEachChunk(of: 0..<trials, progress: progress) { chunk, range in
            var totals = Array(repeating: ThreadTotals(), count: modelCount)
            var sample = Array(repeating: [Double](), count: modelCount)
            simulateChunk(
                spec, runner: runner, trials: range, annual: annualOut, monthly: monthlyOut,
                modelAnnual: modelOut, totals: &totals, sample: &sample, collectSample: chunk == 0, capture: capture)
            return (totals: totals, sample: sample)
        }

        var totalsByModel = Array(repeating: ThreadTotals(), count: modelCount)
        for c in chunks { for j in 0..<modelCount { totalsByModel[j].add(c.totals[j]) } }
        var overall = ThreadTotals()
        for t in totalsByModel { overall.add(t) }
        let sample = chunks.first?.sample ?? Array(repeating: [], count: modelCount)

        let annualValues = Array(annual)
        let monthSummaries = (0..<monthCount).map { m in
            SpendSummary((0..<trials).map { monthly[$0 * monthCount + m] })
        }
        let modelForecasts = spec.models.enumerated().map { j, model in
            ModelForecast(
                name: model.name, priceKey: model.price.model, totals: totalsByModel[j],
                annual: SpendSummary((0..<trials).map { modelAnnual[$0 * modelCount + j] }),
                threadCost: SpendSummary(sample[j]),
                medianThreadMinutes: model.behaviour.medianThreadMinutes)
        }
        return DeveloperForecast(
            trials: trials, seed: spec.seed, months: spec.calendar.months, annualByTrial: annualValues,
            annual: SpendSummary(annualValues), monthly: monthSummaries, totals: overall,
            models: modelForecasts, elapsedSeconds: runner.elapsedSeconds)
    }

    static func simulateChunk(
        _ spec: DeveloperForecastSpec, runner: TrialRunner, trials: Range<Int>,
        annual: UnsafeMutableBufferPointer<Double>, monthly: UnsafeMutableBufferPointer<Double>,
        modelAnnual: UnsafeMutableBufferPointer<Double>, totals: inout [ThreadTotals],
        sample: inout [[Double]], collectSample: Bool, capture: TrialDrawCapture? = nil
    ) {
        let workspace = KernelWorkspace()
        let monthCount = spec.calendar.months.count
        let modelCount = spec.models.count
        let cumulativeMix = ThreadMix.cumulative(spec.mix)
        var counts = [Int](repeating: 0, count: modelCount)

        // A fitted model runs each trial on one bootstrap replicate of its behaviour (setup.models).
        runner.forEachTrial(in: trials) { setup in
            let t = setup.trial
            var rng = setup.stream
            let developerMean = spec.demand.drawDeveloperMean(using: &rng)
            var modelRngs = ThreadStreams.children(of: setup.stream, models: modelCount)
            capture?.record(trial: t, normals: setup.normals, developerMean: developerMean)
            var trialTotal = CompensatedSum()
            for j in 0..<modelCount { modelAnnual[t * modelCount + j] = 0 }

            for m in 0..<monthCount {
                var threads = 0
                for _ in 0..<spec.calendar.workingDays[m] {
                    threads += spec.demand.drawDay(mean: developerMean, using: &rng)
                }
                ThreadMix.split(threads, cumulative: cumulativeMix, counts: &counts, rng: &rng)
                var monthTotal = CompensatedSum()
                for j in 0..<modelCount where counts[j] > 0 {
                    let multiplier = spec.pricePaths[j].isFlat ? 1 : spec.pricePaths[j].multiplier(month: m, z: setup.priceZ[j])
                    var modelTotals = ThreadTotals()
                    let room = collectSample ? spec.threadSampleCap - sample[j].count : 0
                    var kept: [Double] = []
                    ThreadKernel.simulate(
                        setup.models[j], trial: setup.behaviours[j], count: counts[j], rng: &modelRngs[j],
                        workspace: workspace, totals: &modelTotals, mode: spec.pricingMode,
                        perBatch: room > 0
                            ? { view in
                                kept.append(contentsOf: view.cost.prefix(max(0, room - kept.count)).map { $0 * multiplier })
                            } : nil)
                    if room > 0 { sample[j].append(contentsOf: kept) }
                    if multiplier != 1 { modelTotals.scaleMoney(by: multiplier) }
                    let cost = modelTotals.cost.value
                    monthTotal.add(cost)
                    modelAnnual[t * modelCount + j] += cost
                    totals[j].add(modelTotals)
                }
                monthly[t * monthCount + m] = monthTotal.value
                trialTotal.add(monthTotal)
            }
            annual[t] = trialTotal.value
        }
    }
}

extension TrialRunner {
    /// The runner of a developer forecast.
    init(_ spec: DeveloperForecastSpec) throws(LAPACK.Failure) {
        try self.init(
            models: spec.models, uncertainty: spec.uncertainty, replicates: spec.behaviourReplicates,
            priceCorrelation: spec.priceCorrelation, seed: spec.seed, workers: spec.workers)
    }
}
