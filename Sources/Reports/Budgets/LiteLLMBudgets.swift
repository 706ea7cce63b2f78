import Foundation
import NumericalMethods
import Scenario
import Simulation

/// `forecast --budgets litellm`: per-team budgets from a forecast, as LiteLLM proxy settings.
///
/// LiteLLM enforces one `max_budget` per team that resets every `budget_duration`; `30d`
/// resets on the first of each month (docs.litellm.ai, "Budget Reset Times and Timezones").
/// One figure must therefore hold for every month, so each team's budget is the chosen
/// quantile of its *highest* month's spend over the horizon: a growing team's budget is set
/// by its last months. Each profile of `team:` is a LiteLLM team (`team_alias`). Seat fees are
/// left out (subscriptions are not billed through the proxy); a seat profile's budget covers
/// its API-priced threads and its overage, both paid at API prices.
public struct LiteLLMBudgets: Codable, Sendable {
    public var tool = "tokencast"
    public var kind = "litellm-budgets"
    public var scenario: String
    public var trials: Int
    public var seed: UInt64
    /// The quantile behind `max_budget`, e.g. "p95".
    public var quantile: String
    public var budgetDuration: String
    /// The whole proxy (`litellm_settings.max_budget`).
    public var proxy: Entry
    public var teams: [Entry]
    /// Teams with no forecast token spend (every thread on seats): a `max_budget` of 0 would
    /// refuse their every request, so none is written.
    public var withoutBudget: [String]

    public struct Entry: Codable, Sendable {
        public var teamAlias: String?
        /// USD per budget period, rounded up to the cent.
        public var maxBudget: Double
        public var budgetDuration: String
        /// The month that sets the budget (the highest quantile of monthly spend).
        public var month: String
        /// The monthly spend's P90 and P95 in that month, for the record.
        public var p90: Double
        public var p95: Double
        /// Average developers in that month.
        public var developers: Int
        enum CodingKeys: String, CodingKey {
            case teamAlias = "team_alias", maxBudget = "max_budget", budgetDuration = "budget_duration", month
            case p90, p95, developers
        }
    }

    enum CodingKeys: String, CodingKey {
        case tool, kind, scenario, trials, seed, quantile, budgetDuration = "budget_duration", proxy, teams
        case withoutBudget = "without_budget"
    }

    /// The quantiles a budget may be set at.
    public enum Level: String, Sendable, CaseIterable {
        case p90, p95
        var probability: Double { self == .p90 ? 0.90 : 0.95 }
    }

    /// - Complexity: O(profiles x months x trials log trials).
    public init(scenario: Scenario, forecast f: TeamForecast, level: Level = .p95) {
        self.scenario = scenario.name
        trials = f.trials
        seed = f.seed
        quantile = level.rawValue
        let duration = "30d"
        budgetDuration = duration
        func entry(alias: String?, heads: [Int], monthly: (Int) -> [Double]) -> Entry {
            var best = (month: 0, p90: 0.0, p95: 0.0)
            for m in f.months.indices {
                let sorted = monthly(m).sorted()
                let p90 = Stats.quantile(sorted: sorted, 0.90), p95 = Stats.quantile(sorted: sorted, 0.95)
                let better = level == .p90 ? p90 > best.p90 : p95 > best.p95
                if m == 0 || better { best = (m, p90, p95) }
            }
            let b = best
            let chosen = level == .p90 ? b.p90 : b.p95
            return Entry(
                teamAlias: alias, maxBudget: (chosen * 100).rounded(.up) / 100, budgetDuration: duration,
                month: f.months.isEmpty ? "" : f.months[b.month], p90: b.p90, p95: b.p95,
                developers: heads.isEmpty ? 0 : heads[b.month])
        }
        let teamHeads = f.months.indices.map { m in f.headCount.reduce(0) { $0 + $1[m] } }
        proxy = entry(alias: nil, heads: teamHeads, monthly: { f.teamMonthUsage($0) })
        let all = f.profiles.indices.map { p in
            entry(alias: f.profiles[p], heads: f.headCount[p], monthly: { f.profileMonthlyUsage(p, month: $0) })
        }
        teams = all.filter { $0.maxBudget > 0 }
        withoutBudget = all.filter { $0.maxBudget <= 0 }.compactMap(\.teamAlias)
    }

    /// The YAML a FinOps lead pastes: `litellm_settings` for the proxy-wide budget (config.yaml)
    /// and one `/team/new` (or `/team/update`) body per team.
    public func yaml() -> String {
        func money(_ x: Double) -> String { String(format: "%.2f", x) }
        var out = """
            # LiteLLM budgets from tokencast forecast of '\(scenario)' (\(trials) trials, seed \(seed)).
            # max_budget is the \(quantile.uppercased()) of the highest month's forecast token spend (seat fees are
            # left out: they are not billed through the proxy). budget_duration \(budgetDuration) resets on the
            # 1st of each month. Paste litellm_settings into the proxy's config.yaml and
            # send each team entry as the body of POST /team/new (or /team/update with its team_id).
            litellm_settings:
              max_budget: \(money(proxy.maxBudget))  # P90 \(money(proxy.p90)), P95 \(money(proxy.p95)) in \(proxy.month), \(developers(proxy.developers))
              budget_duration: \(budgetDuration)
            teams:

            """
        for t in teams {
            out += "  - team_alias: \(yamlString(t.teamAlias ?? ""))\n"
            out +=
                "    max_budget: \(money(t.maxBudget))  # P90 \(money(t.p90)), P95 \(money(t.p95)) in \(t.month), \(developers(t.developers))\n"
            out += "    budget_duration: \(t.budgetDuration)\n"
        }
        for name in withoutBudget {
            out += "  # \(name): no token spend forecast (every thread on seats), so no budget: 0 would refuse every request\n"
        }
        return out
    }

    private func developers(_ n: Int) -> String { n == 1 ? "1 developer" : "\(n) developers" }

    /// A plain scalar where YAML reads it back as the same string, else double-quoted.
    private func yamlString(_ s: String) -> String {
        let plain =
            !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
            && !["true", "false", "null", "yes", "no", "on", "off", "~"].contains(s.lowercased())
            && Double(s) == nil
        if plain { return s }
        let escaped = s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}
