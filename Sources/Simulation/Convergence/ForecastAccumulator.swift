import Foundation
import LinearAlgebra

/// Runs a forecast's trials in batches, continuing the trial index, so that a run can grow until
/// its estimates are precise enough.
///
/// Trial `t` always draws from substream `t` and trials are grouped into the same chunks of
/// ``TrialRunner/chunkSize`` as a plain run (batches end on chunk boundaries), so
/// ``forecast()`` after extending to `N` trials is the same, to the bit, as
/// `DeveloperForecaster.run` with `trials = N`.
public final class ForecastAccumulator {
    public let spec: DeveloperForecastSpec
    private let runner: TrialRunner
    private var annual: [Double] = []
    private var monthly: [Double] = []
    private var modelAnnual: [Double] = []
    private var chunkTotals: [[ThreadTotals]] = []
    private var sample: [[Double]]
    private var elapsed = 0.0

    /// - Parameter spec: the forecast; its `trials` is ignored (see ``extend(to:progress:)``).
    public init(spec: DeveloperForecastSpec) throws(LAPACK.Failure) {
        self.spec = spec
        runner = try TrialRunner(spec)
        sample = Array(repeating: [], count: spec.models.count)
    }

    /// Trials simulated so far.
    public var trials: Int { annual.count }

    /// Spend over the horizon of every trial so far, in trial order.
    public var annualByTrial: [Double] { annual }

    /// The batch sizes are rounded so that batches end on chunk boundaries; a count that is not
    /// a multiple of the chunk size can only be the last.
    public static func aligned(_ n: Int) -> Int {
        let c = TrialRunner.chunkSize
        return (n + c - 1) / c * c
    }

    /// Simulates trials `trials..<total`.
    /// - Precondition: the current count is a multiple of the chunk size (see ``aligned(_:)``).
    /// - Complexity: the new trials' simulation only, as in ``DeveloperForecaster``; earlier trials
    ///   are kept, not rerun.
    public func extend(to total: Int, progress: (@Sendable (Int) -> Void)? = nil) {
        let start = trials
        guard total > start else { return }
        let clock = Stopwatch()
        let monthCount = spec.calendar.months.count
        let modelCount = spec.models.count

        // The kernel writes trial t at index t; give it buffers covering 0..<total.
        let annualBuffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: total)
        let monthlyBuffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: total * monthCount)
        let modelBuffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: total * modelCount)
        defer { annualBuffer.deallocate(); monthlyBuffer.deallocate(); modelBuffer.deallocate() }
        nonisolated(unsafe) let a = annualBuffer, m = monthlyBuffer, md = modelBuffer
        let spec = self.spec, runner = self.runner, sampleSoFar = sample
        let chunks = runner.forEachChunk(of: start..<total, progress: progress) { chunk, range in
            var totals = Array(repeating: ThreadTotals(), count: modelCount)
            var s = chunk == 0 ? sampleSoFar : Array(repeating: [Double](), count: modelCount)
            DeveloperForecaster.simulateChunk(
                spec, runner: runner, trials: range, annual: a, monthly: m, modelAnnual: md,
                totals: &totals, sample: &s, collectSample: chunk == 0)
            return (totals: totals, sample: s, first: chunk == 0)
        }
        annual += Array(annualBuffer[start..<total])
        monthly += Array(monthlyBuffer[(start * monthCount)..<(total * monthCount)])
        modelAnnual += Array(modelBuffer[(start * modelCount)..<(total * modelCount)])
        for c in chunks {
            chunkTotals.append(c.totals)
            if c.first { sample = c.sample }
        }
        elapsed += clock.seconds
    }

    /// The forecast of the trials so far, summarised exactly as ``DeveloperForecaster/run(_:capture:progress:)`` does.
    /// - Complexity: O(trials log trials) for the summaries (sorts), O(trials x months) sums.
    public func forecast() -> DeveloperForecast {
        let trials = self.trials
        let monthCount = spec.calendar.months.count
        let modelCount = spec.models.count
        var totalsByModel = Array(repeating: ThreadTotals(), count: modelCount)
        for c in chunkTotals { for j in 0..<modelCount { totalsByModel[j].add(c[j]) } }
        var overall = ThreadTotals()
        for t in totalsByModel { overall.add(t) }
        let monthSummaries = (0..<monthCount).map { m in SpendSummary((0..<trials).map { monthly[$0 * monthCount + m] }) }
        let modelForecasts = spec.models.enumerated().map { j, model in
            ModelForecast(
                name: model.name, priceKey: model.price.model, totals: totalsByModel[j],
                annual: SpendSummary((0..<trials).map { modelAnnual[$0 * modelCount + j] }),
                threadCost: SpendSummary(sample[j]), medianThreadMinutes: model.behaviour.medianThreadMinutes)
        }
        return DeveloperForecast(
            trials: trials, seed: spec.seed, months: spec.calendar.months, annualByTrial: annual,
            annual: SpendSummary(annual), monthly: monthSummaries, totals: overall, models: modelForecasts,
            elapsedSeconds: elapsed)
    }
}
