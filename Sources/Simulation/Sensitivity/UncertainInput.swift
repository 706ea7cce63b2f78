import Distributions
import Foundation

/// One input of a forecast that is uncertain, with its low (P10), base (P50) and high (P90)
/// settings: what a one-at-a-time sensitivity run swings.
///
/// Settings are read from the input's own uncertainty, as the forecast draws it:
/// - turns, fresh input, output, base context: the trial's multiplier of the law's location,
///   lognormal with mean 1 and the scenario's `turns_cv` (turns) or `tokens_cv` (the three
///   token laws, which the forecast moves together);
/// - cache hit rate: the shift of its log-odds, normal with sd `cache_hit_logit_sd`;
/// - one-shot and off-the-rails rates: the rate moved on the log-odds scale by the normal of
///   ``BehaviourUncertainty`` (`one_shot_sd`, `off_the_rails_sd`);
/// - price path: the yearly price change, normal(`annual_change`, `annual_change_sd`);
/// - threads per day: the developer's own mean, gamma with the profile's mean and `developer_cv`.
///
/// An input whose uncertainty is zero has equal settings and is reported as fixed.
public struct UncertainInput: Sendable, Hashable {
    public enum Parameter: String, Sendable, Hashable, CaseIterable {
        case turns, freshInput = "fresh input", output, cacheHit = "cache hit rate", baseContext = "base context"
        case oneShot = "one-shot rate", offTheRails = "off-the-rails rate", pricePath = "price change", threadsPerDay =
            "threads per day"
    }

    public var parameter: Parameter
    /// The model's index in the spec; nil for inputs of the developer (threads per day).
    public var model: Int?
    /// How a report names it: `opus · turns`.
    public var name: String
    public var low: Double
    public var base: Double
    public var high: Double

    public var isFixed: Bool { low == high }

    /// A setting as a person reads it: `×1.19`, `+0.23 log-odds`, `62.0 %`, `-10 %/yr`, `6.1/day`.
    public func describe(_ v: Double) -> String {
        switch parameter {
        case .turns, .freshInput, .output, .baseContext: String(format: "×%.2f", v)
        case .cacheHit: String(format: "%+.2f log-odds", v)
        case .oneShot, .offTheRails: String(format: "%.1f %%", v * 100)
        case .pricePath: String(format: "%+.0f %%/yr", v * 100)
        case .threadsPerDay: String(format: "%.1f/day", v)
        }
    }

    /// `×0.82 – ×1.19`.
    public var rangeText: String { "\(describe(low)) – \(describe(high))" }
}

extension UncertainInput {
    static let z90 = normalQuantile(0.9)

    /// P10, P50, P90 of a lognormal multiplier with mean 1 and coefficient of variation `cv`.
    static func multiplier(cv: Double) -> (Double, Double, Double) {
        guard cv > 0 else { return (1, 1, 1) }
        let s2 = log1p(cv * cv), s = s2.squareRoot()
        return (exp(-z90 * s - s2 / 2), exp(-s2 / 2), exp(z90 * s - s2 / 2))
    }

    /// A rate `p` moved on the log-odds scale by `sd / (p(1-p))` times `z`, as ``BehaviourUncertainty`` does.
    static func shifted(_ p: Double, sd: Double, _ z: Double) -> Double {
        guard sd > 0, p > 0, p < 1 else { return p }
        return 1 / (1 + exp(-(log(p / (1 - p)) + sd / (p * (1 - p)) * z)))
    }

    /// Every uncertain input of `spec`, fixed ones included, in a stable order: per model its
    /// behaviour and price, then threads per day.
    public static func all(in spec: DeveloperForecastSpec) -> [UncertainInput] {
        var out: [UncertainInput] = []
        for (i, m) in spec.models.enumerated() {
            let u = spec.uncertainty[i], b = m.behaviour
            func add(_ p: Parameter, _ s: (Double, Double, Double)) {
                out.append(
                    UncertainInput(parameter: p, model: i, name: "\(m.name) · \(p.rawValue)", low: s.0, base: s.1, high: s.2))
            }
            add(.turns, multiplier(cv: u.turnsCV))
            add(.freshInput, multiplier(cv: u.tokensCV))
            add(.output, multiplier(cv: u.tokensCV))
            add(.baseContext, multiplier(cv: u.tokensCV))
            add(.cacheHit, (-z90 * u.cacheHitLogitSD, 0, z90 * u.cacheHitLogitSD))
            add(
                .oneShot,
                (shifted(b.oneShotRate, sd: u.oneShotSD, -z90), b.oneShotRate, shifted(b.oneShotRate, sd: u.oneShotSD, z90)))
            add(
                .offTheRails,
                (
                    shifted(b.offTheRailsRate, sd: u.offTheRailsSD, -z90), b.offTheRailsRate,
                    shifted(b.offTheRailsRate, sd: u.offTheRailsSD, z90)
                ))
            let path = spec.pricePaths[i]
            add(
                .pricePath,
                (path.annualChange - z90 * path.annualChangeSD, path.annualChange, path.annualChange + z90 * path.annualChangeSD))
        }
        let d = spec.demand
        var perDay = (d.meanPerDay, d.meanPerDay, d.meanPerDay)
        if d.developerCV > 0,
            let g = try? Gamma(shape: 1 / (d.developerCV * d.developerCV), scale: d.meanPerDay * d.developerCV * d.developerCV)
        {
            perDay = (g.quantile(0.1), g.quantile(0.5), g.quantile(0.9))
        }
        out.append(
            UncertainInput(
                parameter: .threadsPerDay, model: nil, name: "threads per day", low: perDay.0, base: perDay.1, high: perDay.2))
        return out
    }

    /// `spec` with every uncertainty removed and each input at the given setting
    /// (`settings[k]` for `inputs[k]`): a forecast where only per-thread and per-day chance varies.
    static func fixedSpec(_ spec: DeveloperForecastSpec, inputs: [UncertainInput], settings: [Double]) -> DeveloperForecastSpec {
        var s = spec
        s.uncertainty = Array(repeating: .none, count: spec.models.count)
        s.demand.developerCV = 0
        for (input, v) in zip(inputs, settings) {
            guard let i = input.model else {
                s.demand.meanPerDay = v
                continue
            }
            var b = s.models[i].behaviour
            switch input.parameter {
            case .turns: if v != 1 { b.turns = ScaledLaw(base: b.turns, factor: v) }
            case .freshInput: if v != 1 { b.freshInputPerTurn = ScaledLaw(base: b.freshInputPerTurn, factor: v) }
            case .output: if v != 1 { b.outputPerTurn = ScaledLaw(base: b.outputPerTurn, factor: v) }
            case .baseContext: if v != 1 { b.baseContext = ScaledLaw(base: b.baseContext, factor: v) }
            case .cacheHit:
                if v != 0 {
                    b.cacheHitRate = LogitShiftedLaw(base: b.cacheHitRate, shift: v)
                    // h given the turns replaces the law's draw: shift its logit too.
                    b.cacheHitGivenTurns?.location += v
                }
            case .oneShot: b.oneShotRate = v
            case .offTheRails: b.offTheRailsRate = v
            case .pricePath: s.pricePaths[i] = PricePath(annualChange: v, annualChangeSD: 0)
            case .threadsPerDay: break
            }
            s.models[i].behaviour = b
        }
        return s
    }
}
