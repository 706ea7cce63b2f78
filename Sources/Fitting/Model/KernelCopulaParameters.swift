import Simulation

/// A fitted kernel copula as stored with a fit (``KernelCopulaFit``): the bandwidth and the
/// fitted threads' normal scores by draw, in ``BehaviourDraw`` order. Scores of ranks, no text
/// or id; through the fitted laws they roughly give back each thread's per-attempt draws, which
/// the store keeps as token counts anyway.
public struct KernelCopulaParameters: Sendable, Hashable, Codable {
    public var bandwidth: Double
    /// Five columns of n scores.
    public var scores: [[Double]]

    public init(bandwidth: Double, scores: [[Double]]) {
        self.bandwidth = bandwidth
        self.scores = scores
    }

    /// The kernel's copula for the forecast kernel.
    public func copula() throws(DependenceError) -> KernelCopula {
        try KernelCopula(scores: scores, bandwidth: bandwidth)
    }
}
