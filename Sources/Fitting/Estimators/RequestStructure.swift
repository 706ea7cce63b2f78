import Foundation
import NumericalMethods

/// MODEL.md's per-turn form tested against request rows: how the context grows from turn to
/// turn, how the cache hits per turn, and how often the context is compacted or the cache breaks.
///
/// MODEL.md takes turn k to send `c_k = s + u k + o (k - 1)`: a context that grows by the fresh
/// input `u` plus the previous turn's output, the same amount at every turn of an attempt, with
/// the re-sent part served from the cache at one rate `h`. Each figure below measures one of
/// those assumptions; ``verdicts`` says in one sentence where the data agrees and where not.
public struct RequestStructure: Sendable, Hashable, Codable {
    /// Threads with at least two requests.
    public var threads: Int
    /// Turns after the first (the increments measured).
    public var increments: Int
    /// Median first-turn context (`c_1`, what the base context would be with no fresh input yet).
    public var firstTurnContext: Double
    /// Median fresh input per turn, `c_k - c_{k-1} - o_{k-1}`, in a thread's first and second half.
    public var freshEarly: Double
    public var freshLate: Double
    /// Median per-turn cache hit rate, `cache_read_k / (c_{k-1} + o_{k-1})`, in the first and second half.
    public var hitEarly: Double
    public var hitLate: Double
    /// Share of threads whose context fell at least once (compaction or a cleared context).
    public var compactedThreads: Double
    /// Median context just before a fall, in tokens (nil when none fell).
    public var contextBeforeCompaction: Double?
    /// Share of turns after the first whose cache hit rate is below one half: the cache broke
    /// (expired, or the prefix changed) and the context was written again.
    public var cacheBreaks: Double
    /// One sentence per assumption: agrees, or how the data differs and what the fit does about it.
    public var verdicts: [String]

    enum CodingKeys: String, CodingKey {
        case threads, increments, verdicts
        case firstTurnContext = "first_turn_context", freshEarly = "fresh_early", freshLate = "fresh_late"
        case hitEarly = "hit_early", hitLate = "hit_late", compactedThreads = "compacted_threads"
        case contextBeforeCompaction = "context_before_compaction", cacheBreaks = "cache_breaks"
    }

    /// Collects request rows thread by thread.
    public struct Accumulator: Sendable {
        var threads = 0, compacted = 0, turns = 0, breaks = 0
        var first: [Double] = [], freshEarly: [Double] = [], freshLate: [Double] = []
        var hitEarly: [Double] = [], hitLate: [Double] = [], beforeFall: [Double] = []

        public init() {}

        /// One thread's requests in turn order: total input sent (`input + cache_read +
        /// cache_write`), output and cache reads per request.
        public mutating func add(context c: [Double], output o: [Double], cacheRead r: [Double]) {
            guard c.count >= 2, o.count == c.count, r.count == c.count else { return }
            threads += 1
            first.append(c[0])
            var fell = false
            let half = c.count / 2
            for k in 1..<c.count {
                let d = c[k] - c[k - 1] - o[k - 1]
                if c[k] < c[k - 1] {
                    fell = true
                    beforeFall.append(c[k - 1])
                    continue
                }
                turns += 1
                if k < half || c.count == 2 { freshEarly.append(d) } else { freshLate.append(d) }
                let resent = c[k - 1] + o[k - 1]
                if resent > 0 {
                    let h = min(max(r[k] / resent, 0), 1)
                    if h < 0.5 { breaks += 1 }
                    if k < half || c.count == 2 { hitEarly.append(h) } else { hitLate.append(h) }
                }
            }
            if fell { compacted += 1 }
        }

        /// The figures, or nil without a thread of two or more requests.
        public func report() -> RequestStructure? {
            guard threads > 0 else { return nil }
            func median(_ x: [Double]) -> Double { x.isEmpty ? .nan : Stats.quantile(x, 0.5) }
            var s = RequestStructure(
                threads: threads, increments: turns, firstTurnContext: median(first),
                freshEarly: median(freshEarly), freshLate: median(freshLate), hitEarly: median(hitEarly),
                hitLate: median(hitLate),
                compactedThreads: Double(compacted) / Double(threads),
                contextBeforeCompaction: beforeFall.isEmpty ? nil : median(beforeFall),
                cacheBreaks: turns > 0 ? Double(breaks) / Double(turns) : 0, verdicts: [])
            s.verdicts = s.judge()
            return s
        }
    }

    /// Where the data agrees with MODEL.md's per-turn form and where not.
    func judge() -> [String] {
        var out: [String] = []
        let ratio = freshEarly > 0 ? freshLate / freshEarly : .nan
        if ratio.isFinite && (ratio < 0.67 || ratio > 1.5) {
            out.append(
                String(
                    format:
                        "fresh input per turn is not constant within a thread: median %.0f tokens in the first half, %.0f in the second (x%.2f); MODEL.md takes u constant per attempt, so the fit uses each thread's mean, and the copula carries how u moves with T",
                    freshEarly, freshLate, ratio))
        } else if ratio.isFinite {
            out.append(
                String(
                    format:
                        "fresh input per turn holds steady within a thread (median %.0f then %.0f tokens): MODEL.md's linear context growth agrees",
                    freshEarly, freshLate))
        }
        if hitEarly.isFinite && hitLate.isFinite && abs(hitLate - hitEarly) > 0.05 {
            out.append(
                String(
                    format:
                        "the per-turn cache hit rate moves within a thread (median %.3f then %.3f): MODEL.md takes one h per attempt, which the fit measures over the whole thread",
                    hitEarly, hitLate))
        } else if hitEarly.isFinite {
            out.append(
                String(
                    format:
                        "the per-turn cache hit rate is steady within a thread (median %.3f then %.3f): one h per attempt agrees",
                    hitEarly, hitLate))
        }
        if compactedThreads > 0 {
            out.append(
                String(
                    format:
                        "%.1f %% of threads compacted or cleared their context (median %.0f tokens before): each thread's fresh input per turn carries it, as the fit reproduces its logged input; a context_window on this fitted model would compact those threads twice",
                    100 * compactedThreads, contextBeforeCompaction ?? .nan))
        } else {
            out.append("no thread compacted its context: the fit's behaviour needs no context window")
        }
        if cacheBreaks > 0.02 {
            out.append(
                String(
                    format:
                        "%.1f %% of turns broke the cache (hit rate below one half): their context is written again; the fitted h includes them as an average, so threads with many breaks cost more than h predicts",
                    100 * cacheBreaks))
        }
        return out
    }
}
