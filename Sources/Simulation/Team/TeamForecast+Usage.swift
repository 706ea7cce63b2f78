import NumericalMethods

extension TeamForecast {
    /// One profile's spend on tokens in one month, per trial: ``profileMonthly(_:month:)``
    /// without seat fees. A gateway such as LiteLLM sees this part (API-priced threads and
    /// overage), never the subscriptions.
    public func profileMonthlyUsage(_ p: Int, month m: Int) -> [Double] {
        (0..<trials).map { t in
            var s = CompensatedSum()
            for j in 0..<modelCount { s.add(cellMonthly[cellIndex(trial: t, profile: p, model: j, month: m)]) }
            return s.value
        }
    }

    /// The whole team's spend on tokens in one month, per trial (no seat fees).
    public func teamMonthUsage(_ m: Int) -> [Double] {
        (0..<trials).map { t in
            var s = CompensatedSum()
            for p in 0..<profileCount {
                for j in 0..<modelCount { s.add(cellMonthly[cellIndex(trial: t, profile: p, model: j, month: m)]) }
            }
            return s.value
        }
    }
}
