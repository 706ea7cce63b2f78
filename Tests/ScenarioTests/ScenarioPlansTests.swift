// Tests: ScenarioLoader+Plans.swift
import Foundation
import Pricing
import Simulation
import TestSupport
import Testing

@testable import Scenario

@Suite struct ScenarioPlansTests {
    static let head = """
        models:
          opus: {preset: opus-4.5, price: claude-opus-4-5}
        developer: {threads_per_day: 5}

        """

    func error(_ body: String) -> String? {
        do {
            _ = try ScenarioLoader.parse(Self.head + body, file: "plans.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        (
            "plans:\n  - {name: my plan, fee: 50, allowance_5h: {usd: 20}}\n",
            "plans.yaml:5:5: plan 'my plan' has a 5-hour allowance but no 'over_limit': add over_limit: blocked (threads wait until the limit resets), over_limit: overage (usage past the limit is billed at API prices) or over_limit: fallback_to_api (refused threads run at API prices)"
        ),
        (
            "plans:\n  - claude-max-2x\n",
            "plans.yaml:5:5: unknown plan 'claude-max-2x': did you mean 'claude-max-20x', 'claude-max-5x'?"
        ),
        (
            "plans:\n  - {plan: claude-mx-20x, allowance_5h: {usd: 150}}\n",
            "plans.yaml:5:12: unknown plan 'claude-mx-20x': did you mean 'claude-max-20x', 'claude-max-5x'?"
        ),
        (
            "plans:\n  - {name: cheap, fee: -5}\n",
            "plans.yaml:5:24: 'plans[1].fee' must not be negative, got -5: use 0 or a positive number"
        ),
        (
            "plans:\n  - {name: odd, fee: 5, over_limit: wait}\n",
            "plans.yaml:5:37: 'plans[1].over_limit' must be 'blocked' (threads wait until the limit resets), 'overage' (usage past the limit is billed at API prices) or 'fallback_to_api' (refused threads run at API prices), got 'wait'"
        ),
        (
            "plans:\n  - claude-max-20x\n  - {plan: claude-max-20x, allowance_5h: {usd: 150}}\n",
            "plans.yaml:6:5: two plans are named 'Claude Max 20x': give the edited one its own name, e.g. name: Claude Max 20x (my limits)"
        ),
        (
            "self_hosting:\n  hardware_usd: 27000\n  life_years: 3\n  throughput_tokens_per_second: 0\n  utilisation: 0.35\n",
            "plans.yaml:7:33: 'self_hosting.throughput_tokens_per_second' must be above 0, got 0: give the measured throughput in tokens per second (all concurrent requests together)"
        ),
        (
            "self_hosting:\n  box:\n    hardware_usd: 27000\n    life_years: 3\n    throughput_tokens_per_second: 20\n    utilisation: 35\n",
            "plans.yaml:9:18: 'self_hosting.box.utilisation' is the share of the year the hardware serves and must be in (0, 1], got 35: write 0.35 for 35 %"
        ),
        (
            "self_hosting:\n  hardware_usd: 27000\n  life_years: 3\n  throughput_tokens_per_second: 20\n  utilisation: 0\n",
            "plans.yaml:8:16: 'self_hosting.utilisation' is the share of the year the hardware serves and must be in (0, 1], got 0"
        ),
        (
            "profiles:\n  heavy: {threads_per_day: 15, mix: {opuss: 1}}\n",
            "plans.yaml:5:38: 'profiles.heavy.mix' names 'opuss', which is not in 'models': did you mean 'opus'?"
        ),
    ])
    func badPlanSectionGetsExactMessage(body: String, message: String) {
        #expect(error(body) == message)
    }

    @Test func plansResolveByNameSlugAndAliasWithEdits() throws {
        let s = try ScenarioLoader.parse(
            Self.head + """
                plans:
                  - claude-pro
                  - Claude Max 5x
                  - api
                  - {plan: claude-max-200, name: Max 20x (mine), allowance_5h: {usd: 150}}
                  - {name: team, fee: 30, allowance_weekly: {tokens: 5000000}, over_limit: overage}
                """, file: "plans.yaml")
        #expect(s.plans.map(\.name) == ["Claude Pro", "Claude Max 5x", "Max 20x (mine)", "team"])
        #expect(s.plans[2].allowance5h == .usd(150) && s.plans[2].allowanceWeekly == .usd(300) && s.plans[2].monthlyFeeUSD == 200)
        #expect(s.plans[3].allowanceWeekly == .tokens(5_000_000) && s.plans[3].overLimit == .overage)
        #expect(s.profiles.map(\.name) == ["developer"])
    }

    @Test func scenarioPlansGiveSourceAsOfAndTheFallbackPolicy() throws {
        let s = try ScenarioLoader.parse(
            Self.head + """
                plans:
                  - {plan: claude-max-20x, over_limit: fallback_to_api}
                  - {name: team, fee: 30, allowance_5h: {usd: 9}, over_limit: fallback_to_api, as_of: 2026-11-02, source: https://example.com/pricing}
                  - {plan: claude-pro, source: our contract of 2026-10-01, as_of: 2026-10-01}
                """, file: "plans.yaml")
        #expect(s.plans[0].overLimit == .fallbackToAPI && s.plans[0].source.contains("edited in plans.yaml"))
        #expect(s.plans[1].overLimit == .fallbackToAPI && s.plans[1].asOf == "2026-11-02")
        #expect(s.plans[1].source == "https://example.com/pricing")
        #expect(s.plans[2].source == "our contract of 2026-10-01" && s.plans[2].asOf == "2026-10-01")
    }

    @Test func profilesReplaceTheDeveloper() throws {
        let s = try ScenarioLoader.parse(
            """
            models:
              opus: {preset: opus-4.5, price: claude-opus-4-5}
              sonnet: {preset: sonnet-4.5, price: claude-sonnet-4-5}
            workday: {start_hour: 8, hours: 10}
            profiles:
              heavy: {threads_per_day: {mean: 15, day_dispersion: 3}, mix: {opus: 0.8, sonnet: 0.2}}
              light: {threads_per_day: 2, mix: {sonnet: 1}, workday: {hours: 6}}
            """, file: "p.yaml")
        #expect(s.profiles.map(\.name) == ["heavy", "light"])
        #expect(s.demand.meanPerDay == 15 && s.mix == [0.8, 0.2])
        #expect(s.profiles[0].workday == Workday(startHour: 8, hours: 10))
        #expect(s.profiles[1].workday == Workday(startHour: 8, hours: 6))
        #expect(s.planComparisonSpec().plans.count == PlanCatalog.builtIn.plans.count)
    }

    @Test(arguments: ["max-vs-api.yaml", "self-hosting.yaml"])
    func shippedPlanScenariosLoadAndRun(file: String) throws {
        var s = try ScenarioLoader.load(path: RepositoryPaths.scenario(file))
        s.trials = 24
        var spec = s.planComparisonSpec()
        spec.breakEvenTrials = 16
        let r = try PlanComparator.run(spec)
        #expect(r.profiles.count == 2)
        for p in r.profiles {
            #expect(p.api.mean > 0)
            #expect(p.options.count == spec.plans.count + spec.selfHosting.count)
        }
    }
}
