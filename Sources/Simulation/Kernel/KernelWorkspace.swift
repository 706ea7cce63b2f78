/// Scratch buffers for one worker of the kernel, allocated once and reused for every batch,
/// so the hot loop allocates nothing and memory stays flat however many threads are simulated.
///
/// Not thread-safe: one workspace per worker.
public final class KernelWorkspace {
    /// Threads simulated together; sized so the buffers stay in L2 cache.
    public static let batchSize = 2048

    let turns: UnsafeMutableBufferPointer<Double>
    let fresh: UnsafeMutableBufferPointer<Double>
    let output: UnsafeMutableBufferPointer<Double>
    let hitRate: UnsafeMutableBufferPointer<Double>
    let base: UnsafeMutableBufferPointer<Double>
    let uniform: UnsafeMutableBufferPointer<Double>
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
    let attemptCost: UnsafeMutableBufferPointer<Double>
    /// Standard normals and their correlated images (5 x batch), for dependent draws.
    let scores: UnsafeMutableBufferPointer<Double>
    let correlated: UnsafeMutableBufferPointer<Double>

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
        uniform = doubles(n)
        cost = doubles(n)
        waste = doubles(n)
        attempts = doubles(n)
        completed = doubles(n)
        tokenRows = doubles(n * 8)
        attemptCost = doubles(n)
        scores = doubles(n * BehaviourDraw.allCases.count)
        correlated = doubles(n * BehaviourDraw.allCases.count)
        active = .allocate(capacity: n)
        active.initialize(repeating: 0)
    }

    deinit {
        for p in [
            turns, fresh, output, hitRate, base, uniform, cost, waste, attempts, completed, tokenRows, attemptCost, scores,
            correlated,
        ] {
            p.deallocate()
        }
        active.deallocate()
    }
}
