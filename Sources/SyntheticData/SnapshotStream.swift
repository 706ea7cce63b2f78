import Distributions
import Foundation

/// A synthetic stream of plan-gauge snapshots and the requests behind them, drawn from a known
/// allowance, so tests can check that calibration recovers it.
///
/// Each window opens when use starts and resets `windowMinutes` later. Inside it, snapshots come
/// every few minutes; between two snapshots the user makes a few requests whose mix of token
/// classes varies from pair to pair (so each class's weight is identifiable), and hidden use
/// (web chat) draws `hiddenPercentPerHour` of wall time. The gauge is the exact sum, optionally
/// rounded to whole percent as Codex sometimes logs it. A window stops taking requests when the
/// gauge would pass 100 %, as a plan blocks. Same seed, same stream.
public struct SnapshotStream: Sendable {
    /// The five token classes, in this order: input, cache read, 5-minute cache write, 1-hour
    /// cache write, output.
    public static let classCount = 5

    public struct Request: Sendable, Hashable {
        public var timestamp: Date
        public var model: String
        /// Tokens by class, in ``SnapshotStream/classCount`` order.
        public var tokens: [Int64]
    }

    public struct Snapshot: Sendable, Hashable {
        public var timestamp: Date
        public var windowMinutes: Int
        public var usedPercent: Double
        public var resetsAt: Date
    }

    public var seed: UInt64
    public var windowMinutes = 300
    /// Percentage points per million tokens, by model then class (``classCount`` entries).
    public var weights: [String: [Double]]
    /// Hidden use, percentage points per hour of wall time.
    public var hiddenPercentPerHour = 0.0
    public var windows = 12
    /// Mean minutes between snapshots.
    public var minutesBetweenSnapshots = 12.0
    /// Mean millions of tokens of each class per pair (scaled by a random mix each pair).
    public var meanMillionsPerPair: [Double] = [0.02, 0.6, 0.03, 0.01, 0.01]
    public var roundToWholePercent = false
    /// Spread (log-scale standard deviation) of a per-window level multiplying every request's
    /// tokens, so that some windows fill and others do not; 0 draws nothing (older streams stay
    /// as they were).
    public var levelSpread = 0.0
    /// Whether a window that blocks logs one more snapshot at 100 %, as the tools show a full
    /// gauge; off by default (calibration pairs must only see logged use).
    public var reportsFullWhenBlocked = false
    public var start = Date(timeIntervalSince1970: 1_790_000_000)

    public init(seed: UInt64, weights: [String: [Double]]) {
        self.seed = seed
        self.weights = weights
    }

    /// The requests and snapshots, oldest first.
    public func generate() -> (requests: [Request], snapshots: [Snapshot]) {
        var rng = RandomStream(seed: seed)
        func exponential(_ mean: Double) -> Double { -mean * log(max(1 - rng.uniform(), 1e-300)) }
        let models = weights.keys.sorted()
        var requests: [Request] = []
        var snapshots: [Snapshot] = []
        var clock = start
        let length = TimeInterval(windowMinutes * 60)
        for _ in 0..<windows {
            let opened = clock
            let resets = opened + length
            var used = 0.0
            var t = opened
            var blocked = false
            var level = 1.0
            if levelSpread > 0 {
                // Box–Muller from two uniforms; mean 1 whatever the spread.
                let z = (-2 * log(max(rng.uniform(), 1e-300))).squareRoot() * cos(2 * Double.pi * rng.uniform())
                level = exp(levelSpread * z - levelSpread * levelSpread / 2)
            }
            // The first snapshot comes with the first request.
            snapshots.append(Snapshot(timestamp: t, windowMinutes: windowMinutes, usedPercent: 0, resetsAt: resets))
            while true {
                let next = t + max(30, exponential(minutesBetweenSnapshots * 60))
                guard next < resets - 1 else { break }
                var added = hiddenPercentPerHour * next.timeIntervalSince(t) / 3600
                var pending: [Request] = []
                if blocked, reportsFullWhenBlocked {
                    // A full gauge stays full until the reset.
                    t = next
                    snapshots.append(Snapshot(timestamp: t, windowMinutes: windowMinutes, usedPercent: 100, resetsAt: resets))
                    continue
                }
                if !blocked {
                    let model = models[Int(rng.uniform() * Double(models.count)) % models.count]
                    let count = 1 + Int(rng.uniform() * 4)
                    // The pair's mix: each class's share varies independently, 0.1x to ~3x its mean.
                    let mix = (0..<Self.classCount).map { _ in 0.1 + exponential(1) }
                    for k in 0..<count {
                        let at = t + (Double(k) + rng.uniform()) / Double(count) * next.timeIntervalSince(t)
                        let tokens = (0..<Self.classCount).map { c in
                            Int64(
                                (level * meanMillionsPerPair[c] * mix[c] / Double(count) * 1_000_000 * (0.5 + rng.uniform()))
                                    .rounded())
                        }
                        let w = weights[model] ?? []
                        added += zip(tokens, w).reduce(0.0) { $0 + Double($1.0) * $1.1 / 1_000_000 }
                        pending.append(Request(timestamp: min(at, next), model: model, tokens: tokens))
                    }
                }
                if used + added > 100 {
                    // The plan blocks: no more requests this window; the gauge sits at what it was.
                    blocked = true
                    if reportsFullWhenBlocked {
                        snapshots.append(
                            Snapshot(timestamp: next, windowMinutes: windowMinutes, usedPercent: 100, resetsAt: resets))
                    }
                    t = next
                    continue
                }
                used += added
                requests += pending
                t = next
                let shown = roundToWholePercent ? used.rounded() : used
                snapshots.append(
                    Snapshot(timestamp: t, windowMinutes: windowMinutes, usedPercent: shown, resetsAt: resets))
            }
            // An idle gap before the next window opens.
            clock = resets + exponential(3600)
        }
        return (requests, snapshots)
    }
}
