import Foundation
import LinearAlgebra
import NumericalMethods
import ThreadStore

/// What one logged thread says about MODEL.md's per-attempt quantities.
///
/// A logged thread is taken as one attempt (logs do not mark retries; see docs/fitting.md).
public struct ThreadObservation: Sendable, Hashable {
    public var threadID: Int64
    public var developer: String
    public var startedAt: Date?
    /// `T`: requests in the thread.
    public var turns: Int
    /// `o`: mean output tokens per turn.
    public var output: Double
    /// Tokens as logged, for the fit check's cost and token comparison.
    public var tokens: TokenCounts
    public var outcome: ThreadOutcome?
    /// Least-squares pieces of this thread for the base context (see ``BaseContextFit``).
    var baseAA = 0.0
    var baseAB = 0.0
    /// True when `fresh` came from request rows; false when from thread totals.
    var fromRequests: Bool
    /// This thread's own base context, the intercept of its clean turns' context line (request
    /// rows with two or more turns before any compaction); nil otherwise.
    var ownBase: Double?
}

/// Reads the threads of one model from the store and derives per-thread `T` and `o`, and what
/// the request rows say about `s` (each thread's `s` and `u` are split in
/// `BehaviourFitter.derived`).
enum ThreadObservations {
    /// - Parameter requestsOf: the request rows of a thread (the store's `requests(threadID:)`).
    static func derive(_ threads: [ThreadRecord], requestsOf: (Int64) throws -> [RequestRecord]) throws -> [ThreadObservation] {
        var structure = RequestStructure.Accumulator()
        return try derive(threads, requestsOf: requestsOf, structure: &structure)
    }

    /// As above, also collecting the request rows' per-turn structure.
    static func derive(
        _ threads: [ThreadRecord], requestsOf: (Int64) throws -> [RequestRecord], structure: inout RequestStructure.Accumulator
    ) throws -> [ThreadObservation] {
        var out: [ThreadObservation] = []
        out.reserveCapacity(threads.count)
        for t in threads where t.turns > 0 {
            let requests = try requestsOf(t.id)
            var obs = ThreadObservation(
                threadID: t.id, developer: t.developer ?? "unknown", startedAt: t.startedAt, turns: t.turns,
                output: Double(t.tokens.output) / Double(t.turns), tokens: t.tokens, outcome: t.outcome,
                fromRequests: !requests.isEmpty)
            if !requests.isEmpty {
                fillFromRequests(&obs, requests)
                structure.add(
                    context: requests.map { Double($0.tokens.totalInput) }, output: requests.map { Double($0.tokens.output) },
                    cacheRead: requests.map { Double($0.tokens.cacheRead) })
            }
            out.append(obs)
        }
        return out
    }

    /// Turn k sends c_k = s + u k + o (k - 1); so c_k - c_{k-1} - o_{k-1} is the fresh input of
    /// turn k. An increment below zero means the context was compacted or cleared (or a
    /// sub-agent's own context came in between): the base-context regression uses only the turns
    /// before the first one. `u` itself is not the mean of the increments but the one that gives
    /// back the thread's logged input (`BehaviourFitter.derived`; docs/fitting.md).
    static func fillFromRequests(_ obs: inout ThreadObservation, _ requests: [RequestRecord]) {
        let c = requests.map { Double($0.tokens.totalInput) }
        let o = requests.map { Double($0.tokens.output) }
        obs.turns = requests.count
        obs.output = Stats.mean(o)
        var clean = c.count  // turns before the first compaction
        for k in 1..<max(c.count, 1) where c[k] - c[k - 1] - o[k - 1] < 0 {
            clean = k
            break
        }
        // y_k = c_k - Σ_{j<k} o_j = s + u k. With a slope of its own per thread, projecting the
        // slope out (Frisch–Waugh–Lovell) leaves y - k Σky/Σk² = s (1 - k Σk/Σk²): one column,
        // whose pieces add up over threads.
        guard clean >= 2 else { return }
        var y: [Double] = [], acc = 0.0
        for k in 0..<clean { y.append(c[k] - acc); acc += o[k] }
        let ks = (1...clean).map(Double.init)
        let skk = Stats.sum(ks.map { $0 * $0 }), sk = Stats.sum(ks), sky = Stats.sum(zip(ks, y).map { $0 * $1 })
        for (k, yk) in zip(ks, y) {
            let a = 1 - k * sk / skk, b = yk - k * sky / skk
            obs.baseAA += a * a
            obs.baseAB += a * b
        }
        // The thread's own line y = s + u k: its intercept is this thread's base context.
        let n = Double(clean), kbar = sk / n, ybar = Stats.sum(y) / n
        let sxx = skk - n * kbar * kbar
        if sxx > 0 {
            let slope = (sky - n * kbar * ybar) / sxx
            let intercept = ybar - slope * kbar
            if intercept > 0 { obs.ownBase = intercept }
        }
    }
}

/// The base context `s` by least squares.
enum BaseContextFit {
    enum Method: String, Codable, Sendable { case requests, threadTotals = "thread_totals" }

    /// From request rows when any thread has two or more clean turns, else from thread totals.
    static func estimate(_ threads: [ThreadObservation]) throws(FittingError) -> (value: Double, method: Method, rows: Int) {
        let usable = threads.filter { $0.baseAA > 0 }
        if !usable.isEmpty {
            // Σ_threads Σ_k a b / Σ a²: the one-column least squares, solved through LAPACK on the
            // per-thread pieces (√(Σa²), Σab/√(Σa²)) which give the same normal equations.
            let a = usable.map { $0.baseAA.squareRoot() }
            let b = usable.map { $0.baseAB / $0.baseAA.squareRoot() }
            if let s = try? LAPACK.leastSquares(Matrix(rows: a.count, columns: 1, elements: a), b).first {
                return (s, .requests, usable.count)
            }
        }
        return try fromTotals(threads)
    }

    /// I - o T(T-1)/2 = s T + u T(T+1)/2 over threads. Divided by T(T+1)/2 this reads
    /// z = s * 2/(T+1) + u: a straight line in 2/(T+1) whose slope is `s` and whose errors are
    /// the threads' own deviations of `u` from the mean, of equal size whatever T (undivided,
    /// the long threads' errors would swamp `s`).
    static func fromTotals(_ threads: [ThreadObservation]) throws(FittingError) -> (value: Double, method: Method, rows: Int) {
        var rows: [Double] = [], rhs: [Double] = []
        for t in threads {
            let T = Double(t.turns), w = T * (T + 1) / 2
            rows.append(2 / (T + 1)); rows.append(1)
            rhs.append((Double(t.tokens.totalInput) - t.output * T * (T - 1) / 2) / w)
        }
        guard rhs.count >= 2 else {
            throw .baseContextNeedsTwoThreads
        }
        do {
            let x = try LAPACK.leastSquares(Matrix(rows: rhs.count, columns: 2, elements: rows), rhs)
            return (max(x[0], 0), .threadTotals, rhs.count)
        } catch {
            throw .baseContextConfounded(turns: threads.first?.turns ?? 0)
        }
    }

    /// Splits each thread's totals into its own base context and fresh input per turn.
    ///
    /// Thread totals give one equation per thread, z = s a + u with z = (I - o T(T-1)/2) / (T(T+1)/2)
    /// and a = 2/(T+1), for two unknowns. Real threads differ in both: a constant `s` puts
    /// every thread's own base context into `u`, which the division by T(T+1)/2 turns into
    /// negative `u` for a third of real threads and a heavy upper tail for the rest
    /// (docs/fitting.md, "Base context per thread"). So the spread of the residuals is split
    /// by variance components: r² ≈ V_s a² + V_u across threads (least squares), and each
    /// thread's residual r is shared in proportion, s_i = s + f r / a, u_i = ū + (1 - f) r with
    /// f = V_s a² / (V_s a² + V_u). Each thread's own z is kept exactly, so its input tokens
    /// are reproduced; values below zero are moved wholly to the other unknown.
    struct TotalsSplit {
        var base: Double
        var fresh: Double
        var baseVariance: Double
        var freshVariance: Double

        init(_ threads: [ThreadObservation], base s: Double) {
            base = s
            let rows = threads.map { t -> (a: Double, z: Double) in
                let T = Double(t.turns)
                return (2 / (T + 1), (Double(t.tokens.totalInput) - t.output * T * (T - 1) / 2) / (T * (T + 1) / 2))
            }
            fresh = rows.isEmpty ? 0 : Stats.mean(rows.map { $0.z - s * $0.a })
            // r² = V_s a² + V_u by the 2 x 2 normal equations.
            var s11 = 0.0, s12 = 0.0, s22 = 0.0, b1 = 0.0, b2 = 0.0
            for (a, z) in rows {
                let r = z - s * a - fresh, x = a * a
                s11 += x * x; s12 += x; s22 += 1; b1 += x * r * r; b2 += r * r
            }
            let det = s11 * s22 - s12 * s12
            var vs = 0.0, vu = 0.0
            if det > 0 {
                vs = (b1 * s22 - s12 * b2) / det
                vu = (s11 * b2 - s12 * b1) / det
            }
            // A negative component means the data show none of that spread.
            if vs <= 0 && vu <= 0 { vs = 0; vu = 1 }
            baseVariance = max(vs, 0)
            freshVariance = max(vu, 0)
        }

        /// This thread's (s_i, u_i).
        func apply(_ t: ThreadObservation) -> (base: Double, fresh: Double) {
            let T = Double(t.turns), a = 2 / (T + 1)
            let z = (Double(t.tokens.totalInput) - t.output * T * (T - 1) / 2) / (T * (T + 1) / 2)
            let r = z - base * a - fresh
            let vs = baseVariance * a * a
            let f = vs + freshVariance > 0 ? vs / (vs + freshVariance) : 0
            var s = base + f * r / a, u = fresh + (1 - f) * r
            if u < 0 { u = 0; s = z / a }
            if s < 0 { s = 0; u = max(z, 0) }
            return (s, u)
        }
    }

    /// Per-thread `u` from thread totals and `s`: (I - s T - o T(T-1)/2) / (T(T+1)/2).
    static func freshFromTotals(_ t: ThreadObservation, base s: Double) -> Double {
        let T = Double(t.turns)
        return (Double(t.tokens.totalInput) - s * T - t.output * T * (T - 1) / 2) / (T * (T + 1) / 2)
    }

    /// This thread's (s_i, u_i) with s_i = `base` and the u_i of ``freshFromTotals(_:base:)``,
    /// which gives back its logged input through MODEL.md's closed form (for one turn,
    /// u = c_1 - s). A u below zero moves wholly into s, as in ``TotalsSplit/apply(_:)``.
    static func reproducingTotals(_ t: ThreadObservation, base: Double) -> (base: Double, fresh: Double) {
        let u = freshFromTotals(t, base: base)
        guard u < 0 else { return (base, u) }
        let T = Double(t.turns)
        return (max((Double(t.tokens.totalInput) - t.output * T * (T - 1) / 2) / T, 0), 0)
    }

    /// The cache hit rate of a thread: cache_read / R with R = I - N the re-sent input and
    /// N = s + u T + o (T - 1) the input sent for the first time. nil when nothing was re-sent.
    static func hitRate(_ t: ThreadObservation, base s: Double, fresh u: Double) -> Double? {
        let T = Double(t.turns)
        guard T >= 2 else { return nil }
        let firstTime = s + u * T + t.output * (T - 1)
        let resent = Double(t.tokens.totalInput) - firstTime
        guard resent > 0 else { return nil }
        return min(max(Double(t.tokens.cacheRead) / resent, 0), 1)
    }
}
