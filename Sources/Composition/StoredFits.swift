import Fitting
import Foundation
import Pricing
import Scenario
import Simulation
import ThreadStore

/// Resolves a scenario's `fit:` entries against the thread store: the fit asked for (or the
/// newest of the model) is read, decoded and turned into laws and replicates.
///
/// ```swift
/// let scenario = try ScenarioLoader.load(path: "scenarios/fitted.yaml", fits: StoredFits())
/// ```
///
/// The default database (no `db:` in the scenario) is ``ThreadStore/defaultPath(environment:)``.
public struct StoredFits: FitResolver {
    public init() {}

    public func resolve(_ reference: FitReference) throws(ScenarioError) -> StoredFit {
        let name = reference.model, priceKey = reference.priceKey
        let path = reference.database?.path ?? ThreadStore.defaultPath()
        let dbHint = reference.database == nil ? "the default thread database \(path)" : "\(path) (from 'db:')"
        let at = reference.position
        guard FileManager.default.fileExists(atPath: path) else {
            throw at.error(.fitDatabaseMissing(model: name, database: dbHint, path: path))
        }
        let fits: [FitRecord]
        do {
            fits = try ThreadStore(path: path).fits()
        } catch {
            throw (reference.database?.position ?? at).error(.unreadableFits("\(error)"))
        }
        func matches(_ record: FitRecord) -> Bool {
            record.model == name || record.model == priceKey || (try? Self.catalogKey(record.model)) == priceKey
        }
        let record: FitRecord
        switch reference.wanted {
        case .id(let wantedID):
            guard let found = fits.first(where: { $0.id == wantedID }) else {
                let stored = fits.prefix(8).map { "#\($0.id) (\($0.model))" }
                throw at.error(.noSuchFit(id: wantedID, database: dbHint, stored: stored))
            }
            guard matches(found) else {
                throw at.error(.fitOfOtherModel(id: wantedID, fitModel: found.model, model: name, priceKey: priceKey))
            }
            record = found
        case .latest:
            guard let found = fits.first(where: matches) else {
                let models = Set(fits.map(\.model)).sorted()
                throw at.error(
                    .noFitForModel(model: name, priceKey: priceKey, database: dbHint, path: path, fitted: models))
            }
            record = found
        }
        do {
            let fit = try BehaviourFit.decode(record.payload, id: record.id)
            // A kernel copula's tables are built once and shared by the estimate and every
            // replicate; scores that cannot be built refuse the fit (as validate and backtest do)
            // rather than leave the estimate independent and its replicates Gaussian.
            let kernel = try fit.estimate.kernelCopula?.copula()
            return StoredFit(
                id: record.id, estimate: try Self.estimate(fit.estimate),
                oneShotRate: fit.estimate.oneShotRate, offTheRailsRate: fit.estimate.offTheRailsRate,
                // A replicate whose laws cannot be built is left out.
                replicates: fit.replicates.compactMap { r in
                    guard let laws = try? r.laws() else { return nil }
                    // Left out too when its law of h given the turns cannot be built (nil is
                    // no such law, not a failure).
                    let given: HitRateGivenTurns?
                    do { given = try r.hitGivenTurns() } catch { return nil }
                    var families: [BehaviourDraw: String] = [
                        .turns: r.turns.family, .freshInputPerTurn: r.freshInputPerTurn.family,
                        .outputPerTurn: r.outputPerTurn.family,
                    ]
                    families[.baseContext] = r.baseContextLaw?.family
                    return StoredFit.Replicate(
                        laws: laws, oneShotRate: r.oneShotRate, offTheRailsRate: r.offTheRailsRate,
                        dependence: Self.dependence(r, kernel: kernel), hitGivenTurns: given,
                        families: families)
                },
                dependence: Self.dependence(fit.estimate, kernel: kernel),
                hitGivenTurns: try fit.estimate.hitGivenTurns())
        } catch {
            throw at.error(.undecodableFit("\(error)"))
        }
    }

    static func catalogKey(_ name: String) throws -> String { try PriceCatalog.builtIn.price(of: name).model }

    /// The point estimate's laws with the family and parameters each was fitted as; the base
    /// context is its law when fitted per thread, else a constant (as ``FitReplicate/laws()`` draws it).
    static func estimate(_ e: FitReplicate) throws(FittingError) -> [BehaviourDraw: StoredFit.Law] {
        let fitted: [BehaviourDraw: FittedLaw] = [
            .turns: e.turns, .freshInputPerTurn: e.freshInputPerTurn,
            .outputPerTurn: e.outputPerTurn, .cacheHitRate: e.cacheHitRate,
            .baseContext: e.baseContextLaw ?? FittedLaw(family: "constant", parameters: ["value": e.baseContext]),
        ]
        var laws: [BehaviourDraw: StoredFit.Law] = [:]
        for (draw, law) in try e.laws() {
            laws[draw] = StoredFit.Law(law: law, family: fitted[draw]?.family ?? "", parameters: fitted[draw]?.parameters ?? [:])
        }
        // h given the turns is what the kernel draws; the echo says so.
        if let given = e.cacheHitGivenTurns, let law = laws[.cacheHitRate] {
            laws[.cacheHitRate] = StoredFit.Law(law: law.law, family: HitRateGivenTurnsFit.family, parameters: given)
        }
        return laws
    }

    /// A stored correlation set as the kernel's dependence (a set that no longer factors is
    /// dropped: the draws fall back to independence rather than the forecast failing).
    /// A replicate of a fit that chose the kernel copula draws the point estimate's kernel.
    static func dependence(_ r: FitReplicate, kernel: KernelCopula? = nil) -> DrawDependence? {
        (try? r.drawDependence(kernel: kernel)) ?? nil
    }
}
