import Distributions

/// What trial `t` shares with everyone in it: the models it runs (one bootstrap replicate of
/// each fitted behaviour), their behaviour shifts, and the price-path normals; and the trial's
/// stream, from which everything individual to it is drawn.
///
/// One definition for every simulator (the developer forecaster, the plan comparison, the team
/// forecaster), made by ``TrialRunner/forEachTrial(in:root:_:)``, so that the same seed gives
/// the same shared draws whichever command runs the scenario.
struct TrialSetup {
    /// The trial's index `t`.
    let trial: Int
    /// `root.substream(t)` after the shared normals were drawn from it: the trial's own draws
    /// continue from here.
    let stream: RandomStream
    /// The trial's correlated shared normals (``SharedDraws/dimension`` values).
    let normals: ArraySlice<Double>
    let models: [PricedModel]
    /// Per model, the index of the replicate `models` runs (nil for a model without any).
    let replicateIndex: [Int?]
    let behaviours: [TrialBehaviour]
    let priceZ: [Double]
    private let shared: SharedDraws

    /// - Parameters:
    ///   - trial: the trial index `t`; replicates are picked from `root.substream(t)`.
    ///   - normals: the trial's row of the chunk's correlated shared normals from
    ///     ``SharedDraws/draw(rows:streams:into:)``.
    init(
        trial t: Int, stream: RandomStream, normals row: ArraySlice<Double>, models base: [PricedModel],
        replicates: [[ThreadBehaviour]], uncertainty: [BehaviourUncertainty], shared: SharedDraws, root: RandomStream
    ) {
        trial = t
        self.stream = stream
        normals = row
        self.shared = shared
        let modelCount = base.count
        let picks: [Int?] = (0..<modelCount).map { j in
            j < replicates.count
                ? BehaviourReplicates.pickIndex(count: replicates[j].count, model: j, stream: root.substream(UInt64(t))) : nil
        }
        let models: [PricedModel] = (0..<modelCount).map { j in
            guard let r = picks[j] else { return base[j] }
            var m = base[j]
            m.behaviour = replicates[j][r]
            return m
        }
        replicateIndex = picks
        self.models = models
        priceZ = (0..<modelCount).map { row[row.startIndex + shared.priceOffset(model: $0)] }
        behaviours = (0..<modelCount).map { j in
            Self.behaviourNormals(row, model: j, shared: shared) { uncertainty[j].trialBehaviour(models[j].behaviour, z: $0) }
        }
    }

    private static func behaviourNormals<R>(
        _ row: ArraySlice<Double>, model j: Int, shared: SharedDraws, _ body: (UnsafeBufferPointer<Double>) -> R
    ) -> R {
        row.withUnsafeBufferPointer { p in
            body(UnsafeBufferPointer(rebasing: p[shared.behaviourOffset(model: j)...].prefix(BehaviourUncertainty.dimensions)))
        }
    }

    /// Calls `body` with model `j`'s five behaviour normals (turns, tokens, cache hit, one-shot,
    /// off-the-rails).
    func withBehaviourNormals<R>(model j: Int, _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
        Self.behaviourNormals(normals, model: j, shared: shared, body)
    }

    /// `behaviour` (model `j`'s, or another behaviour of that model) under this trial's shifts.
    func shifted(_ behaviour: ThreadBehaviour, _ uncertainty: BehaviourUncertainty, model j: Int) -> TrialBehaviour {
        withBehaviourNormals(model: j) { uncertainty.trialBehaviour(behaviour, z: $0) }
    }
}
