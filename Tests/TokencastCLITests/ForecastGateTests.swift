import Foundation
import TestSupport
import Testing

/// End-to-end: `forecast --fail-if` as a CI gate and `--budgets litellm`, checked against the
/// figures the same forecast prints as JSON.
@Suite struct ForecastGateTests {
    static let enabled = FileManager.default.isExecutableFile(atPath: CommandRunner.executable)
    static let scenario = "fixtures/team-tiny.yaml"

    /// The forecast's JSON, decoded loosely: the figures the gates must agree with.
    func forecastJSON(_ extra: [String] = []) throws -> [String: Any] {
        let r = try CommandRunner.run(["forecast", Self.scenario, "--format", "json", "--quiet"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    func number(_ object: Any?, _ path: String...) -> Double? {
        var o = object
        for key in path { o = (o as? [String: Any])?[key] }
        return (o as? NSNumber)?.doubleValue
    }

    @Test(.enabled(if: enabled))
    func failsJustBelowTheP90AndPassesJustAbove() throws {
        let p90 = try #require(number(try forecastJSON(), "organisation", "annual", "p90"))
        let below = try CommandRunner.run(
            ["forecast", Self.scenario, "--quiet", "--fail-if", "p90 > \(String(format: "%.2f", p90 - 0.5))"])
        #expect(below.status == 1)
        #expect(below.stderr.hasPrefix("error: --fail-if \"p90 > "))
        #expect(below.stderr.contains("fails: the P90 of the team's spend over the forecast horizon is"))
        #expect(below.stdout.contains("Tiny team"), "the report is still written before the gate fails")
        let above = try CommandRunner.run(
            ["forecast", Self.scenario, "--quiet", "--fail-if", "p90 > \(String(format: "%.2f", p90 + 0.5))"])
        #expect(above.status == 0, "\(above.stderr)")
        #expect(above.stderr.contains("passes: the P90 of the team's spend over the forecast horizon is"))
        #expect(above.stderr.contains("not above the limit"))
    }

    @Test(.enabled(if: enabled))
    func anyFailingConditionFailsTheRunAndEachIsReported() throws {
        let mean = try #require(number(try forecastJSON(), "organisation", "annual", "mean"))
        let r = try CommandRunner.run([
            "forecast", Self.scenario, "--quiet", "--fail-if", "mean > \(Int(mean * 10))", "--fail-if",
            "team:typical mean >= \(Int(mean / 2))",
        ])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(r.stderr)")
        #expect(lines.first?.contains(" passes: ") == true)
        #expect(lines.last?.hasPrefix("error: --fail-if \"team:typical mean >= ") == true)
        #expect(lines.last?.contains("the mean of the spend of profile 'typical' over the forecast horizon") == true)
    }

    @Test(.enabled(if: enabled))
    func aMonthlyGateLooksAtTheWorstMonth() throws {
        let json = try forecastJSON()
        let months = try #require(json["monthly"] as? [[String: Any]])
        let p90s = months.compactMap { number($0, "spend", "p90") }
        #expect(p90s.count == 2)
        let worst = try #require(p90s.max())
        let worstMonth = months[try #require(p90s.firstIndex(of: worst))]["month"] as? String
        let limit = (worst + (p90s.min() ?? 0)) / 2
        let r = try CommandRunner.run(["forecast", Self.scenario, "--quiet", "--fail-if", "monthly p90 > \(limit)"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("in \(worstMonth ?? "?") is"), "\(r.stderr)")
    }

    @Test(
        .enabled(if: enabled),
        arguments: [
            ("p91 > 5", "error: --fail-if \"p91 > 5\": 'p91' is not a statistic: use one of mean, p5, p10, p50, p90, p95, p99\n"),
            ("p90 = 5", "error: --fail-if \"p90 = 5\": '=' is not a comparison: use >, >=, < or <=\n"),
            (
                "p90 > lots",
                "error: --fail-if \"p90 > lots\": 'lots' is not an amount in dollars: write a non-negative number such as 250000, $250,000, 250k or 1.5M\n"
            ),
            (
                "p90 >",
                "error: --fail-if \"p90 >\" cannot be read: write it as [team:NAME] [monthly] STAT OP AMOUNT, e.g. \"p90 > 250000\" or \"team:backend monthly p95 > 20k\"\n"
            ),
            (
                "team:typcal p90 > 5",
                "error: --fail-if \"team:typcal p90 > 5\": the scenario has no profile 'typcal': did you mean 'team:typical'? its profiles are 'typical'\n"
            ),
        ])
    func aConditionThatCannotBeReadExitsWithTwo(condition: String, message: String) throws {
        let r = try CommandRunner.run(["forecast", Self.scenario, "--quiet", "--fail-if", condition])
        #expect(r.status == 2)
        #expect(r.stderr == message)
        #expect(r.stdout.isEmpty, "nothing is simulated or printed for a bad condition")
    }

    @Test(.enabled(if: enabled))
    func litellmBudgetsAreTheHighestMonthsQuantileRoundedUpToTheCent() throws {
        let months = try #require(try forecastJSON()["monthly"] as? [[String: Any]])
        let highestP95 = try #require(months.compactMap { number($0, "spend", "p95") }.max())
        let r = try CommandRunner.run(["forecast", Self.scenario, "--quiet", "--budgets", "litellm", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let budgets = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(budgets["kind"] as? String == "litellm-budgets")
        #expect(budgets["quantile"] as? String == "p95")
        let proxy = try #require(number(budgets, "proxy", "max_budget"))
        #expect(proxy == (highestP95 * 100).rounded(.up) / 100)
        let teams = try #require(budgets["teams"] as? [[String: Any]])
        #expect(teams.count == 1)
        #expect(teams.first?["team_alias"] as? String == "typical")
        #expect(teams.first?["budget_duration"] as? String == "30d")
        // One profile: the team's budget is the proxy's.
        #expect(number(teams.first, "max_budget") == proxy)

        let yaml = try CommandRunner.run(["forecast", Self.scenario, "--quiet", "--budgets", "litellm", "--budget-level", "p90"])
        #expect(yaml.status == 0)
        #expect(yaml.stdout.contains("litellm_settings:\n  max_budget: "))
        #expect(yaml.stdout.contains("teams:\n  - team_alias: typical\n    max_budget: "))
        #expect(yaml.stdout.contains("# max_budget is the P90 of the highest month's"))
    }

    @Test(.enabled(if: enabled))
    func aTeamEntirelyOnSeatsGetsNoZeroBudget() throws {
        let r = try CommandRunner.run([
            "forecast", "scenarios/startup-team.yaml", "--quiet", "--trials", "200", "--budgets", "litellm", "--format",
            "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let budgets = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(budgets["without_budget"] as? [String] == ["heavy"])
        let teams = try #require(budgets["teams"] as? [[String: Any]])
        #expect(teams.allSatisfy { (number($0, "max_budget") ?? 0) > 0 })
    }
}
