import Distributions

/// What trial `t` shares with everyone in it: the models it runs (one bootstrap replicate of
/// each fitted behaviour), their behaviour shifts, and the price-path normals.
///
/// One definition for every simulator (the developer forecaster, the plan comparison), so that
/// the same seed gives the same shared draws whichever command runs the scenario.
struct TrialSetup {
    var models: [PricedModel]
    var behaviours: [TrialBehaviour]
    var priceZ: [Double]

    /// - Parameters:
    ///   - trial: the trial index `t`; replicates are picked from `root.substream(t)`.
    ///   - row: the trial's row in `normals` (its position within the chunk).
    ///   - normals: the chunk's correlated shared normals from ``SharedDraws/draw(rows:streams:into:)``.
    init(
        trial t: Int, row: Int, models base: [PricedModel], replicates: [[ThreadBehaviour]],
        uncertainty: [BehaviourUncertainty], normals: [Double], shared: SharedDraws, root: RandomStream
    ) {
        let modelCount = base.count
        let models: [PricedModel] = (0..<modelCount).map { j in
            guard j < replicates.count,
                let b = BehaviourReplicates.pick(replicates[j], model: j, stream: root.substream(UInt64(t)))
            else { return base[j] }
            var m = base[j]
            m.behaviour = b
            return m
        }
        self.models = models
        behaviours = (0..<modelCount).map { j in
            normals.withUnsafeBufferPointer { p in
                let z = UnsafeBufferPointer(rebasing: p[(row * shared.dimension + shared.behaviourOffset(model: j))...].prefix(BehaviourUncertainty.dimensions))
                return uncertainty[j].trialBehaviour(models[j].behaviour, z: z)
            }
        }
        priceZ = (0..<modelCount).map { normals[row * shared.dimension + shared.priceOffset(model: $0)] }
    }
}
