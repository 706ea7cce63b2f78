import Foundation
import Pricing

/// What `tokencast calibrate` shows: per window type, the calibration or why there is none.
public struct CalibrationDocument: Sendable, Encodable {
    public struct Window: Sendable, Encodable {
        public var windowMinutes: Int
        /// "5-hour", "weekly".
        public var window: String
        /// Why the window is not calibrated (nil when it is).
        public var reason: String?
        public var snapshotsRead: Int
        public var snapshotsUsed: Int
        /// Corrupt snapshots skipped, by reason.
        public var skippedCorrupt: [String: Int]
        public var inferredResets: Int
        public var windows: Int
        public var pairs: Int
        public var since: Date?
        public var until: Date?
        public var calibration: PlanCalibration?

        public init(
            windowMinutes: Int, reason: String?, snapshotsRead: Int, snapshotsUsed: Int, skippedCorrupt: [String: Int],
            inferredResets: Int, windows: Int, pairs: Int, since: Date?, until: Date?, calibration: PlanCalibration?
        ) {
            self.windowMinutes = windowMinutes
            self.window = PlanCalibration.windowName(minutes: windowMinutes)
            self.reason = reason
            self.snapshotsRead = snapshotsRead
            self.snapshotsUsed = snapshotsUsed
            self.skippedCorrupt = skippedCorrupt
            self.inferredResets = inferredResets
            self.windows = windows
            self.pairs = pairs
            self.since = since
            self.until = until
            self.calibration = calibration
        }

        public var calibrated: Bool { calibration != nil }
        public var label: String { PlanCalibration.label(for: calibration) }
        public var skippedTotal: Int { skippedCorrupt.values.reduce(0, +) }
    }

    public var database: String
    /// Calibrations written to the store (0 with --dry-run).
    public var stored: Int
    public var dryRun: Bool
    public var windows: [Window]

    public init(database: String, stored: Int, dryRun: Bool, windows: [Window]) {
        self.database = database
        self.stored = stored
        self.dryRun = dryRun
        self.windows = windows
    }
}
