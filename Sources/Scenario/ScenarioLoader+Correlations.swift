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
    /// `degrees_of_freedom: ν` among them makes it a t copula, each value converted to the shape
    /// correlation with that rank correlation under ν (``StudentRankCorrelation``); the Gaussian
    /// conversion would leave them up to 0.06 closer to zero.
    /// - Returns: nil for `independent`, else the dependence.
    static func parseCorrelations(_ cursor: YAMLCursor) throws(ScenarioError) -> DrawDependence? {
        if let word = try? cursor.string(), word == "independent" { return nil }
        var ranks: [(BehaviourDraw, BehaviourDraw, Double)] = []
        var degreesOfFreedom: (value: Double, cursor: YAMLCursor)?
        for (name, value, keyCursor) in try cursor.namedEntries() {
            if name == "degrees_of_freedom" {
                degreesOfFreedom = (try value.double(), value)
                continue
            }
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else {
                throw keyCursor.error(.correlationNotAPair(name: name, path: cursor.path))
            }
            var draws: [BehaviourDraw] = []
            for part in parts {
                guard let d = BehaviourDraw(rawValue: part) else {
                    let suggestion =
                        YAMLCursor.closest(part, BehaviourDraw.keys)
                        ?? BehaviourDraw.keys.first { $0.hasPrefix(part) || part.hasPrefix($0) }
                    throw keyCursor.error(.notADraw(part: part, path: "\(cursor.path).\(name)", suggestion: suggestion))
                }
                draws.append(d)
            }
            guard draws[0] != draws[1] else {
                throw keyCursor.error(.selfCorrelation(path: "\(cursor.path).\(name)", draw: parts[0]))
            }
            let rho = try value.double()
            guard rho.isFinite, abs(rho) <= 1 else {
                throw value.error(.rankCorrelationOutOfRange(path: value.path, value: rho))
            }
            ranks.append((draws[0], draws[1], rho))
        }
        // ν may come after the pairs it converts. An invalid ν keeps the Gaussian conversion, and
        // DrawDependence refuses it with the fix.
        let student = degreesOfFreedom.flatMap { StudentRankCorrelation(degreesOfFreedom: $0.value) }
        func shape(_ rho: Double) -> Double {
            student?.shape(spearman: rho) ?? DrawDependence.normalCorrelation(spearman: rho)
        }
        func rank(_ r: Double) -> Double {
            student?.spearman(shape: r) ?? DrawDependence.spearman(normalCorrelation: r)
        }
        let pairs = ranks.map { ($0.0, $0.1, shape($0.2)) }
        do {
            return try DrawDependence(pairs: pairs, degreesOfFreedom: degreesOfFreedom?.value)
        } catch let DependenceError.degreesOfFreedom(nu) {
            let at = degreesOfFreedom?.cursor ?? cursor
            throw at.error(.invalidCorrelations(path: at.path, .degreesOfFreedom(nu)))
        } catch let DependenceError.notPositiveDefinite(nearest) {
            // Offered back in the scale the user wrote: rank correlations.
            let list = nearest.map {
                "\($0.0).\($0.1): \(String(format: "%.2f", rank($0.2)))"
            }
            throw cursor.error(.inconsistentCorrelations(path: cursor.path, nearest: list))
        } catch {
            throw cursor.error(.invalidCorrelations(path: cursor.path, error))
        }
    }
}
