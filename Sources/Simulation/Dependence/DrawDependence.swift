import Distributions
import Foundation
import LinearAlgebra

/// Why a correlation structure was refused: one case per broken rule, each a sentence with
/// the fix (the scenario layer prefixes file:line:column).
public enum DependenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A correlation outside [-1, 1] (or not a number).
    case outOfRange(first: String, second: String, value: Double)
    /// A name that is not one of the five draws.
    case unknownDraw(String, allowed: [String])
    /// A draw paired with itself.
    case selfPair(String)
    /// The correlations are not mutually consistent; `nearest` holds the closest valid ones.
    case notPositiveDefinite(nearest: [(String, String, Double)])
    /// A t copula's degrees of freedom below 1 or not finite.
    case degreesOfFreedom(Double)
    /// A kernel copula's scores or bandwidth are unusable (``KernelCopula``).
    case kernel(String)

    public static func == (lhs: DependenceError, rhs: DependenceError) -> Bool { lhs.description == rhs.description }

    public var description: String {
        switch self {
        case let .outOfRange(a, b, v):
            return "the correlation of \(a) and \(b) is \(v): a correlation must be between -1 and 1"
        case let .unknownDraw(name, allowed):
            return "'\(name)' is not a per-attempt draw: use one of \(allowed.joined(separator: ", "))"
        case let .selfPair(name):
            return "\(name) is paired with itself: a correlation names two different draws"
        case let .notPositiveDefinite(nearest):
            let list = nearest.map { "\($0.0).\($0.1): \(String(format: "%.3f", $0.2))" }.joined(separator: ", ")
            return
                "these correlations are not mutually consistent (the matrix is not positive definite): the nearest valid set is \(list)"
        case let .degreesOfFreedom(v):
            return
                "the t copula's degrees of freedom are \(v): use a finite number of at least 1 (larger is closer to the Gaussian copula)"
        case let .kernel(why):
            return "the kernel copula \(why): refit the model (`tokencast fit`)"
        }
    }
}

/// A Gaussian copula over the five per-attempt draws, or a t copula: the kernel draws standard
/// normals, multiplies them by the Cholesky factor of `correlation` (one TRMM per batch and
/// round) and maps each column through its law's ``NormalScoreMap``.
///
/// `correlation` is the correlation of the normal scores, Φ⁻¹ of each draw's CDF. The rank
/// correlation it gives continuous laws is Spearman's ρ_S = (6/π) asin(ρ/2).
///
/// With `degreesOfFreedom` ν set, the copula is Student's t with the same `correlation` as its
/// shape matrix: each attempt's five correlated normals are divided by one shared sqrt(W/ν),
/// W ~ χ²_ν, and turned into normal scores by ``StudentScoreMap`` before the marginal maps. The
/// shared divisor makes the draws' extremes come together (tail dependence, which the Gaussian
/// copula has none of); Kendall's τ = (2/π) asin(ρ) is the same for both.
///
/// With `kernel` set, the copula is a ``KernelCopula``: the correlated normals are its noise
/// around a logged thread's scores, and `correlation` is the correlation of those scores.
public struct DrawDependence: Sendable {
    /// 5 x 5, row-major, in ``BehaviourDraw`` order.
    public let correlation: Matrix
    /// ν of the t copula; nil for the Gaussian copula.
    public let degreesOfFreedom: Double?
    /// The kernel copula, when the dependence is one (then `degreesOfFreedom` is nil).
    public let kernel: KernelCopula?
    /// L, row-major: L times a column of standard normals has correlation `correlation`.
    let factor: [Double]
    /// One map per draw, for the laws the dependence was attached to.
    var maps: [NormalScoreMap] = []
    /// The draws the kernel scores, in ``BehaviourDraw`` order: all but those whose law is a
    /// constant (the cache hit rate always, since ``ThreadBehaviour/cacheHitGivenTurns`` reads
    /// its score), and the Cholesky factor of their correlation (`scored.count` squared,
    /// row-major). A constant is the same whatever its score, and a Gaussian or t copula's
    /// other draws keep their joint law without it (the submatrix of the correlation, with
    /// the same ν): the reference model's fixed base context cost a fifth of the normals.
    var scored: [Int] = Array(BehaviourDraw.allCases.indices)
    var scoredFactor: [Double] = []
    /// t copula: t scores to normal scores, and a standard normal to W/ν (χ²_ν / ν by its table).
    let studentMap: StudentScoreMap?
    let mixingMap: NormalScoreMap?

    /// - Parameters:
    ///   - correlation: a 5 x 5 correlation matrix in ``BehaviourDraw`` order.
    ///   - degreesOfFreedom: ν for a t copula; nil for the Gaussian copula.
    ///   - kernel: a kernel copula whose noise has this correlation (not with `degreesOfFreedom`).
    /// - Throws: ``DependenceError`` when an entry is outside [-1, 1], the matrix is not
    ///   positive definite, or ν is below 1 or not finite.
    public init(correlation: Matrix, degreesOfFreedom: Double? = nil, kernel: KernelCopula? = nil) throws(DependenceError) {
        let d = BehaviourDraw.allCases
        if kernel != nil, degreesOfFreedom != nil { throw .kernel("cannot also be a t copula") }
        self.kernel = kernel
        if let nu = degreesOfFreedom {
            guard let tables = StudentTables.shared.tables(nu) else { throw .degreesOfFreedom(nu) }
            (studentMap, mixingMap) = (tables.student, tables.mixing)
        } else {
            studentMap = nil
            mixingMap = nil
        }
        self.degreesOfFreedom = degreesOfFreedom
        precondition(correlation.rows == d.count && correlation.columns == d.count, "a 5 x 5 matrix")
        for i in 0..<d.count {
            for j in (i + 1)..<d.count {
                let v = correlation[i, j]
                guard v.isFinite, abs(v) <= 1 else { throw .outOfRange(first: d[i].rawValue, second: d[j].rawValue, value: v) }
            }
        }
        var symmetric = correlation
        for i in 0..<d.count {
            symmetric[i, i] = 1
            for j in 0..<i { symmetric[i, j] = correlation[j, i] }
        }
        let factor: Matrix
        do {
            factor = try LAPACK.cholesky(symmetric)
        } catch {
            // The offer must itself pass, as printed: keep it off the boundary (smallest
            // eigenvalue 0.01), round to three decimals, and shrink until it factors.
            var nearest = (try? LAPACK.nearestCorrelation(symmetric, floor: 0.01)) ?? Matrix.identity(d.count)
            for _ in 0..<100 {
                for i in 0..<(d.count * d.count) { nearest.elements[i] = (nearest.elements[i] * 1000).rounded() / 1000 }
                if (try? LAPACK.cholesky(nearest)) != nil { break }
                for i in 0..<d.count { for j in 0..<d.count where i != j { nearest[i, j] *= 0.99 } }
            }
            var pairs: [(String, String, Double)] = []
            for i in 0..<d.count {
                for j in (i + 1)..<d.count where symmetric[i, j] != 0 || nearest[i, j].magnitude > 5e-4 {
                    pairs.append((d[i].rawValue, d[j].rawValue, nearest[i, j]))
                }
            }
            throw .notPositiveDefinite(nearest: pairs)
        }
        self.correlation = symmetric
        self.factor = factor.elements
        self.scoredFactor = factor.elements
    }

    /// From pairs of draws (unnamed pairs are independent).
    public init(pairs: [(BehaviourDraw, BehaviourDraw, Double)], degreesOfFreedom: Double? = nil) throws(DependenceError) {
        var m = Matrix.identity(BehaviourDraw.allCases.count)
        for (a, b, v) in pairs {
            guard a != b else { throw .selfPair(a.rawValue) }
            m[a.index, b.index] = v
            m[b.index, a.index] = v
        }
        try self.init(correlation: m, degreesOfFreedom: degreesOfFreedom)
    }

    /// The copula correlation for a target Spearman rank correlation: ρ = 2 sin(π ρ_S / 6).
    public static func normalCorrelation(spearman: Double) -> Double { 2 * sin(Double.pi * spearman / 6) }

    /// Spearman's ρ_S of two continuous laws joined by normal-score correlation `rho`.
    public static func spearman(normalCorrelation rho: Double) -> Double { 6 / Double.pi * asin(rho / 2) }

    /// True when no two draws are correlated.
    public var isIndependence: Bool {
        // A t copula couples even uncorrelated draws, through its shared divisor.
        if degreesOfFreedom != nil || kernel != nil { return false }
        let n = correlation.rows
        for i in 0..<n { for j in 0..<n where i != j && correlation[i, j] != 0 { return false } }
        return true
    }

    /// Turns the correlated normals `y` (row c holds draw c's `count` scores, as the kernel's
    /// TRMM leaves them) into the t copula's normal scores: column j divided by sqrt(W_j/ν),
    /// W_j/ν the mixing map of `mixing[j]` (a standard normal per attempt), then each entry
    /// through ``StudentScoreMap``. Nothing for the Gaussian copula.
    func studentise(
        _ y: UnsafeMutablePointer<Double>, rows d: Int = BehaviourDraw.allCases.count, count n: Int,
        mixing: UnsafeMutableBufferPointer<Double>
    ) {
        guard let studentMap, let mixingMap, n > 0 else { return }
        let m = UnsafeMutableBufferPointer(rebasing: mixing[0..<n])
        mixingMap.apply(UnsafeBufferPointer(m), into: m)
        for j in 0..<n { m[j] = 1 / m[j].squareRoot() }
        for c in 0..<d {
            let row = y + c * n
            for j in 0..<n { row[j] *= m[j] }
        }
        studentMap.apply(UnsafeMutableBufferPointer(start: y, count: d * n))
    }

    /// This dependence with maps built for `behaviour`'s laws.
    func attached(to behaviour: ThreadBehaviour) -> DrawDependence {
        var copy = self
        let laws: [any UnivariateDistribution] = [
            behaviour.turns, behaviour.freshInputPerTurn, behaviour.outputPerTurn, behaviour.cacheHitRate, behaviour.baseContext,
        ]
        let hit = BehaviourDraw.cacheHitRate.index
        // With h drawn given T its law's map is never read (the score goes to
        // HitRateGivenTurns), and a beta's table was two fifths of loading a fitted scenario's
        // 200 replicates; setting `cacheHitGivenTurns` reattaches, so the map is built once it is.
        copy.maps = laws.indices.map { c in
            if c == hit, behaviour.cacheHitGivenTurns != nil, let unread = try? Constant(value: 0) {
                return NormalScoreMap(unread)
            }
            return NormalScoreMap(laws[c])
        }
        let scored = laws.indices.filter { !(laws[$0] is Constant) || $0 == hit }
        copy.scored = Array(laws.indices)
        copy.scoredFactor = factor
        if scored.count < laws.count {
            var sub = Matrix(rows: scored.count, columns: scored.count)
            for (i, a) in scored.enumerated() { for (j, b) in scored.enumerated() { sub[i, j] = correlation[a, b] } }
            // A principal submatrix of a positive definite matrix is one, so this factors; if
            // rounding ever said otherwise, every draw stays scored.
            if let l = try? LAPACK.cholesky(sub) {
                copy.scored = scored
                copy.scoredFactor = l.elements
            }
        }
        return copy
    }
}
