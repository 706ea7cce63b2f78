import Foundation
import NameMatching
import Pricing
import Simulation
import Yams

/// The plan comparison's sections of a scenario: `plans:`, `profiles:`, `self_hosting:` and
/// `workday:` (docs/prices-and-plans.md, "Comparing plans").
extension ScenarioLoader {
    static let planItemKeys = [
        "plan", "name", "fee", "allowance_5h", "allowance_weekly", "included_usd_per_month", "over_limit", "as_of", "source",
    ]
    static let planProfileKeys = ["threads_per_day", "mix", "workday"]
    static let workdayKeys = ["start_hour", "hours"]
    static let selfHostingKeys = [
        "hardware_usd", "life_years", "power_kw", "electricity_usd_per_kwh", "throughput_tokens_per_second",
        "utilisation", "ops_usd_per_year", "tokens_counted",
    ]
    /// Other names people use for built-in plans (by price), mapped to the catalog's.
    static let planAliases = ["claude-max-100": "claude-max-5x", "claude-max-200": "claude-max-20x"]

    /// The developer of `developer:`, or the first of `profiles:` when there is no `developer:`.
    static func developerOrFirstProfile(_ entry: (String) -> YAMLCursor?, models: [String], root: YAMLCursor)
        throws(ScenarioError) -> (ThreadDemand, [Double])
    {
        if entry("developer") == nil, let profiles = entry("profiles") {
            guard let first = try profiles.namedEntries().first else {
                throw profiles.error(.emptyProfiles)
            }
            let p = try parseProfile(first.name, first.value, models: models, workday: Workday())
            return (p.demand, p.mix)
        }
        return try parseDeveloper(entry("developer"), models: models, root: root)
    }

    /// Reads the plan sections into `scenario` (`plans:` itself is read first, by the caller).
    static func parsePlanSections(_ entry: (String) -> YAMLCursor?, into scenario: inout Scenario) throws(ScenarioError) {
        let modelNames = scenario.models.map(\.name)
        let workday = try entry("workday").map { c throws(ScenarioError) in try parseWorkday(c, default: Workday()) } ?? Workday()
        if let profiles = entry("profiles") {
            let named = try profiles.namedEntries()
            if named.isEmpty {
                throw profiles.error(.emptyProfiles)
            }
            scenario.profiles = []
            for (name, value, _) in named {
                scenario.profiles.append(try parseProfile(name, value, models: modelNames, workday: workday))
            }
        } else {
            scenario.profiles = [PlanProfile(name: "developer", demand: scenario.demand, mix: scenario.mix, workday: workday)]
        }
        if let hosting = entry("self_hosting") { scenario.selfHosting = try parseSelfHosting(hosting) }
    }

    // MARK: - Profiles

    static func parseProfile(_ name: String, _ cursor: YAMLCursor, models: [String], workday: Workday) throws(ScenarioError)
        -> PlanProfile
    {
        var demand: ThreadDemand?
        var mix: [Double]?
        var day = workday
        for (key, value, _) in try cursor.mapping(allowed: planProfileKeys) {
            switch key {
            case "threads_per_day": demand = try parseThreadsPerDay(value)
            case "mix": mix = try parseMix(value, models: models)
            case "workday": day = try parseWorkday(value, default: workday)
            default: break
            }
        }
        guard let demand else {
            throw cursor.error(.profileNeedsThreadsPerDay(profile: name))
        }
        if mix == nil {
            guard models.count == 1 else {
                throw cursor.error(.profileNeedsMix(profile: name, models: models))
            }
            mix = [1]
        }
        return PlanProfile(name: name, demand: demand, mix: mix ?? [1], workday: day)
    }

    static func parseWorkday(_ cursor: YAMLCursor, default start: Workday) throws(ScenarioError) -> Workday {
        var day = start
        for (key, value, _) in try cursor.mapping(allowed: workdayKeys) {
            switch key {
            case "start_hour":
                day.startHour = try value.nonNegative()
                if day.startHour >= 24 {
                    throw value.error(.workdayStartOutOfRange(path: value.path, value: day.startHour))
                }
            case "hours":
                day.hours = try value.positive()
                if day.hours > Workday.maxSpanHours {
                    throw value.error(.workdayTooLong(path: value.path, hours: day.hours))
                }
            default: break
            }
        }
        return day
    }

    // MARK: - Plans

    /// A plan's name as scenarios write it: lower case, words joined by hyphens, `+` as `-plus`
    /// ("GitHub Copilot Pro+" is `github-copilot-pro-plus`).
    static func planSlug(_ name: String) -> String {
        var out = ""
        for ch in name.lowercased() {
            if ch.isLetter || ch.isNumber {
                out.append(ch)
            } else if ch == "+" {
                if out.last != "-" { out.append("-") }
                out += "plus"
            } else if out.last != "-" && !out.isEmpty {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return out
    }

    /// The built-in plan a scenario names (by slug, display name or alias); nil for `api`,
    /// which is always compared.
    static func builtInPlan(_ written: String, at cursor: YAMLCursor) throws(ScenarioError) -> Plan? {
        let slug = planSlug(written)
        if slug == "api" { return nil }
        let key = planAliases[slug] ?? slug
        if let plan = PlanCatalog.builtIn.plans.first(where: { planSlug($0.name) == key }) { return plan }
        let slugs = PlanCatalog.builtIn.plans.map { planSlug($0.name) }
        let close = EditDistance.closest(to: slug, among: slugs, limit: 3, maxDistance: max(3, slug.count / 3))
        throw cursor.error(.unknownPlan(written, close: close, slugs: slugs))
    }

    static func parsePlans(_ cursor: YAMLCursor, file: String) throws(ScenarioError) -> [Plan] {
        guard case .sequence(let items) = cursor.node else {
            throw cursor.error(.plansNotAList)
        }
        var plans: [Plan] = []
        for (i, node) in items.enumerated() {
            let item = YAMLCursor(node: node, path: "plans[\(i + 1)]", file: file)
            let plan: Plan?
            if case .scalar = node {
                plan = try builtInPlan(try item.string(), at: item)
            } else {
                plan = try parsePlanItem(item)
            }
            guard let plan else { continue }
            if let other = plans.first(where: { $0.name.lowercased() == plan.name.lowercased() }) {
                throw item.error(.duplicatePlan(other.name))
            }
            plans.append(plan)
        }
        return plans
    }

    /// A mapping in `plans:`: a built-in plan with edits (`plan:`) or a plan of one's own (`name:`, `fee:`).
    static func parsePlanItem(_ item: YAMLCursor) throws(ScenarioError) -> Plan {
        let entries = try item.mapping(allowed: planItemKeys)
        func entry(_ key: String) -> YAMLCursor? { entries.first { $0.key == key }?.value }
        var base: Plan?
        if let p = entry("plan") {
            guard let found = try builtInPlan(try p.string(), at: p) else {
                throw p.error(.apiNotEditable)
            }
            base = found
        } else if entry("name") == nil || entry("fee") == nil {
            throw item.error(.planNeedsNameAndFee(path: item.path))
        }
        let name = try entry("name")?.string() ?? base?.name ?? ""
        let fee = try entry("fee")?.nonNegative() ?? base?.monthlyFeeUSD ?? 0
        let allowance5h = try entry("allowance_5h").map(parseAllowance) ?? base?.allowance5h
        let allowanceWeekly = try entry("allowance_weekly").map(parseAllowance) ?? base?.allowanceWeekly
        let included = try entry("included_usd_per_month")?.nonNegative() ?? base?.includedUSDPerMonth
        var policy = base?.overLimit
        if let o = entry("over_limit") {
            let s = try o.string()
            guard let p = OverLimitPolicy(rawValue: s) else {
                throw o.error(.badOverLimit(path: o.path, got: s))
            }
            policy = p
        }
        let hasLimit = allowance5h != nil || allowanceWeekly != nil || included != nil
        if hasLimit && policy == nil {
            let limit =
                allowance5h != nil ? "a 5-hour allowance" : allowanceWeekly != nil ? "a weekly allowance" : "included usage"
            throw item.error(.planNeedsOverLimit(plan: name, limit: limit))
        }
        let asOf = try entry("as_of")?.string() ?? base?.asOf ?? Self.today()
        let edited = base != nil && entries.contains { $0.key != "plan" && $0.key != "name" && $0.key != "source" }
        // A plan's own `source:` (a URL or a document) replaces what tokencast says of it.
        let given = try entry("source")?.string()
        let source =
            given ?? base.map { edited ? "\($0.source); edited in \(item.file)" : $0.source } ?? "given in \(item.file)"
        do {
            return try Plan(
                name: name, vendor: base?.vendor ?? "custom", monthlyFeeUSD: fee, allowance5h: allowance5h,
                allowanceWeekly: allowanceWeekly, includedUSDPerMonth: included, overLimit: policy, asOf: asOf,
                source: source, limitsAreEstimates: base?.limitsAreEstimates ?? false)
        } catch {
            throw item.error(.invalidPlan(error))
        }
    }

    /// `{usd: X}` or `{tokens: X}`.
    static func parseAllowance(_ cursor: YAMLCursor) throws(ScenarioError) -> Allowance {
        let entries = try cursor.mapping(allowed: ["usd", "tokens"])
        guard entries.count == 1, let (key, value, _) = entries.first else {
            throw cursor.error(.badAllowance(path: cursor.path))
        }
        let amount = try value.positive()
        return key == "usd" ? .usd(amount) : .tokens(amount)
    }

    static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }

    // MARK: - Self-hosting

    /// One setup (the keys directly under `self_hosting:`) or several, by name.
    static func parseSelfHosting(_ cursor: YAMLCursor) throws(ScenarioError) -> [SelfHostingOption] {
        guard case .mapping(let m) = cursor.node else {
            throw cursor.error(.selfHostingNotAMapping)
        }
        let single = m.keys.contains {
            if case .scalar(let s) = $0 { return selfHostingKeys.contains(s.string) } else { return false }
        }
        if single { return [try parseSetup("self-hosted", cursor)] }
        return try cursor.namedEntries().map { (name, value, _) throws(ScenarioError) in try parseSetup(name, value) }
    }

    static func parseSetup(_ name: String, _ cursor: YAMLCursor) throws(ScenarioError) -> SelfHostingOption {
        let entries = try cursor.mapping(allowed: selfHostingKeys)
        func entry(_ key: String) -> YAMLCursor? { entries.first { $0.key == key }?.value }
        func required(_ key: String, _ what: String) throws(ScenarioError) -> YAMLCursor {
            guard let c = entry(key) else { throw cursor.error(.setupNeedsKey(setup: name, key: key, what: what)) }
            return c
        }
        let hardware = try required("hardware_usd", "the hardware's price in USD").nonNegative()
        let life = try required("life_years", "the years it serves before replacement").positive()
        let throughputCursor = try required("throughput_tokens_per_second", "the measured tokens per second it serves")
        let throughput = try throughputCursor.double()
        guard throughput > 0 else {
            throw throughputCursor.error(.throughputNotPositive(path: throughputCursor.path, value: throughput))
        }
        let utilCursor = try required("utilisation", "the share of the year it serves, in (0, 1]")
        let utilisation = try utilCursor.double()
        guard utilisation > 0 && utilisation <= 1 else {
            throw utilCursor.error(.utilisationOutOfRange(path: utilCursor.path, value: utilisation))
        }
        let power = try entry("power_kw")?.nonNegative() ?? 0
        let electricity = try entry("electricity_usd_per_kwh")?.nonNegative() ?? 0
        let ops = try entry("ops_usd_per_year")?.nonNegative() ?? 0
        var counted = HostedTokens.uncached
        if let c = entry("tokens_counted") {
            let s = try c.string()
            guard let v = HostedTokens(rawValue: s) else {
                throw c.error(.badTokensCounted(path: c.path, got: s))
            }
            counted = v
        }
        do {
            let hosting = try SelfHosting(
                hardwareUSD: hardware, lifeYears: life, powerKW: power, electricityUSDPerKWh: electricity,
                tokensPerSecond: throughput, utilisation: utilisation, opsUSDPerYear: ops)
            return SelfHostingOption(name: name, hosting: hosting, counted: counted)
        } catch {
            throw cursor.error(.invalidSelfHosting(error))
        }
    }
}

extension Scenario {
    /// The plan comparison this scenario asks for (`tokencast plans`). Without `plans:` and
    /// `self_hosting:`, every built-in plan is compared.
    public func planComparisonSpec() -> PlanComparisonSpec {
        var spec = PlanComparisonSpec(
            models: models.map(\.priced), uncertainty: models.map(\.uncertainty), pricePaths: models.map(\.pricePath),
            priceCorrelation: priceCorrelation, profiles: profiles,
            plans: plans.isEmpty && selfHosting.isEmpty ? PlanCatalog.builtIn.plans : plans,
            selfHosting: selfHosting, months: calendar.months.count, workingDays: calendar.totalWorkingDays,
            trials: trials, seed: seed)
        if models.contains(where: { !$0.replicates.isEmpty }) { spec.behaviourReplicates = models.map(\.replicates) }
        return spec
    }
}
