import Distributions
import LinearAlgebra

/// The simulation core: what every simulator (``DeveloperForecaster``, ``PlanComparator``,
/// ``TeamForecaster``, ``ForecastAccumulator``) does around its own trials.
///
/// It starts the clock, keeps BLAS to one thread (the chunks are the parallelism), factors the
/// shared draws' correlation once (``SharedDraws``), cuts the trials into chunks of
/// ``chunkSize`` that ``ParallelLoop`` hands to the workers, each chunk's result in its own
/// slot (``ResultSlots``), and gives each trial its ``TrialSetup``: trial `t` draws only from
/// `root.substream(t)`, first the chunk's correlated shared normals, then one replicate per
/// fitted model, so every simulator sees the same shared draws for the same seed and the
/// numbers do not depend on the worker count.
struct TrialRunner: Sendable {
    /// Trials per unit of parallel work: large enough to amortise a workspace, small enough to
    /// balance two cores.
    static let chunkSize = 16

    let shared: SharedDraws
    /// Every trial's stream is a child of this one (``RandomStream/substream(_:)``).
    let root: RandomStream
    let models: [PricedModel]
    let uncertainty: [BehaviourUncertainty]
    /// Per model: fitted behaviour replicates, one picked per trial; empty for none.
    let replicates: [[ThreadBehaviour]]
    /// Parallel workers; nil for every core.
    let workers: Int?
    let clock = Stopwatch()

    /// - Throws: `LAPACK.Failure.notPositiveDefinite` for inconsistent correlations.
    init(
        models: [PricedModel], uncertainty: [BehaviourUncertainty], replicates: [[ThreadBehaviour]],
        priceCorrelation: Double, seed: UInt64, workers: Int?
    ) throws(LAPACK.Failure) {
        BLAS.setThreadCount(1)
        shared = try SharedDraws(uncertainties: uncertainty, priceCorrelation: priceCorrelation)
        root = RandomStream(seed: seed)
        self.models = models
        self.uncertainty = uncertainty
        self.replicates = replicates
        self.workers = workers
    }

    /// Seconds since the runner was made.
    var elapsedSeconds: Double { clock.seconds }

    /// The chunks of `trials` (whose start is a multiple of ``chunkSize``): chunk `c` holds
    /// trials `c * chunkSize ..< min(end, (c + 1) * chunkSize)`.
    static func chunks(of trials: Range<Int>) -> Range<Int> {
        precondition(trials.lowerBound % chunkSize == 0, "chunks start on a chunk boundary")
        return (trials.lowerBound / chunkSize)..<((trials.upperBound + chunkSize - 1) / chunkSize)
    }

    /// Runs `body(chunk, trials of the chunk)` for every chunk of `trials` on the workers and
    /// returns the results in chunk order; `progress` is told each chunk's trial count as it ends.
    func forEachChunk<Result>(
        of trials: Range<Int>, progress: (@Sendable (Int) -> Void)? = nil,
        _ body: @Sendable (_ chunk: Int, _ trials: Range<Int>) -> Result
    ) -> [Result] {
        let chunks = Self.chunks(of: trials)
        let slots = ResultSlots<Result?>(count: chunks.count, initial: nil)
        BLAS.setThreadCount(1)
        ParallelLoop.run(iterations: chunks.count, workers: workers) { k in
            let chunk = chunks.lowerBound + k
            let lo = chunk * Self.chunkSize, hi = min(trials.upperBound, lo + Self.chunkSize)
            slots[k] = body(chunk, lo..<hi)
            progress?(hi - lo)
        }
        return (0..<chunks.count).map { slots[$0]! }
    }

    /// Runs `body(i)` for `0..<iterations` on the workers (work that is not trials: tables).
    func parallel(iterations: Int, _ body: @Sendable (Int) -> Void) {
        ParallelLoop.run(iterations: iterations, workers: workers, body)
    }

    /// Calls `body` with the setup of every trial of `trials` in order: the chunk's shared
    /// normals are drawn first, one row per trial (one GEMM), from `root.substream(t)`.
    /// - Parameter root: nil for the runner's; another for trials of a separate sequence
    ///   (the plan comparison's break-even scan).
    func forEachTrial(in trials: Range<Int>, root: RandomStream? = nil, _ body: (TrialSetup) -> Void) {
        let root = root ?? self.root
        var streams = trials.map { root.substream(UInt64($0)) }
        var normals: [Double] = []
        shared.draw(rows: trials.count, streams: &streams, into: &normals)
        let k = shared.dimension
        for (row, t) in trials.enumerated() {
            body(
                TrialSetup(
                    trial: t, stream: streams[row], normals: normals[(row * k)..<((row + 1) * k)], models: models,
                    replicates: replicates, uncertainty: uncertainty, shared: shared, root: root))
        }
    }
}
