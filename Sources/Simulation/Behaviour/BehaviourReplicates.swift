import Distributions

/// Parameter uncertainty from a fit: a model's behaviour as a set of bootstrap replicates, one
/// of which each trial uses for every thread and developer in it.
///
/// MODEL.md asks that parameter uncertainty be shared within a trial; drawing one replicate per
/// trial does that with the fit's own sampling distribution (correlations between parameters
/// included) instead of independent shifts. The pick comes from a child of the trial's stream
/// (``RandomStream/substream(_:)`` does not advance its parent), so a scenario without
/// replicates draws exactly the numbers it drew before.
public enum BehaviourReplicates {
    /// Child index of the trial stream the replicate pick draws from ("REPL").
    static let streamIndex: UInt64 = 0x5245_504C

    /// The replicate trial `stream` uses for model `model` of a spec, or nil when the model has none.
    public static func pick(_ replicates: [ThreadBehaviour], model: Int, stream: RandomStream) -> ThreadBehaviour? {
        pickIndex(count: replicates.count, model: model, stream: stream).map { replicates[$0] }
    }

    /// The index of the replicate ``pick(_:model:stream:)`` returns, or nil when there are none.
    public static func pickIndex(count: Int, model: Int, stream: RandomStream) -> Int? {
        guard count > 0 else { return nil }
        var rng = stream.substream(streamIndex &+ UInt64(model))
        return Int(rng.next(upperBound: UInt64(count)))
    }
}
