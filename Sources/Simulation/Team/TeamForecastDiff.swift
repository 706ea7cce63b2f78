/// The change from forecast A to forecast B, trial by trial.
///
/// Both forecasts must come from the same seed and trial count: trial `t` of each then starts
/// from the same substream, so shared draws (behaviour shifts, prices, adoption) line up and
/// the difference of the two is far less noisy than the difference of two independent runs
/// (common random numbers). A scenario diffed with itself gives exactly zero in every trial.
public struct TeamForecastDiff: Sendable {
    /// B minus A, per trial, over the horizon.
    public var annual: [Double]
    /// Per month present in both, B minus A per trial.
    public var monthly: [(month: String, change: [Double])]
    /// Per profile present in both (by name), B minus A per trial over the horizon.
    public var profiles: [(name: String, change: [Double])]
    /// Per model present in both (by name).
    public var models: [(name: String, change: [Double])]
    /// Token spend plus priced lost time, B minus A per trial.
    public var totalCost: [Double]

    /// - Complexity: O(trials x (profiles + models + months)) subtractions; no simulation.
    /// - Precondition: `a.trials == b.trials` (the caller runs both with the same trial count).
    public init(a: TeamForecast, b: TeamForecast) {
        let n = min(a.trials, b.trials)
        func minus(_ x: [Double], _ y: [Double]) -> [Double] { (0..<n).map { y[$0] - x[$0] } }
        annual = minus(a.teamAnnual, b.teamAnnual)
        totalCost = minus(a.teamTotalCost, b.teamTotalCost)
        monthly = a.months.enumerated().compactMap { i, label in
            guard let k = b.months.firstIndex(of: label) else { return nil }
            return (label, minus(a.teamMonth(i), b.teamMonth(k)))
        }
        profiles = a.profiles.enumerated().compactMap { i, name in
            guard let k = b.profiles.firstIndex(of: name) else { return nil }
            return (name, minus(a.profileAnnual(i), b.profileAnnual(k)))
        }
        models = a.models.enumerated().compactMap { i, name in
            guard let k = b.models.firstIndex(of: name) else { return nil }
            return (name, minus(a.modelAnnual(i), b.modelAnnual(k)))
        }
    }

    /// P(B is cheaper): the share of trials where B's spend is below A's.
    public static func probabilityCheaper(_ change: [Double]) -> Double {
        guard !change.isEmpty else { return 0 }
        return Double(change.lazy.filter { $0 < 0 }.count) / Double(change.count)
    }
}
