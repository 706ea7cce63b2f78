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
                throw r.error(.rampUpTooLong(path: r.path, months: team.rampUpMonths))
            }
        }
        if let h = entry("hourly_rate") { team.hourlyRate = try h.nonNegative() }
        if let m = entry("method") {
            let s = try m.string()
            guard let method = TeamMethod(rawValue: s) else {
                throw m.error(.unknownTeamMethod(path: m.path, got: s))
            }
            team.method = method
        }
        if let a = entry("adoption") { team.adoption = try parseAdoption(a) }
        guard let profilesCursor = entry("profiles") else {
            throw cursor.error(.teamWithoutProfiles)
        }
        let named = try profilesCursor.namedEntries()
        guard !named.isEmpty else {
            throw profilesCursor.error(.emptyTeamProfiles)
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
                    throw value.error(.implausibleAdoptionSD(path: value.path, sd: curve.sd))
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
            throw cursor.error(.profileNeedsHeadCount(profile: name))
        }
        let head = try headCursor.integer(min: 0)
        if head > 10_000_000 {
            throw headCursor.error(.tooManyDevelopers(path: headCursor.path, head))
        }
        guard let tpd = entry("threads_per_day") else {
            throw cursor.error(.teamProfileNeedsThreadsPerDay(profile: name))
        }
        let demand = try parseThreadsPerDay(tpd)

        let mixCursor = entry("mix"), routingCursor = entry("routing")
        var mix: [Double]
        var routing: [RoutingRole] = []
        switch (mixCursor, routingCursor) {
        case let (m?, _?):
            throw m.error(.mixAndRouting(profile: name))
        case let (m?, nil):
            mix = try parseMix(m, models: models)
        case let (nil, r?):
            (mix, routing) = try parseRouting(r, models: models)
        case (nil, nil):
            guard models.count == 1 else {
                throw cursor.error(.teamProfileNeedsMix(profile: name, models: models))
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
                throw a.error(.implausibleAttrition(path: a.path, value: plan.attritionPerMonth))
            }
        }
        let shortfall = plan.groups(months: calendar.months.count).shortfall
        if let m = shortfall.firstIndex(where: { $0 > 0 }) {
            let present = plan.headCount(months: calendar.months.count)
            let before = m > 0 ? present[m - 1] : head
            throw (entry("leavers") ?? entry("attrition") ?? cursor).error(
                .moreLeaversThanDevelopers(
                    profile: name, leaving: before + shortfall[m], month: calendar.months[m], present: before))
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
                throw keyCursor.error(
                    .unknownRoutingRole(
                        role: role, path: cursor.path, suggestion: YAMLCursor.closest(role, RoutingRole.roleNames)))
            }
            var model: String?, share: Double?
            for (k, v, _) in try value.mapping(allowed: ["model", "share"]) {
                if k == "model" {
                    let name = try v.string()
                    guard models.contains(name) else {
                        throw v.error(
                            .notAModel(path: v.path, name: name, suggestion: YAMLCursor.closest(name, models), models: models))
                    }
                    model = name
                } else {
                    share = try v.probability()
                }
            }
            guard let model, let share else {
                throw value.error(.routingRoleIncomplete(role: role))
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
                throw keyCursor.error(.monthOutsideHorizon(path: cursor.path, label: label, horizon: calendar.months))
            }
            counts[m] += try value.integer(min: 0)
        }
        return counts
    }

    /// `budget:` — {annual: amount} or {monthly: [one amount per month]} or {monthly: {YYYY-MM: amount, ...}}.
    static func parseBudget(_ cursor: YAMLCursor, calendar: WorkCalendar) throws(ScenarioError) -> Budget {
        guard case .mapping = cursor.node else { throw cursor.error(.budgetNotAMapping(got: cursor.kindDescription)) }
        let entries = try cursor.mapping(allowed: budgetKeys)
        guard entries.count == 1, let (key, value, _) = entries.first else {
            throw cursor.error(.budgetNeedsOne(gotBoth: !entries.isEmpty))
        }
        if key == "annual" {
            let amount = try value.positive()
            return Budget(annual: amount)
        }
        let months = calendar.months
        switch value.node {
        case .sequence(let items):
            guard items.count == months.count else {
                throw value.error(.budgetMonthCount(given: items.count, horizon: months))
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
                    throw keyCursor.error(.budgetMonthOutsideHorizon(label: label, horizon: months))
                }
                amounts[m] = try v.nonNegative()
            }
            let missing = months.indices.filter { amounts[$0] == nil }.map { months[$0] }
            if !missing.isEmpty {
                throw value.error(.budgetMonthsMissing(missing))
            }
            return Budget(monthly: amounts.map { $0 ?? 0 })
        default:
            throw value.error(.budgetMonthlyShape(got: value.kindDescription))
        }
    }
}
