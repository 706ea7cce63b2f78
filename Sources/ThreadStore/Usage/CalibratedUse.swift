import Pricing

extension PlanCalibration {
    /// Percentage points of the window that `model`'s use takes, as a function of its counts:
    /// ``percentUsed(model:tokens:)`` (each class by its fitted weight) and, when a class with
    /// tokens has no identified weight, the use's API-equivalent dollars at the calibration's
    /// dollar allowance (as `GaugeScale.percent` weighs it); 0 for an unpriced model then.
    ///
    /// The weights are looked up once here, not per use: a history weighs thousands of bins.
    public func percentOfWindow(model: String, price: ModelPrice?) -> @Sendable (TokenCounts) -> Double {
        // In the order of `counts` below.
        let kinds: [Kind] = [.input, .cacheRead, .cacheWrite5m, .cacheWrite1h, .output]
        let perMillion = kinds.map { percentPerMillion(model: model, kind: $0) }
        let perDollar = dollarAllowance.map { $0 > 0 ? 100 / $0 : 0 } ?? 0
        return { t in
            let counts = [t.input, t.cacheRead, t.cacheWrite5m, t.cacheWrite1h, t.output]
            var total = 0.0
            for (count, weight) in zip(counts, perMillion) where count > 0 {
                guard let weight else { return price.map { UsageReport.cost(t, $0) * perDollar } ?? 0 }
                total += weight * Double(count) / 1_000_000
            }
            return total
        }
    }
}
