import Foundation
import Pricing
import Simulation

extension ScenarioLoader {
    static let teamKeys = ["profiles", "ramp_up_months", "adoption", "hourly_rate", "method", "workday"]
    static let teamProfileKeys = ["head_count", "threads_per_day", "mix", "routing", "plan", "hires", "leavers", "attrition"]
    static let adoptionKeys = ["start", "target", "months", "sd"]
    static let budgetKeys = ["annual", "monthly"]

    /// The `team:` section: profiles with head counts and head-count plans, ramp-up, adoption,
    /// the hourly rate that prices lost time, and the simulation method.
    ///
    /// - Parameters:
    ///   - plans: the scenario's `plans:`, which a profile's `plan:` may name.
    ///   - workday: the scenario's `workday:` (seat plans' windows), unless `team.workday` is given.
    static func parseTeam(
        _ cursor: YAMLCursor, models: [ScenarioModel], calendar: WorkCalendar, plans: [Plan] = [], workday: Workday = Workday()
    ) throws(ScenarioError) -> TeamScenario {
        let entries = try cursor.mapping(allowed: teamKeys)
        func entry(_ key: String) -> YAMLCursor? { entries.first { $0.key == key }?.value }
        var team = TeamScenario(profiles: [])
        team.workday = try entry("workday").map { c throws(ScenarioError) in try parseWorkday(c, default: workday) } ?? workday
        if let r = entry("ramp_up_months") {
            team.rampUpMonths = try r.integer(min: 0)
            if team.rampUpMonths > 24 {
                throw r.error(
                    "'\(r.path)' is \(team.rampUpMonths): a ramp-up of more than 24 months is not plausible; typical values are 1 to 3"
                )
            }
        }
        if let h = entry("hourly_rate") { team.hourlyRate = try h.nonNegative() }
        if let m = entry("method") {
            let s = try m.string()
            guard let method = TeamMethod(rawValue: s) else {
                throw m.error(
                    "'\(m.path)' must be one of \(TeamMethod.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")), got '\(s)'"
                )
            }
            team.method = method
        }
        if let a = entry("adoption") { team.adoption = try parseAdoption(a) }
        guard let profilesCursor = entry("profiles") else {
            throw cursor.error(
                "'team' has no 'profiles': add at least one, e.g. profiles: {typical: {head_count: 10, threads_per_day: 6}}")
        }
        let named = try profilesCursor.namedEntries()
        guard !named.isEmpty else {
            throw profilesCursor.error("'team.profiles' is empty: add at least one profile with a head_count")
        }
        for (name, value, _) in named {
            team.profiles.append(try parseProfile(name, value, models: models.map(\.name), calendar: calendar, plans: plans))
        }
        return team
    }

    static func parseAdoption(_ cursor: YAMLCursor) throws(ScenarioError) -> AdoptionCurve {
        var curve = AdoptionCurve()
        var targetGiven = false
        for (key, value, _) in try cursor.mapping(allowed: adoptionKeys) {
            switch key {
            case "start": curve.start = try value.probability()
            case "target":
                curve.target = try value.probability()
                targetGiven = true
            case "months": curve.months = try value.integer(min: 0)
            case "sd":
                curve.sd = try value.nonNegative()
                if curve.sd > 0.5 {
                    throw value.error(
                        "'\(value.path)' is \(YAMLCursor.format(curve.sd)): a standard deviation of adoption above 0.5 is not plausible; typical values are 0.05 to 0.2"
                    )
                }
            default: break
            }
        }
        if !targetGiven { curve.target = max(curve.start, curve.target) }
        return curve
    }

    static func parseProfile(_ name: String, _ cursor: YAMLCursor, models: [String], calendar: WorkCalendar, plans: [Plan] = [])
        throws(ScenarioError) -> TeamProfile
    {
        let entries = try cursor.mapping(allowed: teamProfileKeys)
        func entry(_ key: String) -> YAMLCursor? { entries.first { $0.key == key }?.value }
        guard let headCursor = entry("head_count") else {
            throw cursor.error(
                "profile '\(name)' has no 'head_count': give the number of developers at the start, e.g. head_count: 10")
        }
        let head = try headCursor.integer(min: 0)
        if head > 10_000_000 {
            throw headCursor.error(
                "'\(headCursor.path)' is \(head): more than 10,000,000 developers in one profile is not an organisation")
        }
        guard let tpd = entry("threads_per_day") else {
            throw cursor.error(
                "profile '\(name)' has no 'threads_per_day': give the mean threads a developer starts per working day, e.g. threads_per_day: {mean: 6, day_dispersion: 3, developer_cv: 0.4}"
            )
        }
        let demand = try parseThreadsPerDay(tpd)

        let mixCursor = entry("mix"), routingCursor = entry("routing")
        var mix: [Double]
        var routing: [RoutingRole] = []
        switch (mixCursor, routingCursor) {
        case let (m?, _?):
            throw m.error(
                "profile '\(name)' has both 'mix' and 'routing': keep one (routing gives each role a model and a share; mix gives each model a share)"
            )
        case let (m?, nil):
            mix = try parseMix(m, models: models)
        case let (nil, r?):
            (mix, routing) = try parseRouting(r, models: models)
        case (nil, nil):
            guard models.count == 1 else {
                throw cursor.error(
                    "profile '\(name)' needs a 'mix' giving each model's share of threads, e.g. mix: {\(models.prefix(2).map { "\($0): 0.5" }.joined(separator: ", "))}, or 'routing'"
                )
            }
            mix = [1]
        }

        var plan = HeadCountPlan(
            initial: head, hires: Array(repeating: 0, count: calendar.months.count),
            leavers: Array(repeating: 0, count: calendar.months.count))
        if let h = entry("hires") { plan.hires = try parseMonthCounts(h, calendar: calendar) }
        if let l = entry("leavers") { plan.leavers = try parseMonthCounts(l, calendar: calendar) }
        if let a = entry("attrition") {
            plan.attritionPerMonth = try a.probability()
            if plan.attritionPerMonth > 0.5 {
                throw a.error(
                    "'\(a.path)' is the share of the profile leaving each month; \(YAMLCursor.format(plan.attritionPerMonth)) would empty it within months: typical values are 0.005 to 0.03"
                )
            }
        }
        let shortfall = plan.groups(months: calendar.months.count).shortfall
        if let m = shortfall.firstIndex(where: { $0 > 0 }) {
            let present = plan.headCount(months: calendar.months.count)
            let before = m > 0 ? present[m - 1] : head
            throw (entry("leavers") ?? entry("attrition") ?? cursor).error(
                "profile '\(name)' loses \(before + shortfall[m]) developers in \(calendar.months[m]) but only \(before) are there: lower the leavers or add hires before that month"
            )
        }
        let seatPlan = try entry("plan").flatMap { c throws(ScenarioError) in try parseSeatPlan(c, plans: plans) }
        return TeamProfile(name: name, demand: demand, mix: mix, plan: plan, routing: routing, seatPlan: seatPlan)
    }

    /// A profile's `plan:`: a plan of `plans:` by name, a built-in plan, `api` (no seat), or a
    /// mapping like an entry of `plans:` (a built-in plan with edits, or a plan of one's own).
    static func parseSeatPlan(_ cursor: YAMLCursor, plans: [Plan]) throws(ScenarioError) -> Plan? {
        guard case .scalar = cursor.node else { return try parsePlanItem(cursor) }
        let written = try cursor.string()
        if let own = plans.first(where: { planSlug($0.name) == planSlug(written) }) { return own }
        return try builtInPlan(written, at: cursor)
    }

    /// `routing:` — roles (smart, rush, deep, oracle, librarian, search) each with a model of
    /// `models:` and a share of threads; shares of roles served by one model add up.
    static func parseRouting(_ cursor: YAMLCursor, models: [String]) throws(ScenarioError) -> ([Double], [RoutingRole]) {
        var shares = [Double](repeating: 0, count: models.count)
        var roles: [RoutingRole] = []
        for (role, value, keyCursor) in try cursor.namedEntries() {
            guard RoutingRole.roleNames.contains(role) else {
                let hint =
                    YAMLCursor.closest(role, RoutingRole.roleNames).map { "did you mean '\($0)'?" }
                    ?? "the roles are \(RoutingRole.roleNames.joined(separator: ", "))"
                throw keyCursor.error("unknown routing role '\(role)' in '\(cursor.path)': \(hint)")
            }
            var model: String?, share: Double?
            for (k, v, _) in try value.mapping(allowed: ["model", "share"]) {
                if k == "model" {
                    let name = try v.string()
                    guard models.contains(name) else {
                        let hint =
                            YAMLCursor.closest(name, models).map { "did you mean '\($0)'?" }
                            ?? "the models are \(models.joined(separator: ", "))"
                        throw v.error("'\(v.path)' names '\(name)', which is not in 'models': \(hint)")
                    }
                    model = name
                } else {
                    share = try v.probability()
                }
            }
            guard let model, let share else {
                throw value.error("routing role '\(role)' needs 'model' and 'share', e.g. \(role): {model: opus, share: 0.4}")
            }
            if let i = models.firstIndex(of: model) { shares[i] += share }
            roles.append(RoutingRole(role: role, model: model, share: share))
        }
        try checkSum(roles.reduce(0) { $0 + $1.share }, at: cursor)
        return (shares, roles)
    }

    /// A mapping `YYYY-MM: count` inside the horizon, as one count per month.
    static func parseMonthCounts(_ cursor: YAMLCursor, calendar: WorkCalendar) throws(ScenarioError) -> [Int] {
        var counts = [Int](repeating: 0, count: calendar.months.count)
        for (label, value, keyCursor) in try cursor.namedEntries() {
            guard let m = calendar.months.firstIndex(of: label) else {
                let range = "\(calendar.months.first ?? "")..\(calendar.months.last ?? "")"
                let shape =
                    label.split(separator: "-").count == 2 && label.count == 7
                    ? "is outside the forecast's horizon \(range)" : "is not a month written YYYY-MM inside the horizon \(range)"
                throw keyCursor.error(
                    "'\(cursor.path)' names month '\(label)', which \(shape): use a month from \(range) or extend calendar.months"
                )
            }
            counts[m] += try value.integer(min: 0)
        }
        return counts
    }

    /// `budget:` — {annual: amount} or {monthly: [one amount per month]} or {monthly: {YYYY-MM: amount, ...}}.
    static func parseBudget(_ cursor: YAMLCursor, calendar: WorkCalendar) throws(ScenarioError) -> Budget {
        let example = "e.g. budget: {annual: 250000} or budget: {monthly: [20000, 20000, ...]} with one amount per month"
        guard case .mapping = cursor.node else {
            throw cursor.error("'budget' must be a mapping with 'annual' or 'monthly', got \(cursor.kindDescription): \(example)")
        }
        let entries = try cursor.mapping(allowed: budgetKeys)
        guard entries.count == 1, let (key, value, _) = entries.first else {
            throw cursor.error(
                "'budget' needs exactly one of 'annual' or 'monthly', got \(entries.isEmpty ? "neither" : "both"): \(example)")
        }
        if key == "annual" {
            let amount = try value.positive()
            return Budget(annual: amount)
        }
        let months = calendar.months
        switch value.node {
        case .sequence(let items):
            guard items.count == months.count else {
                throw value.error(
                    "'budget.monthly' gives \(items.count) amount\(items.count == 1 ? "" : "s") but the horizon has \(months.count) months (\(months.first ?? "")..\(months.last ?? "")): give one amount per month, or use 'annual'"
                )
            }
            var amounts: [Double] = []
            for (i, item) in items.enumerated() {
                amounts.append(try YAMLCursor(node: item, path: "budget.monthly[\(i)]", file: cursor.file).nonNegative())
            }
            return Budget(monthly: amounts)
        case .mapping:
            var amounts = [Double?](repeating: nil, count: months.count)
            for (label, v, keyCursor) in try value.namedEntries() {
                guard let m = months.firstIndex(of: label) else {
                    throw keyCursor.error(
                        "'budget.monthly' names month '\(label)', which is outside the forecast's horizon \(months.first ?? "")..\(months.last ?? ""): use months of the horizon, written YYYY-MM"
                    )
                }
                amounts[m] = try v.nonNegative()
            }
            let missing = months.indices.filter { amounts[$0] == nil }.map { months[$0] }
            if !missing.isEmpty {
                throw value.error(
                    "'budget.monthly' has no amount for \(missing.joined(separator: ", ")): give every month of the horizon, or use 'annual'"
                )
            }
            return Budget(monthly: amounts.map { $0 ?? 0 })
        default:
            throw value.error(
                "'budget.monthly' must be a list with one amount per month or a mapping YYYY-MM: amount, got \(value.kindDescription): \(example)"
            )
        }
    }
}
