/// How one attempt ends (MODEL.md): off the rails with probability `q`; on the rails, a success
/// with probability `p` (the one-shot rate), else a failure that is retried.
///
/// The one place the success formula `(1 - q) p` is written: the kernel, the team moments, the
/// behaviour's expected attempts and the synthetic logs all use it, with the same
/// floating-point evaluation order.
public enum AttemptOutcome {
    /// Probability that one attempt succeeds: on the rails, then successful, `(1 - q) p`.
    @inlinable
    public static func successProbability(offTheRails q: Double, oneShot p: Double) -> Double {
        (1 - q) * p
    }

    /// Where a uniform `u` in [0, 1) is cut into the three outcomes: `u < q` is off the rails,
    /// `q <= u < q + (1 - q) p` a success, the rest a failure.
    @inlinable
    public static func successCut(offTheRails q: Double, oneShot p: Double) -> Double {
        q + successProbability(offTheRails: q, oneShot: p)
    }
}
