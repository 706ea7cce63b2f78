import Distributions
import Foundation
import NameMatching
import Pricing
import Simulation
import Yams

/// Reads a scenario file into a validated ``Scenario``.
///
/// Every mistake is a ``ScenarioError`` naming file:line:column and the fix; nothing in a file
/// can make the loader trap.
public enum ScenarioLoader {
    static let topLevelKeys = [
        "name", "description", "trials", "seed", "calendar", "developer", "models", "prices", "price_path", "db", "plans",
        "profiles", "self_hosting", "workday", "team", "budget",
    ]
    static let modelKeys = [
        "price", "preset", "fit", "behaviour", "correlations", "uncertainty", "price_path", "published", "cache_lifetime",
    ]
    static let behaviourKeys =
        BehaviourDraw.keys + [
            "one_shot_rate", "off_the_rails_rate", "max_attempts", "context_window", "compaction_summary", "thread_minutes_p50",
        ]
    static let uncertaintyKeys = [
        "turns_cv", "tokens_cv", "cache_hit_logit_sd", "one_shot_sd", "off_the_rails_sd", "turns_tokens_correlation",
    ]

    /// Loads `path`.
    /// - Parameters:
    ///   - path: the scenario file.
    ///   - catalog: the prices to resolve models against; when it comes from `--prices`, pass
    ///     `catalogFromCommandLine: true` so that the scenario's own `prices.file` does not replace it.
    ///   - fits: resolves `fit:` entries (`StoredFits` in `Composition` reads the thread store);
    ///     without one, a model with `fit:` is an error.
    /// - Throws: ``ScenarioError``.
    public static func load(
        path: String, catalog: PriceCatalog = .builtIn, catalogFromCommandLine: Bool = false, fits: (any FitResolver)? = nil
    ) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw .whole(path, exists ? .unreadableFile : missingFile(path))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .whole(path, .notUTF8)
        }
        return try parse(text, file: path, catalog: catalog, catalogFromCommandLine: catalogFromCommandLine, fits: fits)
    }

    /// A missing scenario: the closest name among the folder's scenarios, else what it holds.
    static func missingFile(_ path: String) -> ScenarioError.Rule {
        let folder = (path as NSString).deletingLastPathComponent
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        func inFolder(_ name: String) -> String { folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name) }
        let best = EditDistance.closest(to: (path as NSString).lastPathComponent, among: names, limit: 1).first
        return .noSuchFile(didYouMean: best.map(inFolder), folder: folder, names: names)
    }

    /// Parses scenario `text`; `file` is used in messages and to resolve relative paths.
    public static func parse(
        _ text: String, file: String, catalog: PriceCatalog = .builtIn, catalogFromCommandLine: Bool = false,
        fits: (any FitResolver)? = nil
    ) throws(ScenarioError) -> Scenario {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError.whole(file, .emptyFile)
            }
            root = node
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw .whole(file, .invalidYAMLText("\(error)"))
        }
        return try build(
            YAMLCursor(node: root, path: "", file: file), catalog: catalog, catalogFromCommandLine: catalogFromCommandLine,
            fits: fits)
    }

    static func yamlError(_ error: YamlError, file: String) -> ScenarioError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            return ScenarioError(
                file: file, line: mark.line, column: mark.column, rule: .invalidYAML(problem: problem, context: context?.text))
        default:
            return .whole(file, .invalidYAMLText("\(error)"))
        }
    }

    static func build(
        _ root: YAMLCursor, catalog startCatalog: PriceCatalog, catalogFromCommandLine: Bool, fits: (any FitResolver)?
    ) throws(ScenarioError) -> Scenario {
        let entries = try root.mapping(allowed: topLevelKeys)
        func entry(_ key: String) -> YAMLCursor? { entries.first { $0.key == key }?.value }

        var name = URL(fileURLWithPath: root.file).deletingPathExtension().lastPathComponent
        if let n = entry("name") { name = try n.string() }
        let summary = try entry("description")?.string()
        let trials = try entry("trials")?.integer(min: 1) ?? 10_000
        if trials > Scenario.allowedTrials.upperBound, let t = entry("trials") {
            throw t.error(.tooManyTrials(trials))
        }
        let seed = try entry("seed").map { c throws(ScenarioError) -> UInt64 in UInt64(try c.integer(min: 0)) } ?? 42

        let calendar = try parseCalendar(entry("calendar"), root: root)
        var catalog = startCatalog
        if let prices = entry("prices") { try applyPrices(prices, to: &catalog, fileGiven: catalogFromCommandLine) }
        let (globalPath, priceCorrelation) = try parsePricePath(entry("price_path"), allowCorrelation: true)

        guard let modelsCursor = entry("models") else {
            throw root.error(.noModels)
        }
        let namedModels = try modelsCursor.namedEntries()
        guard !namedModels.isEmpty else { throw modelsCursor.error(.emptyModels) }
        var models: [ScenarioModel] = []
        let database = try fitDatabase(entry("db"), file: root.file)
        for (modelName, cursor, _) in namedModels {
            models.append(
                try parseModel(modelName, cursor, catalog: catalog, defaultPath: globalPath, fitDatabase: database, fits: fits))
        }

        // Plans first: a team profile's seat may name one defined there.
        let plans = try entry("plans").map { c throws(ScenarioError) in try parsePlans(c, file: root.file) } ?? []
        let workday = try entry("workday").map { c throws(ScenarioError) in try parseWorkday(c, default: Workday()) } ?? Workday()
        let team = try entry("team").map { c throws(ScenarioError) in
            try parseTeam(c, models: models, calendar: calendar, plans: plans, workday: workday)
        }
        let (demand, mix): (ThreadDemand, [Double])
        if let team, entry("developer") == nil, entry("profiles") == nil, let first = team.profiles.first {
            (demand, mix) = (first.demand, first.mix)
        } else {
            (demand, mix) = try developerOrFirstProfile(entry, models: models.map(\.name), root: root)
        }
        let budget = try entry("budget").map { c throws(ScenarioError) in try parseBudget(c, calendar: calendar) }
        var scenario = Scenario(
            file: root.file, name: name, summary: summary, trials: trials, seed: seed, calendar: calendar,
            demand: demand, models: models, mix: mix, priceCorrelation: priceCorrelation, catalog: catalog,
            team: team, budget: budget)
        scenario.plans = plans
        try parsePlanSections(entry, into: &scenario)
        return scenario
    }

    static func parseCalendar(_ cursor: YAMLCursor?, root: YAMLCursor) throws(ScenarioError) -> WorkCalendar {
        var startYear = 2027, startMonth = 1, months = 12, workingDays = 230
        if let cursor {
            for (key, value, _) in try cursor.mapping(allowed: ["start", "months", "working_days"]) {
                switch key {
                case "start":
                    let s = try value.string()
                    let parts = s.split(separator: "-")
                    guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m),
                        (1900...9999).contains(y)
                    else {
                        throw value.error(.badCalendarStart(s))
                    }
                    startYear = y
                    startMonth = m
                case "months":
                    months = try value.integer(min: 1)
                    if months > 120 { throw value.error(.horizonTooLong(months: months)) }
                case "working_days":
                    workingDays = try value.integer(min: 0)
                    if workingDays > 366 {
                        throw value.error(.tooManyWorkingDays(workingDays))
                    }
                default: break
                }
            }
        }
        return WorkCalendar.spreading(
            workingDaysPerYear: workingDays, startYear: startYear, startMonth: startMonth, count: months)
    }

    static func parseDeveloper(_ cursor: YAMLCursor?, models: [String], root: YAMLCursor) throws(ScenarioError) -> (
        ThreadDemand, [Double]
    ) {
        guard let cursor else {
            throw root.error(.noDeveloper)
        }
        var demand: ThreadDemand?
        var mix: [Double]?
        for (key, value, _) in try cursor.mapping(allowed: ["threads_per_day", "mix"]) {
            switch key {
            case "threads_per_day":
                demand = try parseThreadsPerDay(value)
            case "mix":
                mix = try parseMix(value, models: models)
            default: break
            }
        }
        guard let demand else {
            throw cursor.error(.developerNeedsThreadsPerDay)
        }
        if mix == nil {
            guard models.count == 1 else {
                throw cursor.error(.developerNeedsMix(models: models))
            }
            mix = [1]
        }
        return (demand, mix ?? [1])
    }

    /// A mapping of model names to shares of threads that sum to 1 (`mix:` wherever it appears).
    static func parseMix(_ cursor: YAMLCursor, models: [String]) throws(ScenarioError) -> [Double] {
        var shares = [Double](repeating: 0, count: models.count)
        for (name, value, keyCursor) in try cursor.namedEntries() {
            guard let i = models.firstIndex(of: name) else {
                throw keyCursor.error(
                    .notAModel(path: cursor.path, name: name, suggestion: YAMLCursor.closest(name, models), models: models))
            }
            shares[i] = try value.probability()
        }
        try checkSum(shares.reduce(0, +), at: cursor)
        return shares
    }

    static func checkSum(_ total: Double, at cursor: YAMLCursor) throws(ScenarioError) {
        guard abs(total - 1) > 1e-6 else { return }
        throw cursor.error(.sharesDoNotSumToOne(path: cursor.path, total: total))
    }

    /// `threads_per_day`: a number (Poisson days) or {mean, day_dispersion, developer_cv}.
    static func parseThreadsPerDay(_ value: YAMLCursor) throws(ScenarioError) -> ThreadDemand {
        if case .scalar = value.node {
            let mean = try value.nonNegative()
            if mean > 10_000 {
                throw value.error(.tooManyThreadsPerDay(path: value.path, mean: mean))
            }
            return ThreadDemand(meanPerDay: mean)
        }
        var mean: Double?, dispersion: Double?, cv = 0.0
        for (k, v, _) in try value.mapping(allowed: ["mean", "day_dispersion", "developer_cv"]) {
            switch k {
            case "mean": mean = try v.nonNegative()
            case "day_dispersion": dispersion = try v.positive()
            case "developer_cv": cv = try v.nonNegative()
            default: break
            }
        }
        guard let mean else { throw value.error(.threadsPerDayNeedsMean(path: value.path)) }
        if mean > 10_000 {
            throw value.error(.tooManyThreadsPerDay(path: value.path + ".mean", mean: mean))
        }
        if cv > 5 {
            throw value.error(.implausibleDeveloperCV(path: value.path + ".developer_cv", cv: cv))
        }
        return ThreadDemand(meanPerDay: mean, dayDispersion: dispersion, developerCV: cv)
    }

    static func round6(_ x: Double) -> String {
        let r = (x * 1e6).rounded() / 1e6
        return YAMLCursor.format(r)
    }

    static func parsePricePath(_ cursor: YAMLCursor?, allowCorrelation: Bool) throws(ScenarioError) -> (PricePath, Double) {
        guard let cursor else { return (.flat, 0) }
        var path = PricePath()
        var correlation = 0.0
        let allowed =
            allowCorrelation ? ["annual_change", "annual_change_sd", "correlation"] : ["annual_change", "annual_change_sd"]
        for (key, value, _) in try cursor.mapping(allowed: allowed) {
            switch key {
            case "annual_change":
                path.annualChange = try value.double()
                if path.annualChange <= -1 || path.annualChange > 10 {
                    throw value.error(.annualChangeOutOfRange(path: value.path, value: path.annualChange))
                }
            case "annual_change_sd": path.annualChangeSD = try value.nonNegative()
            case "correlation":
                correlation = try value.double()
                if !(-1...1).contains(correlation) {
                    throw value.error(.correlationOutOfRange(path: value.path, value: correlation))
                }
            default: break
            }
        }
        return (path, correlation)
    }

    static func applyPrices(_ cursor: YAMLCursor, to catalog: inout PriceCatalog, fileGiven: Bool) throws(ScenarioError) {
        let entries = try cursor.mapping(allowed: ["file", "overrides"])
        // A price file replaces the built-in catalog; `--prices` on the command line wins over it.
        if let file = entries.first(where: { $0.key == "file" })?.value, !fileGiven {
            let written = try file.string()
            let path =
                written.hasPrefix("/")
                ? written
                : URL(fileURLWithPath: cursor.file).deletingLastPathComponent().appendingPathComponent(written).path
            do {
                catalog = try PriceCatalog(liteLLMFile: path)
            } catch {
                throw file.error(.badPriceFile(error))
            }
        }
        for (key, value, _) in entries where key == "overrides" {
            for (modelKey, prices, keyCursor) in try value.namedEntries() {
                var price: ModelPrice
                do { price = try catalog.price(of: modelKey) } catch {
                    // A new model: start from zero prices; the override must then give input and output.
                    price = ModelPrice(
                        model: modelKey, provider: "custom", input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0,
                        caching: .implicit)
                    let given = try prices.mapping(allowed: priceOverrideKeys).map(\.key)
                    if !given.contains("input") || !given.contains("output") {
                        throw keyCursor.error(
                            .overrideNeedsInputAndOutput(model: modelKey, didYouMean: suggestion(for: modelKey, in: catalog)))
                    }
                }
                price.model = modelKey
                for (k, v, _) in try prices.mapping(allowed: priceOverrideKeys) {
                    if k == "caching" {
                        let s = try v.string()
                        guard let kind = CachingKind(rawValue: s) else {
                            throw v.error(.badCachingKind(path: v.path, got: s))
                        }
                        price.caching = kind
                        continue
                    }
                    let perMillion = try v.double()
                    guard perMillion >= 0 else {
                        throw v.error(.negativePrice(path: v.path, value: perMillion))
                    }
                    let perToken = perMillion / 1_000_000
                    switch k {
                    case "input": price.input = perToken
                    case "output": price.output = perToken
                    case "cache_read": price.cacheRead = perToken
                    case "cache_write_5m": price.cacheWrite5m = perToken
                    case "cache_write_1h": price.cacheWrite1h = perToken
                    case "context_window":
                        // Not per million: tokens. `Int(_:)` trapped on values past Int.max.
                        guard perMillion <= 1e15, let window = Int(exactly: perMillion.rounded(.down)) else {
                            throw v.error(.contextWindowTooLarge(path: v.path, value: perMillion))
                        }
                        price.contextWindow = window
                    default: break
                    }
                }
                catalog.set(price)
            }
        }
    }

    static let priceOverrideKeys = [
        "input", "output", "cache_read", "cache_write_5m", "cache_write_1h", "caching", "context_window",
    ]

    static func suggestion(for name: String, in catalog: PriceCatalog) -> String {
        let close = ModelNameResolver.closest(to: name, among: catalog.models)
        return close.isEmpty ? "" : " (or did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?)"
    }
}
