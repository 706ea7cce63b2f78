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
