import Distributions
import Fitting
import Foundation
import Pricing
import Simulation
import ThreadStore

/// Where a scenario's `fit:` entries look for stored fits: the top-level `db:` (relative to the
/// scenario file) or the default thread database.
struct FitSource {
    var path: String
    /// The `db:` entry, for messages; nil when the default path is used.
    var cursor: YAMLCursor?

    static func from(_ cursor: YAMLCursor?, file: String) throws(ScenarioError) -> FitSource {
        guard let cursor else { return FitSource(path: ThreadStore.defaultPath(), cursor: nil) }
        let written = (try cursor.string() as NSString).expandingTildeInPath
        let path = written.hasPrefix("/") ? written
            : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(written).path
        return FitSource(path: path, cursor: cursor)
    }
}

/// A stored fit resolved for one model of a scenario.
struct ResolvedFit {
    var id: Int64
    var fit: BehaviourFit
    var estimate: [String: any UnivariateDistribution]
    var replicates: [FitReplicate]
}

extension ScenarioLoader {
    /// Reads `fit: latest` or `fit: <id>` for model `name` priced as `priceKey`.
    static func resolveFit(_ cursor: YAMLCursor, model name: String, priceKey: String, source: FitSource) throws(ScenarioError) -> ResolvedFit {
        let written = try cursor.string()
        let wantedID: Int64?
        if written == "latest" {
            wantedID = nil
        } else if let id = Int64(written), id > 0 {
            wantedID = id
        } else {
            throw cursor.error("'\(cursor.path)' must be 'latest' or the number of a stored fit (tokencast fit prints it), got '\(written)'")
        }
        let dbHint = source.cursor == nil ? "the default thread database \(source.path)" : "\(source.path) (from 'db:')"
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw cursor.error("model '\(name)' asks for a stored fit but \(dbHint) does not exist: import logs and run tokencast fit --db \(source.path), or point 'db:' at your thread database")
        }
        let fits: [FitRecord]
        do {
            fits = try ThreadStore(path: source.path).fits()
        } catch {
            throw (source.cursor ?? cursor).error("cannot read stored fits: \(error)")
        }
        func matches(_ record: FitRecord) -> Bool {
            record.model == name || record.model == priceKey || (try? catalogKey(record.model)) == priceKey
        }
        let record: FitRecord
        if let wantedID {
            guard let found = fits.first(where: { $0.id == wantedID }) else {
                let list = fits.prefix(8).map { "#\($0.id) (\($0.model))" }.joined(separator: ", ")
                throw cursor.error("there is no fit #\(wantedID) in \(dbHint): \(fits.isEmpty ? "no fits are stored; run tokencast fit" : "stored fits are \(list)")")
            }
            guard matches(found) else {
                throw cursor.error("fit #\(wantedID) is of model '\(found.model)', not '\(name)' (\(priceKey)): use a fit of this model, or fit: latest")
            }
            record = found
        } else {
            guard let found = fits.first(where: matches) else {
                let models = Set(fits.map(\.model)).sorted()
                throw cursor.error("no stored fit for model '\(name)' (\(priceKey)) in \(dbHint): run tokencast fit --model \(priceKey) --db \(source.path)\(models.isEmpty ? "" : " (fits exist for \(models.joined(separator: ", ")))")")
            }
            record = found
        }
        do {
            let fit = try BehaviourFit.decode(record.payload, id: record.id)
            return ResolvedFit(id: record.id, fit: fit, estimate: try fit.estimate.laws(), replicates: fit.replicates)
        } catch {
            throw cursor.error("\(error)")
        }
    }

    static func catalogKey(_ name: String) throws -> String { try PriceCatalog.builtIn.price(of: name).model }

    /// The behaviour of each bootstrap replicate: the replicate's laws and rates, with every key
    /// the scenario gave under `behaviour:` overriding them as it overrides the estimate.
    static func replicateBehaviours(
        _ fit: ResolvedFit, overrides: [String: any UnivariateDistribution], oneShot: Double?, offRails: Double?,
        template: ThreadBehaviour
    ) -> [ThreadBehaviour] {
        fit.replicates.compactMap { r in
            guard var laws = try? r.laws() else { return nil }
            for (k, v) in overrides { laws[k] = v }
            guard let t = laws["turns"], let u = laws["fresh_input_per_turn"], let o = laws["output_per_turn"],
                  let h = laws["cache_hit_rate"], let s = laws["base_context"] else { return nil }
            return ThreadBehaviour(
                turns: t, freshInputPerTurn: u, outputPerTurn: o, cacheHitRate: h, baseContext: s,
                oneShotRate: oneShot ?? r.oneShotRate ?? template.oneShotRate,
                offTheRailsRate: offRails ?? r.offTheRailsRate ?? template.offTheRailsRate,
                maxAttempts: template.maxAttempts, contextWindow: template.contextWindow,
                compactionSummary: template.compactionSummary, medianThreadMinutes: template.medianThreadMinutes)
        }
    }
}
