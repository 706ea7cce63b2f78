import Fitting
import Foundation
import Pricing
import Scenario
import Simulation

/// The editable `team:` scenario that `fit org --write` writes and `forecast` runs as is.
///
/// An organisation's panel holds spend and requests per developer-day, not threads, so each
/// profile's spend is expressed in threads of its models' behaviour presets: the threads per
/// working day are the profile's spend per working day over the mean cost of a thread of its
/// team's model mix (measured by a pilot forecast of the same scenario). The day-to-day count
/// is negative binomial with the size that gives the fitted day-to-day spread of spend; the
/// developer-to-developer spread is the fitted coefficient of variation.
public struct OrgScenario: Sendable {
    public struct Options: Sendable {
        public var start: String
        public var months = 12
        public var trials = 2000
        public var seed: UInt64 = 42
        public var workingDays = 250
        /// Profiles per team (`team-profile`) or one set for the organisation.
        public var byTeam = true
        public init(start: String) { self.start = start }
    }

    /// The YAML text.
    public var text: String
    /// Each written profile's team (for per-team totals) by profile name.
    public var teamOfProfile: [String: String]
    public var notes: [String]

    /// The preset whose behaviour stands in for a model of this name.
    static func preset(for model: String) -> String {
        let m = model.lowercased()
        if m.contains("opus") { return m.contains("4-6") || m.contains("4.6") ? "opus-4.6" : "opus-4.5" }
        if m.contains("sonnet") { return "sonnet-4.5" }
        if m.contains("haiku") { return "haiku-4.5" }
        if m.contains("codex") { return "gpt-5.2-codex" }
        if m.contains("gpt") || m.hasPrefix("o3") || m.hasPrefix("o4") { return "gpt-5.2" }
        if m.contains("gemini") { return m.contains("flash") ? "gemini-3-flash" : "gemini-3-pro" }
        return "sonnet-4.5"
    }

    /// A YAML key for a name: letters, digits, `-`, `_`, `.` kept, the rest as `-`.
    static func key(_ name: String) -> String {
        let k = String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" })
        return k.isEmpty ? "unnamed" : k
    }

    /// Negative-binomial size `r` whose day-to-day spread matches the fitted one: a day's spend
    /// is `N` threads, so its squared CV is `1/mu + 1/r` (leaving out the spread of a thread's
    /// own cost, which only widens it a little). Nil when the data are no burstier than Poisson
    /// (then Poisson is written). Matching the spread, not only the share of idle days, keeps the
    /// monthly totals' width right, which is what a forecast's bands are judged on.
    static func daySize(mean mu: Double, dayCV: Double) -> Double? {
        guard mu > 0 else { return nil }
        let excess = dayCV * dayCV - 1 / mu
        guard excess > 1e-6 else { return nil }
        return min(1 / excess, 1e6)
    }

    /// Writes the scenario of `fit`, pricing models by `catalog`.
    public init(fit: OrgFit, name: String, options o: Options, catalog: PriceCatalog = .builtIn) throws {
        var notes: [String] = []
        // Models: every one with 1 % of spend or more, by spend over all teams.
        var total: [String: Double] = [:]
        // In key order: the same sums on every run (dictionaries iterate in a per-process order).
        for team in fit.teamMix.keys.sorted() {
            let mix = fit.teamMix[team] ?? [:]
            for m in mix.keys.sorted() { total[m, default: 0] += mix[m] ?? 0 }
        }
        let sum = total.keys.sorted().reduce(0) { $0 + (total[$1] ?? 0) }
        var models = total.filter { sum > 0 && $0.value / sum >= 0.01 }.keys.sorted()
        models = models.filter { m in
            do {
                _ = try catalog.price(of: m)
                return true
            } catch {
                notes.append("model '\(m)' has no price in the catalog and is left out: add it to a price file (--prices)")
                return false
            }
        }
        guard !models.isEmpty else { throw OrgScenarioError.noPricedModel(Array(total.keys).sorted()) }
        let keys = Dictionary(uniqueKeysWithValues: models.map { ($0, Self.key($0)) })

        struct Written {
            var name: String
            var team: String
            var profile: OrgProfile
            var heads: Int
            var mix: [String: Double]
        }
        var written: [Written] = []
        let teams = o.byTeam ? fit.teamMix.keys.sorted() : ["all"]
        for team in teams {
            var mix = o.byTeam ? (fit.teamMix[team] ?? [:]) : total
            mix = mix.filter { keys[$0.key] != nil }
            let s = mix.keys.sorted().reduce(0) { $0 + (mix[$1] ?? 0) }
            guard s > 0 else { continue }
            mix = mix.mapValues { $0 / s }
            for p in fit.profiles {
                let heads = o.byTeam ? (p.teams[team] ?? 0) : p.headCount
                guard heads > 0 else { continue }
                let n = o.byTeam && teams.count > 1 ? Self.key("\(team)-\(p.name)") : Self.key(p.name)
                written.append(Written(name: n, team: team, profile: p, heads: heads, mix: mix))
            }
        }
        guard !written.isEmpty else { throw OrgScenarioError.noDevelopers }

        func yaml(threads: [Double]) -> String {
            var out = """
                # Written by tokencast fit org from the organisation's usage \(fit.firstDay) to \(fit.lastDay)
                # (\(fit.developers) developers, \(fit.profiles.count) profiles chosen by BIC). Edit freely:
                # threads_per_day expresses each profile's fitted spend per working day in threads of
                # the models' behaviour presets (docs/organisation-data.md).
                name: \(Self.quoted(name))
                trials: \(o.trials)
                seed: \(o.seed)
                calendar: {start: \(o.start), months: \(o.months), working_days: \(o.workingDays)}
                team:
                  profiles:

                """
            for (i, w) in written.enumerated() {
                let mu = threads[i]
                let size = Self.daySize(mean: mu, dayCV: w.profile.dayCV)
                var tpd = "{mean: \(Self.number(mu))"
                if let size { tpd += ", day_dispersion: \(Self.number(size))" }
                if w.profile.developerCV > 0 { tpd += ", developer_cv: \(Self.number(min(w.profile.developerCV, 3)))" }
                tpd += "}"
                let mix = w.mix.sorted { $0.key < $1.key }.map { "\(keys[$0.key] ?? $0.key): \(Self.number($0.value))" }
                out +=
                    "    \(w.name):  # team \(w.team): \(Self.money(w.profile.spendPerWorkingDay.value)) per working day (90 % interval \(Self.money(w.profile.spendPerWorkingDay.low))-\(Self.money(w.profile.spendPerWorkingDay.high))), active \(Int((w.profile.activeDayProbability.value * 100).rounded())) % of days\n"
                out += "      head_count: \(w.heads)\n"
                out += "      threads_per_day: \(tpd)\n"
                out += "      mix: {\(mix.joined(separator: ", "))}\n"
                if fit.monthlyAttrition > 0 { out += "      attrition: \(Self.number(fit.monthlyAttrition))\n" }
            }
            out += "models:\n"
            for m in models {
                out += "  \(keys[m] ?? m): {preset: \(Self.preset(for: m)), price: \(Self.quoted(m))}\n"
            }
            return out
        }

        // Pilot: one thread per working day per developer gives each profile's cost per thread.
        let pilotText = yaml(threads: written.map { _ in 1 })
        var pilot = try ScenarioLoader.parse(pilotText, file: "fit-org-pilot.yaml", catalog: catalog, fits: nil)
        pilot.trials = min(o.trials, 400)
        let forecast = try TeamForecaster.run(pilot.teamSpec())
        let perModel: [Double] = forecast.models.indices.map { j in
            var t = CellTotals()
            for p in forecast.profiles.indices { t.add(forecast.cellTotals[p * forecast.models.count + j]) }
            return t.costPerThread
        }
        let threads = written.map { w -> Double in
            var cost = 0.0
            for (m, share) in w.mix.sorted(by: { $0.key < $1.key }) {
                guard let j = forecast.models.firstIndex(of: keys[m] ?? m) else { continue }
                cost += share * perModel[j]
            }
            return cost > 0 ? w.profile.spendPerWorkingDay.value / cost : 0
        }
        text = yaml(threads: threads)
        teamOfProfile = Dictionary(uniqueKeysWithValues: written.map { ($0.name, $0.team) })
        self.notes = notes + fit.notes
    }

    static func number(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e9 { return String(Int(x)) }
        return String(format: abs(x) >= 10 ? "%.2f" : "%.4g", x)
    }

    static func money(_ x: Double) -> String { String(format: "$%.2f", x) }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Why no scenario can be written from an organisation fit.
public enum OrgScenarioError: Error, Equatable, CustomStringConvertible {
    case noPricedModel([String])
    case noDevelopers

    public var description: String {
        switch self {
        case .noPricedModel(let models):
            return
                "none of the panel's models has a price (\(models.joined(separator: ", "))): pass a LiteLLM price file with --prices"
        case .noDevelopers:
            return "no profile has a developer still active at the panel's end: nothing to forecast"
        }
    }
}
