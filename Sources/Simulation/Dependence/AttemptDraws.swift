import Distributions
import LinearAlgebra

/// The draw stage of an attempt round: `T, u, o, h, s` for `count` running threads.
///
/// Independent draws call each law's `fill` (unchanged since the first kernel). Dependent
/// draws take `5 x count` standard normals, multiply them by the copula's Cholesky factor in
/// one GEMM (`Yᵀ = L Zᵀ`, the scores of draw `c` contiguous in row `c`), and map each row
/// through its law's ``NormalScoreMap`` (a t copula first divides each attempt's five by one
/// draw of sqrt(W/ν) and maps them to normal scores, ``DrawDependence``). With ``ThreadBehaviour/cacheHitGivenTurns`` set, `h`
/// is that law's closed form of the attempt's turns and a normal score (fresh, or the copula's).
public enum AttemptDraws {
    static func fill(
        _ b: ThreadBehaviour, count n: Int, rng: inout RandomStream,
        turns: UnsafeMutableBufferPointer<Double>, fresh: UnsafeMutableBufferPointer<Double>,
        output: UnsafeMutableBufferPointer<Double>, hitRate: UnsafeMutableBufferPointer<Double>,
        base: UnsafeMutableBufferPointer<Double>, scores: UnsafeMutableBufferPointer<Double>,
        correlated: UnsafeMutableBufferPointer<Double>
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
        let d = BehaviourDraw.allCases.count
        guard n > 0, let z = scores.baseAddress, let y = correlated.baseAddress else { return }
        rng.fillStandardNormals(UnsafeMutableBufferPointer(start: z, count: d * n))
        dependence.factor.withUnsafeBufferPointer { l in
            if let lp = l.baseAddress { BLAS.gemm(m: d, n: n, k: d, a: lp, b: z, c: y) }
        }
        if dependence.degreesOfFreedom != nil {
            // The t copula's mixing normals after the five rows, so the Gaussian copula's
            // draws are unchanged by its existence.
            let mixing = UnsafeMutableBufferPointer(start: z + d * n, count: n)
            rng.fillStandardNormals(mixing)
            dependence.studentise(y, count: n, mixing: mixing)
        }
        let hitColumn = BehaviourDraw.cacheHitRate.index
        for (c, target) in [turns, fresh, output, hitRate, base].enumerated() {
            let row = UnsafeBufferPointer(start: y + c * n, count: n)
            let into = UnsafeMutableBufferPointer(rebasing: target[0..<n])
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
                base: ws.base, scores: ws.scores, correlated: ws.correlated)
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
