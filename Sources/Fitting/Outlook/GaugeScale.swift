import Foundation
import Pricing
import ThreadStore

/// How logged use turns into percentage points of a plan's window.
///
/// Three sources, best first: a stored calibration (`tokencast calibrate`: each class of each
/// model weighed by its own fitted weight, plus hidden use per hour); the official readings
/// themselves (the gauge's rise between readings of one window over the API-equivalent dollars
/// logged in between); nothing (no percentages, only dollars).
public struct GaugeScale: Sendable {
    public enum Basis: Sendable, Hashable {
        case calibrated(snapshots: Int)
        case readings(pairs: Int)
        /// One reading against the use logged in its window before it: the statusline's own
        /// estimate, for a user with a single reading so far.
        case reading
    }
    public var basis: Basis
    /// Percentage points per API-equivalent dollar, for what a calibration does not weigh.
    public var percentPerDollar: Double
    public var hiddenPerHour: Double
    var calibration: PlanCalibration?

    /// "calibrated from N snapshots", or "scaled from N official readings".
    public var label: String {
        switch basis {
        case .calibrated(let n): "calibrated from \(n) snapshots"
        case .readings(let n): "scaled from \(n) pairs of official readings"
        case .reading: "scaled from one official reading"
        }
    }

    /// Percentage points of the window that one use takes.
    public func percent(model: String, tokens: TokenCounts, dollars: Double) -> Double {
        if let calibration {
            let kinds: [PlanCalibration.Kind: Double] = [
                .input: Double(tokens.input), .cacheRead: Double(tokens.cacheRead),
                .cacheWrite5m: Double(tokens.cacheWrite5m), .cacheWrite1h: Double(tokens.cacheWrite1h),
                .output: Double(tokens.output),
            ]
            if let p = calibration.percentUsed(model: model, tokens: kinds) { return p }
        }
        return dollars * percentPerDollar
    }

    /// Pairs of readings needed before their ratio is trusted as a scale.
    public static let minimumPairs = 3

    /// The scale of one vendor's window: its newest stored calibration when it has a dollar
    /// allowance, else the readings' own ratio, else the newest reading inside the open window
    /// (opened at `windowStart`) over the dollars logged in the window up to it, else nil.
    static func make(
        window: LimitWindow, calibration: PlanCalibration?, readings: [WindowSnapshot], uses: [OutlookUse],
        windowStart: Double?
    ) -> GaugeScale? {
        if let scale = fromCalibrationOrPairs(window: window, calibration: calibration, readings: readings, uses: uses) {
            return scale
        }
        guard let r = readings.last, let start = windowStart, r.timestamp.timeIntervalSince1970 >= start, r.usedPercent > 0
        else { return nil }
        let times = uses.map(\.time)
        let lo = PastPeriods.lowerBound(times, start)
        let hi = PastPeriods.lowerBound(times, r.timestamp.timeIntervalSince1970 + 0.001, from: lo)
        let spent = uses[lo..<hi].reduce(0) { $0 + $1.dollars }
        guard spent > 0 else { return nil }
        return GaugeScale(basis: .reading, percentPerDollar: r.usedPercent / spent, hiddenPerHour: 0, calibration: nil)
    }

    private static func fromCalibrationOrPairs(
        window: LimitWindow, calibration: PlanCalibration?, readings: [WindowSnapshot], uses: [OutlookUse]
    ) -> GaugeScale? {
        if let calibration, let dollars = calibration.dollarAllowance, dollars > 0 {
            return GaugeScale(
                basis: .calibrated(snapshots: calibration.snapshots), percentPerDollar: 100 / dollars,
                hiddenPerHour: max(calibration.hiddenPercentPerHour, 0), calibration: calibration)
        }
        // Consecutive readings of one window (the same reset, or no reset and a gauge that did not
        // fall): the rise against the dollars logged between them.
        let times = uses.map(\.time)
        var rise = 0.0, dollars = 0.0, pairs = 0
        let sorted = readings.sorted { $0.timestamp < $1.timestamp }
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            let same: Bool
            if let ra = a.resetsAt, let rb = b.resetsAt {
                same = abs(ra.timeIntervalSince(rb)) < 120
            } else {
                same = b.usedPercent >= a.usedPercent && b.timestamp.timeIntervalSince(a.timestamp) < window.seconds
            }
            guard same, b.usedPercent >= a.usedPercent, b.usedPercent < OutlookBacktest.hitThreshold else { continue }
            let lo = PastPeriods.lowerBound(times, a.timestamp.timeIntervalSince1970)
            let hi = PastPeriods.lowerBound(times, b.timestamp.timeIntervalSince1970, from: lo)
            let spent = uses[lo..<hi].reduce(0) { $0 + $1.dollars }
            guard spent > 0 else { continue }
            rise += b.usedPercent - a.usedPercent
            dollars += spent
            pairs += 1
        }
        guard pairs >= minimumPairs, dollars > 0, rise > 0 else { return nil }
        return GaugeScale(basis: .readings(pairs: pairs), percentPerDollar: rise / dollars, hiddenPerHour: 0, calibration: nil)
    }
}

/// One logged use, priced: what the outlook reads from the store.
struct OutlookUse: Sendable {
    var time: Double
    var model: String
    var vendor: String
    var tokens: TokenCounts
    /// API-equivalent dollars (0 for an unpriced model).
    var dollars: Double
}
