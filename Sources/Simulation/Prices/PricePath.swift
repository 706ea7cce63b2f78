import Foundation

/// How a model's prices move over the forecast horizon: a yearly drift with uncertainty.
///
/// Providers cut (and sometimes raise) prices. Each trial draws its own yearly rate, normal
/// around `annualChange` with `annualChangeSD`, shared by every developer of the trial; month
/// `m` (0-based, counted at mid-month) is billed at `(1 + rate)^((m + 0.5) / 12)` times the
/// catalog price. Rates are floored at -95 % so a price never turns negative.
public struct PricePath: Sendable, Hashable {
    public var annualChange: Double
    public var annualChangeSD: Double

    public init(annualChange: Double = 0, annualChangeSD: Double = 0) {
        self.annualChange = annualChange
        self.annualChangeSD = annualChangeSD
    }

    public static let flat = PricePath()

    public var isFlat: Bool { annualChange == 0 && annualChangeSD == 0 }

    /// Price multiplier of month `month` when the trial's standard normal draw is `z`.
    public func multiplier(month: Int, z: Double) -> Double {
        let rate = max(annualChange + annualChangeSD * z, -0.95)
        return pow(1 + rate, (Double(month) + 0.5) / 12)
    }
}
