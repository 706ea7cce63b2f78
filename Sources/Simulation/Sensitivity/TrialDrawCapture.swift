/// Receives, per trial, the shared draws a forecast used: the correlated standard normals of
/// ``SharedDraws`` (behaviour shifts and price paths) and the developer's own mean threads per
/// day. Sensitivity analysis regresses each trial's spend on them.
///
/// Workers of different trials write disjoint slots, so recording needs no lock; read the
/// arrays only after ``DeveloperForecaster/run(_:capture:progress:)`` has returned.
public final class TrialDrawCapture: @unchecked Sendable {
    public let trials: Int
    /// Normals per trial (``SharedDraws/dimension``).
    public let dimension: Int
    private var normalStore: UnsafeMutableBufferPointer<Double>
    private var meanStore: UnsafeMutableBufferPointer<Double>

    public init(trials: Int, modelCount: Int) {
        self.trials = trials
        dimension = modelCount * SharedDraws.perModel
        normalStore = .allocate(capacity: max(trials * dimension, 1))
        normalStore.initialize(repeating: 0)
        meanStore = .allocate(capacity: max(trials, 1))
        meanStore.initialize(repeating: 0)
    }

    deinit {
        normalStore.deallocate()
        meanStore.deallocate()
    }

    func record(trial t: Int, normals: ArraySlice<Double>, developerMean: Double) {
        guard t < trials else { return }
        for (k, v) in normals.enumerated() where k < dimension { normalStore[t * dimension + k] = v }
        meanStore[t] = developerMean
    }

    /// Trial `t`'s normal number `k`: model `i`'s behaviour shifts are at `i * 6 + 0...4`
    /// (turns, tokens, cache hit, one-shot, off-the-rails) and its price draw at `i * 6 + 5`.
    public func normal(trial t: Int, _ k: Int) -> Double { normalStore[t * dimension + k] }

    /// Trial `t`'s developer mean threads per working day.
    public func developerMean(trial t: Int) -> Double { meanStore[t] }
}
