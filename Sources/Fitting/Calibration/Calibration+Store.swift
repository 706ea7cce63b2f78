import Foundation
import Pricing
import ThreadStore

extension Calibration {
    /// Calibrates from everything in the store: its snapshots, and the requests between them.
    public static func fit(store: ThreadStore, options: Options = Options()) throws -> [Outcome] {
        let samples = try store.quotaSamples()
        let snapshots = samples.map {
            QuotaSnapshot(
                timestamp: $0.timestamp, windowMinutes: $0.windowMinutes, usedPercent: $0.usedPercent,
                resetsAt: $0.resetsAt, source: $0.source)
        }
        guard let first = samples.first?.timestamp, let last = samples.last?.timestamp else {
            return []
        }
        let usage = try store.timedUsage(since: first, until: last).map {
            QuotaUsage(timestamp: $0.timestamp, model: $0.model, tokens: $0.tokens, source: $0.source)
        }
        return fit(snapshots: snapshots, usage: usage, options: options)
    }

    /// Stores the calibrated windows (those not calibrated store nothing); returns how many.
    @discardableResult
    public static func save(_ outcomes: [Outcome], to store: ThreadStore) throws -> Int {
        var saved = 0
        for case let c? in outcomes.map(\.calibration) {
            try store.saveCalibration(
                windowMinutes: c.windowMinutes, source: c.source, plan: c.plan, snapshots: c.snapshots, pairs: c.pairs,
                since: c.since, until: c.until, payload: try c.json(), createdAt: c.createdAt)
            saved += 1
        }
        return saved
    }

    /// The newest stored calibration of a window length, decoded; nil when none is stored (or
    /// the stored one cannot be read, which then counts as an estimate, never an error).
    /// `source` keeps one tool's gauge (`claude-code`); nil takes the newest of any.
    public static func latest(windowMinutes: Int, source: String? = nil, in store: ThreadStore) -> PlanCalibration? {
        guard let record = try? store.latestCalibration(windowMinutes: windowMinutes, source: source) else { return nil }
        return try? PlanCalibration.decode(record.payload)
    }
}
