import Foundation
import Scenario
import Simulation

/// The terminal rendering of a sensitivity analysis: a tornado of text bars and the variance shares.
public enum SensitivityText {
    public static func render(_ s: SensitivityResult, scenario: String, version: String, barWidth: Int = 24) -> String {
        var out = ["tokencast \(version) · sensitivity of \(scenario)"]
        out.append(
            "\(Money.grouped(Double(s.trials))) trials per swing, seed \(s.seed), same random numbers in every run; \(String(format: "%.1f", s.elapsedSeconds)) s"
        )
        out.append("")
        out.append("Mean spend per developer with every input at its median: \(Money.full(s.base))")
        out.append("Each input from its P10 to its P90, the others at their median (widest first):")
        if s.material.isEmpty {
            out.append("  (no input moves the mean by \(Money.percent(s.materialShare, digits: 0)) or more)")
        } else {
            let lo = min(s.material.map { min($0.low, $0.high) }.min() ?? s.base, s.base)
            let hi = max(s.material.map { max($0.low, $0.high) }.max() ?? s.base, s.base)
            let span = max(hi - lo, 1e-12)
            func col(_ v: Double) -> Int { Int(((v - lo) / span * Double(2 * barWidth)).rounded()) }
            let baseCol = col(s.base)
            var t = TextTable(header: ["input", "P10 – P90", "at P10", "", "at P90", "swing"], leftAligned: [0, 1, 3])
            for w in s.material {
                var line = Array(repeating: Character(" "), count: 2 * barWidth + 1)
                let a = col(w.low), b = col(w.high)
                for c in min(a, baseCol)...max(a, baseCol) where c != baseCol { line[c] = "-" }
                for c in min(b, baseCol)...max(b, baseCol) where c != baseCol { line[c] = "+" }
                line[baseCol] = "|"
                t.add([
                    w.input.name, w.input.rangeText, Money.full(w.low), String(line), Money.full(w.high),
                    Money.percent(w.swing / max(abs(s.base), 1e-12)),
                ])
            }
            out.append(t.render())
            out.append("  ('-' input at P10, '+' at P90, '|' the base)")
        }
        if !s.immaterial.isEmpty {
            out.append("")
            out.append(
                "No material effect (under \(Money.percent(s.materialShare, digits: 0)) of the base): "
                    + s.immaterial.map(\.input.name).joined(separator: ", "))
        }
        if !s.fixed.isEmpty {
            out.append("")
            out.append("Fixed in this scenario (no uncertainty given): " + s.fixed.map(\.name).joined(separator: ", "))
        }
        if !s.varianceShares.isEmpty {
            out.append("")
            out.append(
                "Share of the variance of spend, standardised regression over \(Money.grouped(Double(s.regressionTrials))) trials (R² \(String(format: "%.3f", s.rSquared))):"
            )
            var v = TextTable(header: ["shared draw", "coefficient", "share"], leftAligned: [0])
            for x in s.varianceShares { v.add([x.name, String(format: "%+.3f", x.coefficient), Money.percent(x.share)]) }
            v.add(["per-thread and per-day chance, non-linear effects", "", Money.percent(max(0, 1 - s.rSquared))])
            out.append(v.render())
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// The JSON form of a sensitivity analysis.
public struct SensitivityDocument: Codable, Sendable {
    public var tool = "tokencast"
    public var version: String
    public var kind = "sensitivity"
    public var scenario: String
    public var file: String
    public var seed: UInt64
    public var trialsPerSwing: Int
    public var base: Double
    public var materialShare: Double
    public var swings: [Swing]
    public var noMaterialEffect: [String]
    public var fixed: [String]
    public var varianceShares: [Share]
    public var rSquared: Double
    public var regressionTrials: Int

    public struct Swing: Codable, Sendable {
        public var input: String
        public var p10Setting: Double, p50Setting: Double, p90Setting: Double
        public var meanAtP10: Double, meanAtP90: Double
        enum CodingKeys: String, CodingKey {
            case input, p10Setting = "p10_setting", p50Setting = "p50_setting", p90Setting = "p90_setting"
            case meanAtP10 = "mean_at_p10", meanAtP90 = "mean_at_p90"
        }
    }

    public struct Share: Codable, Sendable {
        public var draw: String
        public var coefficient: Double
        public var share: Double
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, kind, scenario, file, seed, trialsPerSwing = "trials_per_swing", base
        case materialShare = "material_share", swings, noMaterialEffect = "no_material_effect", fixed
        case varianceShares = "variance_shares", rSquared = "r_squared", regressionTrials = "regression_trials"
    }

    public init(_ r: SensitivityResult, scenario: Scenario, version: String) {
        self.version = version
        self.scenario = scenario.name
        file = scenario.file
        seed = r.seed
        trialsPerSwing = r.trials
        base = r.base
        materialShare = r.materialShare
        swings = (r.material + r.immaterial).map {
            Swing(
                input: $0.input.name, p10Setting: $0.input.low, p50Setting: $0.input.base, p90Setting: $0.input.high,
                meanAtP10: $0.low, meanAtP90: $0.high)
        }
        noMaterialEffect = r.immaterial.map(\.input.name)
        fixed = r.fixed.map(\.name)
        varianceShares = r.varianceShares.map { Share(draw: $0.name, coefficient: $0.coefficient, share: $0.share) }
        rSquared = r.rSquared
        regressionTrials = r.regressionTrials
    }
}
