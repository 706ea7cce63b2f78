import Foundation

/// The share of the team's potential agent use that is realised each month: rollouts
/// start small and grow towards a target.
///
/// Month `m` (0-based) has adoption `start + (target - start) * min(1, m / months)` — linear
/// from `start` to `target` over `months` months, flat after. Adoption multiplies every
/// developer's thread rate (it is the share of work routed through agents, the same for
/// everyone). It is *shared* uncertainty: each trial draws one standard normal `z` and moves
/// the whole curve on the log-odds scale by `sd / (a (1 - a)) * z` (the delta method, as for
/// the behaviour rates), so a trial where adoption runs high runs high for everyone, every month.
public struct AdoptionCurve: Sendable, Hashable {
    public var start: Double
    public var target: Double
    public var months: Int
    /// Standard deviation of adoption on the probability scale, around the curve.
    public var sd: Double

    public init(start: Double = 1, target: Double = 1, months: Int = 0, sd: Double = 0) {
        self.start = start
        self.target = target
        self.months = months
        self.sd = sd
    }

    /// Everyone uses agents fully from day one; draws nothing.
    public static let full = AdoptionCurve()

    public var isUncertain: Bool { sd > 0 }

    /// The curve's value in `month` before any trial shift.
    public func nominal(month: Int) -> Double {
        let f = months > 0 ? min(1, Double(month) / Double(months)) : 1
        return start + (target - start) * f
    }

    /// This trial's adoption in `month` for its shared normal `z`.
    public func value(month: Int, z: Double) -> Double {
        let a = nominal(month: month)
        guard sd > 0, a > 0, a < 1 else { return a }
        let logit = log(a / (1 - a)) + sd / (a * (1 - a)) * z
        return 1 / (1 + exp(-logit))
    }
}
