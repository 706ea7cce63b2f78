import Fitting
import Reports

extension CalibrationDocument {
    /// The `calibrate` document of the fitting layer's outcomes.
    init(outcomes: [Calibration.Outcome], database: String, stored: Int, dryRun: Bool) {
        self.init(
            database: database, stored: stored, dryRun: dryRun,
            windows: outcomes.map { o in
                let p = o.pairing
                return Window(
                    windowMinutes: p.windowMinutes, reason: o.reason, snapshotsRead: p.snapshotsRead,
                    snapshotsUsed: p.snapshotsUsed, skippedCorrupt: p.skipped, inferredResets: p.inferredResets,
                    windows: p.windows, pairs: p.pairs.count, since: p.since, until: p.until, calibration: o.calibration)
            })
    }
}
