/// Scratch buffers for one worker of the kernel, allocated once and reused for every batch,
/// so the hot loop allocates nothing and memory stays flat however many threads are simulated.
///
/// Not thread-safe: one workspace per worker.
public final class KernelWorkspace {
    /// Threads simulated together; sized so the buffers stay in L2 cache. The draws of a batch
    /// come from the stream law by law (all turns, then all fresh inputs, ...), so this size is
    /// part of what a seed produces: changing it changes every forecast's numbers.
    public static let batchSize = 2048

    /// The draws of one attempt round, slot by slot; the pricing pass replaces `turns` by the
    /// whole turn count it prices.
    let turns: UnsafeMutableBufferPointer<Double>
    let fresh: UnsafeMutableBufferPointer<Double>
    let output: UnsafeMutableBufferPointer<Double>
    let hitRate: UnsafeMutableBufferPointer<Double>
    let base: UnsafeMutableBufferPointer<Double>
    /// Per-thread running cost and waste of the batch.
    let cost: UnsafeMutableBufferPointer<Double>
    let waste: UnsafeMutableBufferPointer<Double>
    /// Per-thread attempts used and whether the task completed (1) or not (0).
    let attempts: UnsafeMutableBufferPointer<Double>
    let completed: UnsafeMutableBufferPointer<Double>
    /// Indices of the threads still running.
    let active: UnsafeMutableBufferPointer<Int32>
    /// Token rows of one attempt round (batch x 8), for BLAS pricing.
    let tokenRows: UnsafeMutableBufferPointer<Double>
    /// Cost of each slot's attempt in this round.
    let attemptCost: UnsafeMutableBufferPointer<Double>
    /// The pricing pass's common-case token counts per slot (cache reads, misses, output) and
    /// the last turn's context, which says whether the slot needs the general closed forms.
    let reads: UnsafeMutableBufferPointer<Double>
    let misses: UnsafeMutableBufferPointer<Double>
    let outputs: UnsafeMutableBufferPointer<Double>
    let lastContext: UnsafeMutableBufferPointer<Double>
    /// Dependent draws' standard normals (up to 5 x batch), correlated in place, and one more
    /// row, the t copula's mixing normals.
    let scores: UnsafeMutableBufferPointer<Double>

    public init() {
        let n = Self.batchSize
        func doubles(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            let p = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
            p.initialize(repeating: 0)
            return p
        }
        turns = doubles(n)
        fresh = doubles(n)
        output = doubles(n)
        hitRate = doubles(n)
        base = doubles(n)
        cost = doubles(n)
        waste = doubles(n)
        attempts = doubles(n)
        completed = doubles(n)
        tokenRows = doubles(n * 8)
        attemptCost = doubles(n)
        reads = doubles(n)
        misses = doubles(n)
        outputs = doubles(n)
        lastContext = doubles(n)
        scores = doubles(n * (BehaviourDraw.allCases.count + 1))
        active = .allocate(capacity: n)
        active.initialize(repeating: 0)
    }

    deinit {
        for p in [
            turns, fresh, output, hitRate, base, cost, waste, attempts, completed, tokenRows, attemptCost, reads, misses,
            outputs, lastContext, scores,
        ] {
            p.deallocate()
        }
        active.deallocate()
    }
}
