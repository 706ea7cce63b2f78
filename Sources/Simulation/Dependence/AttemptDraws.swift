import Distributions
import LinearAlgebra

/// The draw stage of an attempt round: `T, u, o, h, s` for `count` running threads.
///
/// Independent draws call each law's `fill` (unchanged since the first kernel). Dependent
/// draws take `k x count` standard normals (k the draws whose law is not a constant,
/// ``DrawDependence``), multiply them by the Cholesky factor of their correlation in one TRMM
/// (`Zᵀ := L Zᵀ` in place, the scores of the r-th scored draw contiguous in row r), and map each row
/// through its law's ``NormalScoreMap`` (a t copula first divides each attempt's five by one
/// draw of sqrt(W/ν) and maps them to normal scores, ``DrawDependence``; a kernel copula adds
/// each attempt's noise to a logged thread's scores, ``KernelCopula``). With ``ThreadBehaviour/cacheHitGivenTurns`` set, `h`
/// is that law's closed form of the attempt's turns and a normal score (fresh, or the copula's).
public enum AttemptDraws {
    static func fill(
        _ b: ThreadBehaviour, count n: Int, rng: inout RandomStream,
        turns: UnsafeMutableBufferPointer<Double>, fresh: UnsafeMutableBufferPointer<Double>,
        output: UnsafeMutableBufferPointer<Double>, hitRate: UnsafeMutableBufferPointer<Double>,
        base: UnsafeMutableBufferPointer<Double>, scores: UnsafeMutableBufferPointer<Double>
    ) {
        guard let dependence = b.dependence else {
            b.turns.fill(UnsafeMutableBufferPointer(rebasing: turns[0..<n]), using: &rng)
            b.freshInputPerTurn.fill(UnsafeMutableBufferPointer(rebasing: fresh[0..<n]), using: &rng)
            b.outputPerTurn.fill(UnsafeMutableBufferPointer(rebasing: output[0..<n]), using: &rng)
            if let given = b.cacheHitGivenTurns {
                let h = UnsafeMutableBufferPointer(rebasing: hitRate[0..<n])
                rng.fillStandardNormals(h)
                given.apply(turns: UnsafeBufferPointer(rebasing: turns[0..<n]), scores: h)
            } else {
                b.cacheHitRate.fill(UnsafeMutableBufferPointer(rebasing: hitRate[0..<n]), using: &rng)
            }
            b.baseContext.fill(UnsafeMutableBufferPointer(rebasing: base[0..<n]), using: &rng)
            return
        }
        // Only the scored draws (all but constant laws) take normals: k rows of n.
        let scored = dependence.scored
        let k = scored.count
        guard n > 0, let z = scores.baseAddress else { return }
        rng.fillStandardNormals(UnsafeMutableBufferPointer(start: z, count: k * n))
        // In place, Z := L Z: a TRMM needs no second buffer to clear first, as a GEMM's
        // beta = 0 does (that clearing was 55 of the 564 instructions per thread of the
        // reference model; the time was the same).
        dependence.scoredFactor.withUnsafeBufferPointer { l in
            if let lp = l.baseAddress { BLAS.lowerTriangularMultiply(m: k, n: n, l: lp, b: z) }
        }
        let y = z
        if let kernel = dependence.kernel {
            // The kernel copula's thread choices after the normals, as the t copula's mixing.
            kernel.apply(y, draws: scored, count: n, rng: &rng)
        } else if dependence.degreesOfFreedom != nil {
            // The t copula's mixing normals after the scored rows, so the Gaussian copula's
            // draws are unchanged by its existence.
            let mixing = UnsafeMutableBufferPointer(start: z + k * n, count: n)
            rng.fillStandardNormals(mixing)
            dependence.studentise(y, rows: k, count: n, mixing: mixing)
        }
        let hitColumn = BehaviourDraw.cacheHitRate.index
        var r = 0
        // In draw order: h given T reads the turns, mapped first.
        for (c, target) in [turns, fresh, output, hitRate, base].enumerated() {
            let into = UnsafeMutableBufferPointer(rebasing: target[0..<n])
            guard r < k, scored[r] == c else {
                // A constant: its value, whatever the score.
                dependence.maps[c].apply(UnsafeBufferPointer(start: y, count: n), into: into)
                continue
            }
            let row = UnsafeBufferPointer(start: y + r * n, count: n)
            r += 1
            if c == hitColumn, let given = b.cacheHitGivenTurns {
                // The copula's score of h is the z of h given T (turns, row 0, are mapped already).
                for j in 0..<n { into[j] = row[j] }
                given.apply(turns: UnsafeBufferPointer(rebasing: turns[0..<n]), scores: into)
            } else {
                dependence.maps[c].apply(row, into: into)
            }
        }
    }

    /// One attempt's draws for `count` threads, as the kernel draws them (batches of
    /// ``KernelWorkspace/batchSize``), in arrays: for checks that need per-thread turns and
    /// tokens, not only money.
    public static func sample(
        _ b: ThreadBehaviour, count: Int, rng: inout RandomStream
    ) -> (turns: [Double], fresh: [Double], output: [Double], hitRate: [Double], base: [Double]) {
        let ws = KernelWorkspace()
        var out: ([Double], [Double], [Double], [Double], [Double]) = ([], [], [], [], [])
        var remaining = count
        while remaining > 0 {
            let n = min(remaining, KernelWorkspace.batchSize)
            fill(
                b, count: n, rng: &rng, turns: ws.turns, fresh: ws.fresh, output: ws.output, hitRate: ws.hitRate,
                base: ws.base, scores: ws.scores)
            out.0 += ws.turns[0..<n]
            out.1 += ws.fresh[0..<n]
            out.2 += ws.output[0..<n]
            out.3 += ws.hitRate[0..<n]
            out.4 += ws.base[0..<n]
            remaining -= n
        }
        return out
    }
}
