import Distributions

/// A kernel copula over the five per-attempt draws: the logged threads' own normal scores,
/// each attempt one of them chosen at random plus correlated Gaussian noise, so the draws
/// keep the joint shape the logs have (long threads that cache more, short threads with the
/// largest fresh input per turn) where a Gaussian copula keeps only their correlations.
///
/// A draw is z = sᵢ + b L ε: sᵢ the scores of a thread i chosen uniformly, ε standard
/// normals, L the Cholesky factor of the scores' correlation (the kernel has the data's
/// shape, so it smooths along the cloud rather than across it) and b the bandwidth. Each
/// coordinate then goes through its ``KernelScoreMap``, Φ⁻¹ of the mixture's CDF, to a standard
/// normal score, and through its law's ``NormalScoreMap`` as for the Gaussian copula: every
/// draw keeps its fitted marginal law exactly.
///
/// This is the probit-transformation kernel estimator of a copula density (Geenens,
/// Charpentier & Paindaveine 2017) with a bandwidth matrix b²R, as the fit chooses b by the
/// held-out copula score (``DrawDependence`` documents the other families).
public struct KernelCopula: Sendable {
    /// The kernel's spread in units of a normal score.
    public let bandwidth: Double
    /// Φ⁻¹ of each column's mixture CDF.
    let maps: [KernelScoreMap]
    /// The fitted threads' normal scores, draw after draw in ``BehaviourDraw`` order (5 columns
    /// of ``count``), for the draw loop.
    let flat: [Double]

    /// - Parameters:
    ///   - scores: five columns, in ``BehaviourDraw`` order, of the same length n >= 2.
    ///   - bandwidth: positive.
    /// - Throws: ``DependenceError/kernel(_:)`` naming what is wrong.
    public init(scores: [[Double]], bandwidth: Double) throws(DependenceError) {
        let d = BehaviourDraw.allCases.count
        guard scores.count == d else { throw .kernel("needs \(d) columns of scores, one per draw, not \(scores.count)") }
        let n = scores[0].count
        guard n >= 2, scores.allSatisfy({ $0.count == n }) else {
            throw .kernel("needs at least 2 threads' scores and the same number in every column")
        }
        guard bandwidth.isFinite, bandwidth > 0 else { throw .kernel("has bandwidth \(bandwidth), not a positive number") }
        var maps: [KernelScoreMap] = []
        for (c, column) in scores.enumerated() {
            do {
                maps.append(try KernelScoreMap(centres: column, bandwidth: bandwidth))
            } catch {
                throw .kernel("has unusable scores of \(BehaviourDraw.allCases[c].rawValue) (\(error))")
            }
        }
        self.bandwidth = bandwidth
        count = n
        self.maps = maps
        flat = scores.flatMap { $0 }
    }

    /// Threads the kernel chooses among.
    public let count: Int

    /// Turns the correlated normals `y` (row r holds the scores of draw `draws[r]` for `n`
    /// attempts, as the kernel's TRMM leaves them) into the copula's standard normal scores:
    /// one thread chosen per attempt from `rng` (after the normals, so the Gaussian copula's
    /// draws do not depend on this), its score added to b times the noise, and each row
    /// through its ``KernelScoreMap``.
    func apply(
        _ y: UnsafeMutablePointer<Double>, draws: [Int], count n: Int, rng: inout RandomStream
    ) {
        let m = Double(count), top = count - 1, b = bandwidth, rows = draws.map { $0 * count }
        flat.withUnsafeBufferPointer { s in
            for j in 0..<n {
                let i = min(Int(rng.uniform() * m), top)
                for (r, offset) in rows.enumerated() { y[r * n + j] = s[offset + i] + b * y[r * n + j] }
            }
        }
        for (r, c) in draws.enumerated() { maps[c].apply(UnsafeMutableBufferPointer(start: y + r * n, count: n)) }
    }
}
