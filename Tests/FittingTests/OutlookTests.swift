import Foundation
import SyntheticData
import Testing

@testable import Fitting

/// The outlook's now-cast of a plan window, and its backtest on snapshot streams drawn from a
/// known allowance (issue: P(hit) calibration error under 5 points).
@Suite struct OutlookTests {
    static let weights: [Double] = [6, 0.6, 7.5, 12, 30]

    /// A stream whose windows differ in level, so that some fill and some do not, logging a full
    /// gauge when they do.
    static func stream(seed: UInt64, windows: Int, heaviness: Double) -> SnapshotStream {
        var s = SnapshotStream(seed: seed, weights: ["claude-sonnet-4-5": weights.map { $0 * heaviness }])
        s.windows = windows
        s.levelSpread = 0.5
        s.reportsFullWhenBlocked = true
        return s
    }

    /// The trace in gauge units (each request's exact share of the window) and the readings.
    static func inputs(_ stream: SnapshotStream) -> (UseTrace, [OutlookBacktest.Reading]) {
        let (requests, snapshots) = stream.generate()
        let w = stream.weights.values.first ?? []
        let trace = UseTrace(
            times: requests.map { $0.timestamp.timeIntervalSince1970 },
            amounts: requests.map { r in zip(r.tokens, w).reduce(0) { $0 + Double($1.0) * $1.1 / 1_000_000 } })
        let length = Double(stream.windowMinutes * 60)
        let readings = snapshots.map {
            OutlookBacktest.Reading(
                time: $0.timestamp.timeIntervalSince1970, windowStart: $0.resetsAt.timeIntervalSince1970 - length,
                windowEnd: $0.resetsAt.timeIntervalSince1970, used: $0.usedPercent)
        }
        return (trace, readings)
    }

    /// Two users: one who fills about a quarter of their windows, a lighter one who fills fewer.
    @Test(arguments: [(UInt64(7), 2.6), (UInt64(11), 2.0)])
    func backtestIsCalibratedOnAKnownAllowance(seed: UInt64, heaviness: Double) throws {
        let (trace, readings) = Self.inputs(Self.stream(seed: seed, windows: 160, heaviness: heaviness))
        let result = OutlookBacktest.run(
            trace: trace, readings: readings, timeZone: TimeZone(identifier: "UTC")!, trials: 400, seed: 1,
            maxPredictions: 1200)
        print("outlook backtest: \(result.predictions) predictions, \(result.windowsHit)/\(result.windows) windows hit, brier \(result.brier) vs climatology \(result.climatologyBrier), calibration error \(result.calibrationError) points")
        for b in result.bins { print("  \(b.lower)-\(b.upper): n \(b.count) predicted \(b.meanPredicted) observed \(b.observed)") }
        #expect(result.windowsHit > result.windows / 10 && result.windowsHit < result.windows * 4 / 5)
        #expect(result.brier < result.climatologyBrier * 0.8)
        #expect(result.calibrationError < 5)
    }
}
