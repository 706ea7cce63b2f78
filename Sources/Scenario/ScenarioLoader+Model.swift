import Distributions
import NameMatching
import Pricing
import Simulation

extension ScenarioLoader {
    /// One entry of `models:`: a price key, a behaviour (preset plus overrides), uncertainty,
    /// a price path and published figures.
    static func parseModel(
        _ name: String, _ cursor: YAMLCursor, catalog: PriceCatalog, defaultPath: PricePath,
        fitDatabase: FitReference.Database? = nil, fits: (any FitResolver)? = nil
    ) throws(ScenarioError) -> ScenarioModel {
        let entries = try cursor.mapping(allowed: modelKeys)
        func entry(_ key: String) -> YAMLCursor? { entries.first { $0.key == key }?.value }

        var preset: BehaviourPreset?
        if let p = entry("preset") {
            let presetName = try p.string()
            guard let found = BehaviourPreset.builtIn[presetName] else {
                let close = EditDistance.closest(
                    to: presetName, among: BehaviourPreset.builtIn.keys.sorted(), limit: 2,
                    maxDistance: max(3, presetName.count / 2))
                throw p.error(.unknownPreset(presetName, close: close))
            }
            preset = found
        }

        let priceKey = try entry("price")?.string() ?? name
        let price: ModelPrice
        do {
            price = try catalog.price(of: priceKey)
        } catch {
            guard let given = entry("price") else {
                let example = ModelNameResolver.closest(to: name, among: catalog.models).first ?? "claude-opus-4-5"
                throw cursor.error(.modelWithoutPrice(model: name, example: example))
            }
            throw given.error(.unknownPrice(model: name, error))
        }

        var presetLayer = BehaviourLayer(oneShotRate: preset?.oneShotRate, offTheRailsRate: preset?.offTheRailsRate)
        var maxAttempts = preset?.maxAttempts ?? 3
        var window = price.contextWindow.map(Double.init)
        var summary = preset?.compactionSummary ?? 20_000
        var minutes = preset?.medianThreadMinutes
        if let preset {
            let pairs: [(BehaviourDraw, DistributionSpec)] = [
                (.turns, preset.turns), (.freshInputPerTurn, preset.freshInputPerTurn),
                (.outputPerTurn, preset.outputPerTurn), (.cacheHitRate, preset.cacheHitRate),
                (.baseContext, preset.baseContext),
            ]
            for (draw, spec) in pairs {
                presetLayer.specs[draw] = spec
                do { presetLayer.laws[draw] = try spec.make() } catch {
                    throw cursor.error(.badPresetLaw(preset: preset.name, draw: draw, error))
                }
            }
        }
        // A stored fit replaces the preset's laws; keys under `behaviour:` still override it.
        var reference: FitReference?, fitted: StoredFit?
        var fitLayer = BehaviourLayer()
        var fitMix: [BehaviourDraw: String] = [:]
        if let f = entry("fit") {
            let ref = try fitReference(f, model: name, priceKey: price.model, database: fitDatabase)
            guard let fits else {
                throw f.error(.fitWithoutResolver(model: name))
            }
            let resolved = try fits.resolve(ref)
            for (draw, fittedLaw) in resolved.estimate {
                fitLayer.laws[draw] = fittedLaw.law
                fitLayer.specs[draw] = DistributionSpec(
                    kind: "fit #\(resolved.id) \(fittedLaw.family)", parameters: fittedLaw.parameters)
                fitMix[draw] = Self.replicateMix(resolved, draw, fittedLaw.family)
            }
            fitLayer.oneShotRate = resolved.oneShotRate
            fitLayer.offTheRailsRate = resolved.offTheRailsRate
            fitLayer.dependence = .some(resolved.dependence)
            fitLayer.hitGivenTurns = resolved.hitGivenTurns
            reference = ref
            fitted = resolved
        }
        var given = BehaviourLayer()
        if let b = entry("behaviour") {
            for (key, value, _) in try b.mapping(allowed: behaviourKeys) {
                if let draw = BehaviourDraw(rawValue: key) {
                    let (spec, law) = try value.distribution()
                    try checkSupport(law, draw: draw, at: value)
                    given.specs[draw] = spec
                    given.laws[draw] = law
                    continue
                }
                switch key {
                case "one_shot_rate": given.oneShotRate = try value.probability()
                case "off_the_rails_rate": given.offTheRailsRate = try value.probability()
                case "max_attempts":
                    maxAttempts = try value.integer(min: 1)
                    if maxAttempts > 100 {
                        throw value.error(.tooManyAttempts(path: value.path, maxAttempts))
                    }
                case "context_window": window = try value.positive()
                case "compaction_summary": summary = try value.nonNegative()
                case "thread_minutes_p50": minutes = try value.positive()
                default: break
                }
            }
        }
        let stack = BehaviourLayer.stacked(presetLayer, fitLayer, given)
        let laws = stack.laws, specs = stack.specs, oneShot = stack.oneShotRate, offRails = stack.offTheRailsRate
        let missing =
            BehaviourDraw.allCases.filter { laws[$0] == nil }.map(\.rawValue) + (oneShot == nil ? ["one_shot_rate"] : [])
            + (offRails == nil ? ["off_the_rails_rate"] : [])
        if !missing.isEmpty {
            throw cursor.error(.missingBehaviour(model: name, missing: missing))
        }
        if let window, let s = specs[.baseContext], let law = laws[.baseContext], law.mean >= window {
            throw (entry("behaviour") ?? cursor).error(
                .baseContextExceedsWindow(model: name, mean: law.mean, kind: s.kind, window: window))
        }
        if let window, summary >= window {
            throw (entry("behaviour") ?? cursor).error(.summaryExceedsWindow(model: name, summary: summary, window: window))
        }

        var lifetime = CacheLifetime.fiveMinutes
        if let l = entry("cache_lifetime") {
            let s = try l.string()
            guard let v = CacheLifetime(rawValue: s) else { throw l.error(.badCacheLifetime(path: l.path, got: s)) }
            lifetime = v
        }

        guard let turns = laws[.turns], let fresh = laws[.freshInputPerTurn], let output = laws[.outputPerTurn],
            let hit = laws[.cacheHitRate], let base = laws[.baseContext], let oneShot, let offRails
        else { throw cursor.error(.incompleteBehaviour(model: name)) }
        var behaviour = ThreadBehaviour(
            turns: turns, freshInputPerTurn: fresh, outputPerTurn: output, cacheHitRate: hit,
            baseContext: base, oneShotRate: oneShot, offTheRailsRate: offRails,
            maxAttempts: maxAttempts, contextWindow: window, compactionSummary: summary, medianThreadMinutes: minutes)
        behaviour.cacheHitGivenTurns = stack.hitGivenTurns
        // Precedence as for laws: the preset has none, a fit's dependence, then `correlations:`.
        given.dependence = try entry("correlations").map { c throws(ScenarioError) in try parseCorrelations(c) }
        behaviour.setDependence(BehaviourLayer.stacked(presetLayer, fitLayer, given).dependence ?? nil)

        let uncertainty = try entry("uncertainty").map(parseUncertainty) ?? .none
        var path = defaultPath
        if let p = entry("price_path") { path = try parsePricePath(p, allowCorrelation: false).0 }
        let published = try entry("published").map(parsePublished)
        let echo =
            BehaviourDraw.allCases.compactMap { draw in
                // A law written under `behaviour:` replaces the fit's, its replicates' mix too.
                specs[draw].map { (draw.rawValue, describe($0) + (given.specs[draw] == nil ? fitMix[draw] ?? "" : "")) }
            } + [
                ("one_shot_rate", YAMLCursor.format(oneShot)), ("off_the_rails_rate", YAMLCursor.format(offRails)),
                ("max_attempts", String(maxAttempts)), ("context_window", window.map { YAMLCursor.format($0) } ?? "none"),
                (
                    "dependence",
                    Self.describeDependence(behaviour.dependence, handSet: given.dependence != nil, fitID: fitted?.id)
                ),
            ]
        let replicates =
            fitted.map {
                replicateBehaviours($0, given: given, template: behaviour)
            } ?? []
        return ScenarioModel(
            name: name, priced: PricedModel(name: name, price: price, behaviour: behaviour, cacheLifetime: lifetime),
            uncertainty: uncertainty, pricePath: path, preset: preset?.name, behaviourSpecs: echo, published: published,
            fitID: fitted?.id, replicates: replicates, fit: reference)
    }

    /// The echo of what couples the draws: independent, or the copula's family and where it
    /// came from (`correlations:` or the fit).
    static func describeDependence(_ d: DrawDependence?, handSet: Bool, fitID: Int64?) -> String {
        guard let d else { return "independent" }
        let family: String
        if let k = d.kernel {
            family =
                "kernel copula (bandwidth \(YAMLCursor.format(k.bandwidth)), around \(k.count) fitted threads' scores)"
        } else if let nu = d.degreesOfFreedom {
            family = "t copula (\(YAMLCursor.format(nu)) degrees of freedom)"
        } else {
            family = "Gaussian copula"
        }
        if handSet { return "correlations: " + family }
        return fitID.map { "fit #\($0) \(family)" } ?? family
    }

    /// Token counts and turns cannot be negative, and a hit rate lives in [0, 1].
    static func checkSupport(_ law: any UnivariateDistribution, draw: BehaviourDraw, at cursor: YAMLCursor) throws(ScenarioError)
    {
        let (lower, upper) = law.support
        if lower < 0 {
            throw cursor.error(.negativeSupport(path: cursor.path, law: law.description, draw: draw))
        }
        if draw == .cacheHitRate && upper > 1 {
            throw cursor.error(.rateAboveOne(path: cursor.path, law: law.description))
        }
    }

    static func parseUncertainty(_ cursor: YAMLCursor) throws(ScenarioError) -> BehaviourUncertainty {
        var u = BehaviourUncertainty()
        for (key, value, _) in try cursor.mapping(allowed: uncertaintyKeys) {
            switch key {
            case "turns_cv": u.turnsCV = try value.nonNegative()
            case "tokens_cv": u.tokensCV = try value.nonNegative()
            case "cache_hit_logit_sd": u.cacheHitLogitSD = try value.nonNegative()
            case "one_shot_sd": u.oneShotSD = try value.nonNegative()
            case "off_the_rails_sd": u.offTheRailsSD = try value.nonNegative()
            case "turns_tokens_correlation":
                u.turnsTokensCorrelation = try value.double()
                if !(-1 < u.turnsTokensCorrelation && u.turnsTokensCorrelation < 1) {
                    throw value.error(
                        .turnsTokensCorrelationOutOfRange(path: value.path, value: u.turnsTokensCorrelation))
                }
            default: break
            }
        }
        return u
    }

    static func parsePublished(_ cursor: YAMLCursor) throws(ScenarioError) -> PublishedFigures {
        var p = PublishedFigures()
        for (key, value, _) in try cursor.mapping(allowed: ["source", "average_thread_cost", "waste_share", "thread_minutes_p50"])
        {
            switch key {
            case "source": p.source = try value.string()
            case "average_thread_cost": p.averageThreadCost = try value.nonNegative()
            case "waste_share": p.wasteShare = try value.probability()
            case "thread_minutes_p50": p.medianThreadMinutes = try value.positive()
            default: break
            }
        }
        return p
    }

    static func describe(_ spec: DistributionSpec) -> String {
        if spec.kind == "constant", let v = spec.parameters["value"] { return YAMLCursor.format(v) }
        if spec.kind == "empirical" { return "empirical (\(spec.values.count) values)" }
        let params = spec.parameters.keys.sorted().map { "\($0) \(YAMLCursor.format(spec.parameters[$0] ?? 0))" }
        return "\(spec.kind) (\(params.joined(separator: ", ")))"
    }

    /// The families the fit's replicates chose for `draw`, when some chose another than the
    /// estimate's (`family`): trials draw that mix, so the echo says so.
    static func replicateMix(_ fit: StoredFit, _ draw: BehaviourDraw, _ family: String) -> String {
        var counts: [String: Int] = [:]
        for r in fit.replicates { if let f = r.families[draw] { counts[f, default: 0] += 1 } }
        guard counts.keys.contains(where: { $0 != family }) else { return "" }
        let mix = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }
        return "; replicates: " + mix.joined(separator: ", ")
    }
}
