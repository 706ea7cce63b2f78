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
        let path =
            written.hasPrefix("/")
            ? written
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
            throw cursor.error(.badFitReference(path: cursor.path, got: written))
        }
        return FitReference(wanted: wanted, model: name, priceKey: priceKey, database: database, position: cursor.position)
    }

    /// The behaviour of each bootstrap replicate: the replicate's laws, rates and dependence in
    /// the fit's place in ``BehaviourLayer/stacked(_:)``, so every key the scenario gave under
    /// `behaviour:` (and `correlations:`, even `independent`) overrides them as it overrides the
    /// estimate. Rates the replicate lacks are the model's (`template`'s); a replicate that lacks
    /// a law is left out.
    ///
    /// Built on the cores: each replicate's copula tables (a few hundred quantiles per law) are
    /// most of the time a fitted scenario takes to load.
    static func replicateBehaviours(_ fit: StoredFit, given: BehaviourLayer, template: ThreadBehaviour) -> [ThreadBehaviour] {
        let model = BehaviourLayer(oneShotRate: template.oneShotRate, offTheRailsRate: template.offTheRailsRate)
        let replicates = fit.replicates
        return ParallelLoop.map(replicates.count, workers: nil) { i -> ThreadBehaviour? in
            let r = replicates[i]
            let replicate = BehaviourLayer(
                laws: r.laws, oneShotRate: r.oneShotRate, offTheRailsRate: r.offTheRailsRate, dependence: .some(r.dependence),
                hitGivenTurns: r.hitGivenTurns)
            let stack = BehaviourLayer.stacked(model, replicate, given)
            let laws = stack.laws
            guard let t = laws[.turns], let u = laws[.freshInputPerTurn], let o = laws[.outputPerTurn],
                let h = laws[.cacheHitRate], let s = laws[.baseContext],
                let oneShot = stack.oneShotRate, let offRails = stack.offTheRailsRate
            else { return nil }
            var b = ThreadBehaviour(
                turns: t, freshInputPerTurn: u, outputPerTurn: o, cacheHitRate: h, baseContext: s,
                oneShotRate: oneShot, offTheRailsRate: offRails,
                maxAttempts: template.maxAttempts, contextWindow: template.contextWindow,
                compactionSummary: template.compactionSummary, medianThreadMinutes: template.medianThreadMinutes)
            b.cacheHitGivenTurns = stack.hitGivenTurns
            b.setDependence(stack.dependence ?? nil)
            return b
        }.compactMap { $0 }
    }
}
