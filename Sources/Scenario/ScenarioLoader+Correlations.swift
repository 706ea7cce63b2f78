import Foundation
import Simulation

extension ScenarioLoader {
    /// A model's `correlations:`: Spearman rank correlations between its per-attempt draws, as
    /// `draw.draw: value`, or `independent` to drop a fit's dependence.
    ///
    /// ```yaml
    /// correlations:
    ///   turns.cache_hit_rate: 0.8
    ///   turns.fresh_input_per_turn: -0.5
    /// ```
    /// Each value is converted to the copula's normal-score correlation, 2 sin(π ρ_S / 6).
    /// - Returns: nil for `independent`, else the dependence.
    static func parseCorrelations(_ cursor: YAMLCursor) throws(ScenarioError) -> DrawDependence? {
        if let word = try? cursor.string(), word == "independent" { return nil }
        var pairs: [(BehaviourDraw, BehaviourDraw, Double)] = []
        for (name, value, keyCursor) in try cursor.namedEntries() {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else {
                throw keyCursor.error(
                    "'\(name)' in '\(cursor.path)' must name two draws joined by a dot, e.g. turns.cache_hit_rate; the draws are \(BehaviourDraw.keys.joined(separator: ", "))"
                )
            }
            var draws: [BehaviourDraw] = []
            for part in parts {
                guard let d = BehaviourDraw(rawValue: part) else {
                    let suggestion =
                        YAMLCursor.closest(part, BehaviourDraw.keys)
                        ?? BehaviourDraw.keys.first { $0.hasPrefix(part) || part.hasPrefix($0) }
                    let close = suggestion.map { "did you mean '\($0)'? " } ?? ""
                    throw keyCursor.error(
                        "'\(part)' in '\(cursor.path).\(name)' is not a per-attempt draw: \(close)use one of \(BehaviourDraw.keys.joined(separator: ", "))"
                    )
                }
                draws.append(d)
            }
            guard draws[0] != draws[1] else {
                throw keyCursor.error(
                    "'\(cursor.path).\(name)' pairs \(parts[0]) with itself: a correlation names two different draws")
            }
            let rho = try value.double()
            guard rho.isFinite, abs(rho) <= 1 else {
                throw value.error(
                    "'\(value.path)' is a rank correlation and must be between -1 and 1, got \(YAMLCursor.format(rho))")
            }
            pairs.append((draws[0], draws[1], DrawDependence.normalCorrelation(spearman: rho)))
        }
        do {
            return try DrawDependence(pairs: pairs)
        } catch let DependenceError.notPositiveDefinite(nearest) {
            // Offered back in the scale the user wrote: rank correlations.
            let list = nearest.map {
                "\($0.0).\($0.1): \(String(format: "%.2f", DrawDependence.spearman(normalCorrelation: $0.2)))"
            }
            throw cursor.error(
                "the correlations in '\(cursor.path)' are not mutually consistent (no joint law has them all): the nearest valid set is \(list.joined(separator: ", "))"
            )
        } catch {
            throw cursor.error("'\(cursor.path)': \(error.description)")
        }
    }
}
