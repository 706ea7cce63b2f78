import Distributions
import Foundation
import Simulation

extension YAMLCursor {
    /// Where this node was written.
    var position: FilePosition { FilePosition(file: file, line: line, column: column) }
}

extension ScenarioLoader {
    /// The top-level `db:` that a scenario's `fit:` entries look in (relative to the scenario
    /// file); nil without one, when the resolver uses the default thread database.
    static func fitDatabase(_ cursor: YAMLCursor?, file: String) throws(ScenarioError) -> FitReference.Database? {
        guard let cursor else { return nil }
        let written = (try cursor.string() as NSString).expandingTildeInPath
        let path = written.hasPrefix("/") ? written
            : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(written).path
        return FitReference.Database(path: path, position: cursor.position)
    }

    /// Reads `fit: latest` or `fit: <id>` for model `name` priced as `priceKey`.
    static func fitReference(
        _ cursor: YAMLCursor, model name: String, priceKey: String, database: FitReference.Database?
    ) throws(ScenarioError) -> FitReference {
        let written = try cursor.string()
        let wanted: FitReference.Wanted
        if written == "latest" {
            wanted = .latest
        } else if let id = Int64(written), id > 0 {
            wanted = .id(id)
        } else {
            throw cursor.error("'\(cursor.path)' must be 'latest' or the number of a stored fit (tokencast fit prints it), got '\(written)'")
        }
        return FitReference(wanted: wanted, model: name, priceKey: priceKey, database: database, position: cursor.position)
    }

    /// The behaviour of each bootstrap replicate: the replicate's laws and rates, with every key
    /// the scenario gave under `behaviour:` overriding them as it overrides the estimate.
    static func replicateBehaviours(
        _ fit: StoredFit, overrides: [BehaviourDraw: any UnivariateDistribution], oneShot: Double?, offRails: Double?,
        template: ThreadBehaviour, dependence: DrawDependence?? = nil
    ) -> [ThreadBehaviour] {
        fit.replicates.compactMap { r in
            var laws = r.laws
            for (k, v) in overrides { laws[k] = v }
            guard let t = laws[.turns], let u = laws[.freshInputPerTurn], let o = laws[.outputPerTurn],
                  let h = laws[.cacheHitRate], let s = laws[.baseContext] else { return nil }
            var b = ThreadBehaviour(
                turns: t, freshInputPerTurn: u, outputPerTurn: o, cacheHitRate: h, baseContext: s,
                oneShotRate: oneShot ?? r.oneShotRate ?? template.oneShotRate,
                offTheRailsRate: offRails ?? r.offTheRailsRate ?? template.offTheRailsRate,
                maxAttempts: template.maxAttempts, contextWindow: template.contextWindow,
                compactionSummary: template.compactionSummary, medianThreadMinutes: template.medianThreadMinutes)
            // `correlations:` in the scenario (even `independent`) wins over each replicate's own.
            b.setDependence(dependence ?? r.dependence)
            return b
        }
    }
}
