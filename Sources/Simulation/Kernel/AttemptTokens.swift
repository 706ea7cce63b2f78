/// Tokens one attempt bills, by class: MODEL.md's closed forms.
///
/// Turn `k` (1-based) sends the whole context `c_k = s + u*k + o*(k-1)`; of it, `s + u` is new on
/// the first turn and `u + o` on each later one, and the rest (`c_{k-1}`) was sent before and can
/// be a cache hit. Summed over `T` turns:
///
///     I = T*s + u*T(T+1)/2 + o*T(T-1)/2      all input sent
///     N = s + u*T + o*(T-1)                  input sent for the first time
///     R = I - N                              re-sent input (cacheable)
///
/// Explicit caching bills `h*R` as cache reads and `N + (1-h)*R` as cache writes; implicit caching
/// bills `h*R` as cache reads and `N + (1-h)*R` as plain input. Output is `o*T`.
///
/// **Tier.** Turns whose context exceeds the tier threshold are billed at the tier's prices: the
/// turn sum is split at the crossing turn `K = floor((tau - s + o) / (u + o))`.
///
/// **Compaction.** A turn whose context would exceed the window `W` is not sent; the context is
/// first compacted: one summarising call re-sends the last context plus its output (cacheable)
/// and writes `S` summary tokens, and the next segment starts from `s + S` (the summary and the
/// turn's fresh input new, `s` cached). Full segments repeat, so the cost stays O(1) per attempt.
public enum AttemptTokens {
    /// Token vector of one attempt, indexed by `TokenClass.rawValue`.
    ///
    /// - Parameters:
    ///   - turns: `T >= 1` (whole number).
    ///   - base: `s`, base context tokens.
    ///   - fresh: `u`, fresh input per turn.
    ///   - output: `o`, output per turn.
    ///   - hitRate: `h` in [0, 1].
    ///   - tierThreshold: context size above which tier prices apply (`.infinity` for none).
    ///   - window: context window (`.infinity` for none).
    ///   - summary: `S`, tokens the context is compacted to.
    ///   - explicitCache: Anthropic-style explicit caching (true) or implicit (false).
    /// - Complexity: O(1).
    @inlinable
    public static func compute(
        turns: Double, base: Double, fresh: Double, output: Double, hitRate: Double,
        tierThreshold: Double, window: Double, summary: Double, explicitCache: Bool
    ) -> SIMD8<Double> {
        if let f = belowTierAndWindow(
            turns: turns, base: base, fresh: fresh, output: output, hitRate: hitRate, tierThreshold: tierThreshold, window: window
        ) {
            return explicitCache ? SIMD8(0, f.read, f.miss, f.output, 0, 0, 0, 0) : SIMD8(f.miss, f.read, 0, f.output, 0, 0, 0, 0)
        }
        let h = min(max(hitRate, 0), 1)
        var acc = Split()
        let firstLength = maxTurns(base: base, fresh: fresh, output: output, window: window)
        if turns <= firstLength {
            acc.addSegment(base: base, length: turns, newFirst: base + fresh, fresh: fresh, output: output, tier: tierThreshold)
        } else {
            acc.addSegment(
                base: base, length: firstLength, newFirst: base + fresh, fresh: fresh, output: output, tier: tierThreshold)
            let firstLast = base + fresh * firstLength + output * (firstLength - 1)
            acc.addCompaction(context: firstLast + output, summary: summary, tier: tierThreshold)
            let laterBase = base + summary
            let laterLength = maxTurns(base: laterBase, fresh: fresh, output: output, window: window)
            let remaining = turns - firstLength
            let fullSegments = (remaining / laterLength).rounded(.down)
            let rest = remaining - fullSegments * laterLength
            if fullSegments > 0 {
                var one = Split()
                one.addSegment(
                    base: laterBase, length: laterLength, newFirst: summary + fresh, fresh: fresh, output: output,
                    tier: tierThreshold)
                let laterLast = laterBase + fresh * laterLength + output * (laterLength - 1)
                // Every full segment but the last one before the end is followed by a compaction.
                let compactions = rest > 0 ? fullSegments : fullSegments - 1
                var compaction = Split()
                compaction.addCompaction(context: laterLast + output, summary: summary, tier: tierThreshold)
                acc.add(one, times: fullSegments)
                acc.add(compaction, times: compactions)
            }
            if rest > 0 {
                acc.addSegment(
                    base: laterBase, length: rest, newFirst: summary + fresh, fresh: fresh, output: output, tier: tierThreshold)
            }
        }
        let readLo = h * acc.reusedLo, missLo = acc.newLo + (1 - h) * acc.reusedLo
        let readHi = h * acc.reusedHi, missHi = acc.newHi + (1 - h) * acc.reusedHi
        if explicitCache {
            return SIMD8(0, readLo, missLo, acc.outLo, 0, readHi, missHi, acc.outHi)
        } else {
            return SIMD8(missLo, readLo, 0, acc.outLo, missHi, readHi, 0, acc.outHi)
        }
    }

    /// The common case on its own: when the last turn's context fits under both the tier and
    /// the window, no turn crosses either and MODEL.md's sums apply as they are (N is exactly
    /// the last turn's context). Only multiplications: no division, no rounding. Returns the
    /// cache reads, the misses (cache writes for explicit caching, plain input for implicit)
    /// and the output; nil when a turn crosses the tier or the window.
    @inlinable @inline(__always)
    public static func belowTierAndWindow(
        turns: Double, base: Double, fresh: Double, output: Double, hitRate: Double,
        tierThreshold: Double, window: Double
    ) -> (read: Double, miss: Double, output: Double)? {
        let f = belowTierAndWindowUnchecked(turns: turns, base: base, fresh: fresh, output: output, hitRate: hitRate)
        guard f.lastContext <= tierThreshold && f.lastContext <= window else { return nil }
        return (f.read, f.miss, f.output)
    }

    /// ``belowTierAndWindow(turns:base:fresh:output:hitRate:tierThreshold:window:)`` without
    /// the test, and the last turn's context to test against the tier and the window: the same
    /// operations in the same order (so the same bits), branch-free, for loops that price a
    /// whole round of attempts at once and vectorise. The counts are meaningful only when
    /// `lastContext` is within both.
    @inlinable @inline(__always)
    public static func belowTierAndWindowUnchecked(
        turns: Double, base: Double, fresh: Double, output: Double, hitRate: Double
    ) -> (read: Double, miss: Double, output: Double, lastContext: Double) {
        let lastContext = base + fresh * turns + output * (turns - 1)
        let h = min(max(hitRate, 0), 1)
        let sent = turns * base + (fresh * (turns + 1) + output * (turns - 1)) * turns * 0.5
        let reused = sent - lastContext
        return (h * reused, lastContext + (1 - h) * reused, output * turns, lastContext)
    }

    /// Most turns a segment starting from `base` can run before its context exceeds `window`;
    /// at least 1, so that an oversized base context still makes progress.
    @inlinable
    static func maxTurns(base: Double, fresh: Double, output: Double, window: Double) -> Double {
        guard window.isFinite else { return .infinity }
        let step = fresh + output
        if step <= 0 { return base + fresh <= window ? .infinity : 1 }
        return max(1, ((window - base + output) / step).rounded(.down))
    }

    /// New and re-sent input and output, below and above the tier threshold.
    @usableFromInline
    struct Split {
        @usableFromInline var newLo = 0.0, reusedLo = 0.0, outLo = 0.0
        @usableFromInline var newHi = 0.0, reusedHi = 0.0, outHi = 0.0

        @inlinable init() {}

        /// Adds `length` turns of a segment whose first turn sends `base + fresh` with `newFirst` new.
        @inlinable
        mutating func addSegment(base: Double, length: Double, newFirst: Double, fresh: Double, output: Double, tier: Double) {
            let step = fresh + output
            @inline(__always) func sent(_ k: Double) -> Double { k * base + fresh * k * (k + 1) / 2 + output * k * (k - 1) / 2 }
            @inline(__always) func new(_ k: Double) -> Double { k >= 1 ? newFirst + (k - 1) * step : 0 }
            var below = length
            if tier.isFinite {
                if step > 0 {
                    below = min(max(((tier - base + output) / step).rounded(.down), 0), length)
                } else {
                    below = base + fresh <= tier ? length : 0
                }
            }
            let sentAll = sent(length), newAll = new(length)
            let sentLo = sent(below), newLoPart = new(below)
            newLo += newLoPart
            reusedLo += sentLo - newLoPart
            outLo += output * below
            newHi += newAll - newLoPart
            reusedHi += (sentAll - newAll) - (sentLo - newLoPart)
            outHi += output * (length - below)
        }

        /// A summarising call: re-sends `context` (cacheable) and writes `summary` tokens.
        @inlinable
        mutating func addCompaction(context: Double, summary: Double, tier: Double) {
            if context <= tier {
                reusedLo += context
                outLo += summary
            } else {
                reusedHi += context
                outHi += summary
            }
        }

        @inlinable
        mutating func add(_ other: Split, times n: Double) {
            newLo += n * other.newLo
            reusedLo += n * other.reusedLo
            outLo += n * other.outLo
            newHi += n * other.newHi
            reusedHi += n * other.reusedHi
            outHi += n * other.outHi
        }
    }
}
