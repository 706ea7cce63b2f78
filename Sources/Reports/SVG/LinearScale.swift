import Foundation

/// Maps a data interval onto a pixel interval, with "nice" tick values (1, 2, 2.5 or 5 times a
/// power of ten) for axes.
public struct LinearScale: Sendable, Hashable {
    public var domain: ClosedRange<Double>
    public var range: ClosedRange<Double>
    /// True when larger values map to smaller pixel coordinates (a y axis).
    public var flipped: Bool

    public init(domain: ClosedRange<Double>, range: ClosedRange<Double>, flipped: Bool = false) {
        self.domain = domain.lowerBound < domain.upperBound ? domain : domain.lowerBound...(domain.lowerBound + 1)
        self.range = range
        self.flipped = flipped
    }

    public func callAsFunction(_ v: Double) -> Double {
        let t = (v - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        let span = range.upperBound - range.lowerBound
        return flipped ? range.upperBound - t * span : range.lowerBound + t * span
    }

    /// Tick values inside the domain, about `count` of them, at a nice step.
    public func ticks(_ count: Int = 5) -> [Double] {
        let step = Self.niceStep((domain.upperBound - domain.lowerBound) / Double(max(count, 1)))
        guard step > 0, step.isFinite else { return [domain.lowerBound] }
        var v = (domain.lowerBound / step).rounded(.up) * step
        var out: [Double] = []
        while v <= domain.upperBound + step * 1e-9, out.count < 50 {
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return out
    }

    /// The smallest of 1, 2, 2.5, 5, 10 times a power of ten that is at least `raw`.
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 0 }
        let power = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 2.5, 5, 10] where m * power >= raw * (1 - 1e-12) { return m * power }
        return 10 * power
    }

    /// A domain from `lo` to `hi` widened outward to nice steps (about `count` ticks).
    public static func niceDomain(_ lo: Double, _ hi: Double, count: Int = 5) -> ClosedRange<Double> {
        guard lo.isFinite, hi.isFinite else { return 0...1 }
        if hi <= lo { return lo == 0 ? 0...1 : Swift.min(lo, 0)...(Swift.max(hi, 0) + abs(lo) + 1) }
        let step = niceStep((hi - lo) / Double(count))
        return (lo / step).rounded(.down) * step...(hi / step).rounded(.up) * step
    }
}

/// Axis labels: money without trailing zeros (`$0`, `$2`, `$2.5`, `$1.2k`) and shares.
public enum AxisFormat {
    public static func money(_ v: Double) -> String {
        if v == 0 { return "$0" }
        if abs(v) < 1000 {
            if v == v.rounded() { return String(format: "$%.0f", v) }
            if abs(v) >= 1, abs(v * 10 - (v * 10).rounded()) < 1e-9 { return String(format: "$%.1f", v) }
            return String(format: "$%.2f", v)
        }
        // Ticks at 2.5 steps need a second decimal: $4.25k, not a rounded $4.2k.
        for (unit, suffix) in [(1e9, "B"), (1e6, "M"), (1e3, "k")] where abs(v) >= unit {
            let x = v / unit
            if abs(x * 10 - (x * 10).rounded()) > 1e-6, abs(x) < 100 { return String(format: "$%.2f", x) + suffix }
            break
        }
        return Money.compact(v)
    }

    /// `0%`, `2.5%`, `10%`.
    public static func percent(_ share: Double) -> String {
        let p = share * 100
        if abs(p - p.rounded()) < 1e-9 { return String(format: "%.0f%%", p) }
        if abs(p * 10 - (p * 10).rounded()) < 1e-9 { return String(format: "%.1f%%", p) }
        return String(format: "%.2f%%", p)
    }
}
