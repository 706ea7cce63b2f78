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

    /// The newest stored calibration of a window length of `vendor`'s gauge (OpenAI's from
    /// Codex, Anthropic's from Claude Code), decoded; nil when none is stored. A stored one that
    /// cannot be read is passed over (an estimate then, never an error), and so is another
    /// vendor's, so that a newer calibration of one tool never hides the other's.
    public static func latest(windowMinutes: Int, vendor: String, in store: ThreadStore) -> PlanCalibration? {
        guard let records = try? store.calibrations(windowMinutes: windowMinutes) else { return nil }
        for record in records {
            guard let c = try? PlanCalibration.decode(record.payload), Outlook.matches(c, vendor: vendor) else { continue }
            return c
        }
        return nil
    }
}
