import Distributions

/// A named starting point for a model's behaviour, written as distribution specs so that it can
/// be echoed in reports and overridden key by key in a scenario.
public struct BehaviourPreset: Sendable {
    public var name: String
    /// Where the numbers come from, in a sentence.
    public var basis: String
    public var turns: DistributionSpec
    public var freshInputPerTurn: DistributionSpec
    public var outputPerTurn: DistributionSpec
    public var cacheHitRate: DistributionSpec
    public var baseContext: DistributionSpec
    public var oneShotRate: Double
    public var offTheRailsRate: Double
    public var maxAttempts: Int
    public var compactionSummary: Double
    public var medianThreadMinutes: Double?
}

extension BehaviourPreset {
    static func lognormal(_ median: Double, _ p90: Double) -> DistributionSpec {
        DistributionSpec(kind: "lognormal", parameters: ["median": median, "p90": p90])
    }
    static func turns(_ median: Double, _ p90: Double) -> DistributionSpec {
        DistributionSpec(kind: "discretised_lognormal", parameters: ["median": median, "p90": p90])
    }
    static func beta(_ mean: Double, _ sd: Double) -> DistributionSpec {
        DistributionSpec(kind: "beta", parameters: ["mean": mean, "sd": sd])
    }
    static func constant(_ v: Double) -> DistributionSpec {
        DistributionSpec(kind: "constant", parameters: ["value": v])
    }

    /// Built-in presets by name.
    ///
    /// The three Amp models are calibrated so that, at their catalog prices with three attempts
    /// at most, the simulated average thread cost and waste share match Amp's published table
    /// (DOMAIN.md section 2) within 5 %: the one-shot rate is Amp's internal-eval score, the
    /// off-the-rails rate is the published waste share (each attempt is off the rails with
    /// probability q, so the expected waste share is q), and the token scales were solved so the
    /// mean thread cost lands on the published figure. The others are stated estimates.
    public static let builtIn: [String: BehaviourPreset] = {
        let presets = [
            BehaviourPreset(
                name: "opus-4.5",
                basis: "calibrated to Amp's table: $2.05 per thread, 2.4 % waste, 57.3 % evals, p50 3.5 min",
                turns: turns(12, 40), freshInputPerTurn: lognormal(890, 2_900), outputPerTurn: lognormal(240, 760),
                cacheHitRate: beta(0.90, 0.05), baseContext: constant(10_600),
                oneShotRate: 0.573, offTheRailsRate: 0.024, maxAttempts: 3, compactionSummary: 20_000,
                medianThreadMinutes: 3.5),
            BehaviourPreset(
                name: "sonnet-4.5",
                basis: "calibrated to Amp's table: $2.75 per thread, 8.4 % waste, 37.1 % evals, p50 2.4 min",
                turns: turns(14, 48), freshInputPerTurn: lognormal(1_290, 4_300), outputPerTurn: lognormal(345, 1_075),
                cacheHitRate: beta(0.88, 0.06), baseContext: constant(11_500),
                oneShotRate: 0.371, offTheRailsRate: 0.084, maxAttempts: 3, compactionSummary: 20_000,
                medianThreadMinutes: 2.4),
            BehaviourPreset(
                name: "gemini-3-pro",
                basis: "calibrated to Amp's table: $2.04 per thread, 17.8 % waste, 53.7 % evals, p50 4.3 min",
                turns: turns(12, 40), freshInputPerTurn: lognormal(1_400, 4_650), outputPerTurn: lognormal(350, 1_160),
                cacheHitRate: beta(0.85, 0.07), baseContext: constant(12_000),
                oneShotRate: 0.537, offTheRailsRate: 0.178, maxAttempts: 3, compactionSummary: 20_000,
                medianThreadMinutes: 4.3),
            BehaviourPreset(
                name: "haiku-4.5",
                basis: "estimate: Opus-like threads with more turns and a lower one-shot rate",
                turns: turns(14, 45), freshInputPerTurn: lognormal(900, 3_000), outputPerTurn: lognormal(230, 740),
                cacheHitRate: beta(0.90, 0.05), baseContext: constant(10_600),
                oneShotRate: 0.40, offTheRailsRate: 0.06, maxAttempts: 3, compactionSummary: 20_000,
                medianThreadMinutes: 1.5),
            BehaviourPreset(
                name: "gpt-5.2",
                basis: "estimate: long reasoning output, fewer turns; about 4x slower than Opus",
                turns: turns(10, 35), freshInputPerTurn: lognormal(1_000, 3_300), outputPerTurn: lognormal(600, 2_000),
                cacheHitRate: beta(0.80, 0.08), baseContext: constant(9_000),
                oneShotRate: 0.55, offTheRailsRate: 0.05, maxAttempts: 3, compactionSummary: 20_000,
                medianThreadMinutes: 14),
            BehaviourPreset(
                name: "gemini-3-flash",
                basis: "estimate: many short turns at a low price",
                turns: turns(14, 50), freshInputPerTurn: lognormal(1_300, 4_500), outputPerTurn: lognormal(260, 900),
                cacheHitRate: beta(0.75, 0.10), baseContext: constant(9_000),
                oneShotRate: 0.40, offTheRailsRate: 0.12, maxAttempts: 3, compactionSummary: 20_000,
                medianThreadMinutes: 1.5),
            BehaviourPreset(
                name: "opus-4.6",
                basis: "estimate: Opus 4.5's calibrated threads (same list price); no published thread figures yet",
                turns: turns(12, 40), freshInputPerTurn: lognormal(890, 2_900), outputPerTurn: lognormal(240, 760),
                cacheHitRate: beta(0.90, 0.05), baseContext: constant(10_600),
                oneShotRate: 0.60, offTheRailsRate: 0.02, maxAttempts: 3, compactionSummary: 20_000,
                medianThreadMinutes: 3.5),
            BehaviourPreset(
                name: "gpt-5.2-codex",
                basis: "estimate: GPT-5.2 tuned for agentic coding: more, shorter turns and less reasoning output",
                turns: turns(14, 45), freshInputPerTurn: lognormal(1_000, 3_300), outputPerTurn: lognormal(350, 1_200),
                cacheHitRate: beta(0.85, 0.07), baseContext: constant(9_000),
                oneShotRate: 0.55, offTheRailsRate: 0.05, maxAttempts: 3, compactionSummary: 20_000,
                medianThreadMinutes: 8),
        ]
        return Dictionary(uniqueKeysWithValues: presets.map { ($0.name, $0) })
    }()
}
