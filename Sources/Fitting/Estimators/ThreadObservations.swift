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
    /// `u`: mean fresh input tokens per turn; nil when it cannot be told apart from `s`.
    public var fresh: Double?
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
}

/// Reads the threads of one model from the store and derives per-thread `T`, `u`, `o`.
enum ThreadObservations {
    /// - Parameter requestsOf: the request rows of a thread (the store's `requests(threadID:)`).
    static func derive(_ threads: [ThreadRecord], requestsOf: (Int64) throws -> [RequestRecord]) throws -> [ThreadObservation] {
        var out: [ThreadObservation] = []
        out.reserveCapacity(threads.count)
        for t in threads where t.turns > 0 {
            let requests = try requestsOf(t.id)
            var obs = ThreadObservation(
                threadID: t.id, developer: t.developer ?? "unknown", startedAt: t.startedAt, turns: t.turns, fresh: nil,
                output: Double(t.tokens.output) / Double(t.turns), tokens: t.tokens, outcome: t.outcome, fromRequests: !requests.isEmpty)
            if !requests.isEmpty { fillFromRequests(&obs, requests) }
            out.append(obs)
        }
        return out
    }

    /// Turn k sends c_k = s + u k + o (k - 1); so c_k - c_{k-1} - o_{k-1} is the fresh input of
    /// turn k. Increments below zero mean the context was compacted or cleared: those steps are
    /// left out of `u`, and the base-context regression uses only the turns before the first one.
    static func fillFromRequests(_ obs: inout ThreadObservation, _ requests: [RequestRecord]) {
        let c = requests.map { Double($0.tokens.totalInput) }
        let o = requests.map { Double($0.tokens.output) }
        obs.turns = requests.count
        obs.output = Stats.mean(o)
        var increments: [Double] = []
        var clean = c.count  // turns before the first compaction
        for k in 1..<max(c.count, 1) {
            let d = c[k] - c[k - 1] - o[k - 1]
            if d < 0 { clean = min(clean, k); continue }
            increments.append(d)
        }
        if !increments.isEmpty { obs.fresh = Stats.mean(increments) }
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
            throw .notIdentifiable("the base context needs at least two threads with different turn counts")
        }
        do {
            let x = try LAPACK.leastSquares(Matrix(rows: rhs.count, columns: 2, elements: rows), rhs)
            return (max(x[0], 0), .threadTotals, rhs.count)
        } catch {
            throw .notIdentifiable("the base context cannot be told apart from fresh input: every thread has the same number of turns (\(threads.first?.turns ?? 0)); log request rows or threads of different lengths")
        }
    }

    /// Per-thread `u` from thread totals and `s`: (I - s T - o T(T-1)/2) / (T(T+1)/2).
    static func freshFromTotals(_ t: ThreadObservation, base s: Double) -> Double {
        let T = Double(t.turns)
        return (Double(t.tokens.totalInput) - s * T - t.output * T * (T - 1) / 2) / (T * (T + 1) / 2)
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
