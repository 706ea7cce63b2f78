import Distributions

/// Where each model's thread draws come from: a child stream per model (and per team profile).
///
/// A model's threads use a varying count of random numbers (attempts, retries, abandonment), so
/// if every model drew from the trial's one stream, a change to one model's behaviour would move
/// the numbers that every later draw sees: other models' threads, other profiles, later months.
/// With a stream per model, day counts and the mix split stay on the trial's stream (they do not
/// depend on behaviour), and `diff` of two scenarios that differ in one model shows exactly zero
/// for the others: common random numbers down to the thread.
enum ThreadStreams {
    /// "THRD"; profile `p`'s model `j` is child `key + p * 2^20 + j` of the trial's stream.
    static let key: UInt64 = 0x5448_5244

    /// The model streams of profile `profile` (a developer forecast is profile 0) in the trial
    /// whose stream is `trial`. Children do not depend on how much `trial` has drawn.
    static func children(of trial: RandomStream, profile: Int = 0, models: Int) -> [RandomStream] {
        (0..<models).map { trial.substream(key &+ (UInt64(profile) << 20) &+ UInt64($0)) }
    }

    /// Model streams for one developer of many drawn from `rng` (seat and plan paths, where a
    /// stream serves developer after developer): one 64-bit draw seeds them.
    static func children(drawingFrom rng: inout RandomStream, models: Int) -> [RandomStream] {
        let parent = RandomStream(seed: rng.next())
        return (0..<models).map { parent.substream(key &+ UInt64($0)) }
    }
}
