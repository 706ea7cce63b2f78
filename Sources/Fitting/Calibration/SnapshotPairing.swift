import Foundation

/// Two consecutive snapshots of the same window, with the gauge's change between them.
public struct SnapshotPair: Sendable, Hashable {
    public var start: Date
    public var end: Date
    public var deltaPercent: Double
    /// Which window (0, 1, ...) of the stream the pair lies in: the bootstrap resamples windows.
    public var window: Int

    public var hours: Double { end.timeIntervalSince(start) / 3600 }
}

/// What pairing did with one window type's snapshots.
public struct SnapshotPairing: Sendable, Hashable {
    public var windowMinutes: Int
    public var pairs: [SnapshotPair]
    /// Snapshots read, and those at either end of a pair.
    public var snapshotsRead: Int
    public var snapshotsUsed: Int
    /// Corrupt snapshots skipped, by reason.
    public var skipped: [String: Int]
    /// Windows seen (a reset starts a new one).
    public var windows: Int
    /// Resets inferred from a falling gauge, for snapshots that do not say when they reset.
    public var inferredResets: Int
    public var since: Date?
    public var until: Date?

    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    static let outsideRange = "percent outside 0..100"
    static let resetInPast = "reset before its own timestamp"
    static let decreasing = "decreasing percent without a reset"

    /// Two reset times within this many seconds are the same reset: Codex logs the time to
    /// reset in whole seconds, so the absolute time jitters by a second or two.
    static let resetTolerance: TimeInterval = 120

    /// Pairs consecutive snapshots of one window length.
    ///
    /// Snapshots of the same window are consecutive ones with the same reset time; a different
    /// reset time, a gap longer than the window, or (when reset times are unknown) a falling
    /// gauge start a new window. Corrupt snapshots (percent outside 0...100 or not a number, a
    /// reset before the snapshot's own time, a falling gauge with the same reset time) are
    /// skipped and counted; the pair spans them.
    public static func pair(_ snapshots: [QuotaSnapshot], windowMinutes: Int) -> SnapshotPairing {
        var result = SnapshotPairing(
            windowMinutes: windowMinutes, pairs: [], snapshotsRead: 0, snapshotsUsed: 0, skipped: [:], windows: 0,
            inferredResets: 0)
        let sorted = snapshots.filter { $0.windowMinutes == windowMinutes }.sorted {
            ($0.timestamp, $0.usedPercent) < ($1.timestamp, $1.usedPercent)
        }
        result.snapshotsRead = sorted.count
        // Several sessions log the same reading at the same instant: keep one per timestamp
        // (the highest, the latest state of the gauge).
        var distinct: [QuotaSnapshot] = []
        for s in sorted {
            guard s.usedPercent.isFinite, (0...100).contains(s.usedPercent) else {
                result.skipped[outsideRange, default: 0] += 1
                continue
            }
            if let r = s.resetsAt, r < s.timestamp {
                result.skipped[resetInPast, default: 0] += 1
                continue
            }
            if let last = distinct.last, last.timestamp == s.timestamp {
                distinct[distinct.count - 1] = s
            } else {
                distinct.append(s)
            }
        }
        let length = TimeInterval(windowMinutes * 60)
        var used = Set<Int>()
        var previous: Int?
        var window = -1
        for (i, s) in distinct.enumerated() {
            guard let p = previous else {
                previous = i
                window += 1
                continue
            }
            let prev = distinct[p]
            var sameWindow = s.timestamp.timeIntervalSince(prev.timestamp) <= length
            if let r0 = prev.resetsAt, let r1 = s.resetsAt {
                sameWindow = sameWindow && abs(r1.timeIntervalSince(r0)) <= resetTolerance && s.timestamp < r0
                if sameWindow && s.usedPercent < prev.usedPercent {
                    result.skipped[decreasing, default: 0] += 1
                    continue
                }
            } else if sameWindow && s.usedPercent < prev.usedPercent {
                sameWindow = false
                result.inferredResets += 1
            }
            if sameWindow {
                result.pairs.append(
                    SnapshotPair(
                        start: prev.timestamp, end: s.timestamp, deltaPercent: s.usedPercent - prev.usedPercent,
                        window: window))
                used.insert(p)
                used.insert(i)
            } else {
                window += 1
            }
            previous = i
        }
        result.windows = window + 1
        result.snapshotsUsed = used.count
        result.since = used.min().map { distinct[$0].timestamp }
        result.until = used.max().map { distinct[$0].timestamp }
        return result
    }
}
