// Tests: ScenarioLoader+Team.swift
import Simulation
import Testing

@testable import Scenario

/// The team and budget sections: bad input gives file:line:column, what is wrong and the fix.
@Suite struct TeamScenarioTests {
    static let base = """
        calendar: {start: 2027-01, months: 12}
        models:
          opus: {preset: opus-4.5, price: claude-opus-4-5}
          sonnet: {preset: sonnet-4.5, price: claude-sonnet-4-5}
        """

    static let cases: [(file: String, section: String, message: String)] = [
        (
            "negative.yaml", "team:\n  profiles:\n    typical: {head_count: -3, threads_per_day: 6, mix: {opus: 1}}",
            "negative.yaml:7:27: 'team.profiles.typical.head_count' must be at least 0, got -3"
        ),
        (
            "fractional.yaml", "team:\n  profiles:\n    typical: {head_count: 2.5, threads_per_day: 6, mix: {opus: 1}}",
            "fractional.yaml:7:27: 'team.profiles.typical.head_count' must be a whole number, got '2.5'"
        ),
        (
            "shares.yaml",
            "team:\n  profiles:\n    typical:\n      head_count: 4\n      threads_per_day: 6\n      mix: {opus: 0.6, sonnet: 0.3}",
            "shares.yaml:10:12: the shares in 'team.profiles.typical.mix' sum to 0.9, not 1: add 0.1 across them"
        ),
        (
            "routing.yaml",
            "team:\n  profiles:\n    typical:\n      head_count: 4\n      threads_per_day: 6\n      routing:\n        smart: {model: opus, share: 0.7}\n        rush: {model: sonnet, share: 0.4}",
            "routing.yaml:11:9: the shares in 'team.profiles.typical.routing' sum to 1.1, not 1: remove 0.1 across them"
        ),
        (
            "month.yaml",
            "team:\n  profiles:\n    typical:\n      head_count: 4\n      threads_per_day: 6\n      mix: {opus: 1}\n      hires: {2028-03: 2}",
            "month.yaml:11:15: 'team.profiles.typical.hires' names month '2028-03', which is outside the forecast's horizon 2027-01..2027-12: use a month from 2027-01..2027-12 or extend calendar.months"
        ),
        (
            "budget.yaml", "team:\n  profiles:\n    typical: {head_count: 4, threads_per_day: 6, mix: {opus: 1}}\nbudget: 250000",
            "budget.yaml:8:9: 'budget' must be a mapping with 'annual' or 'monthly', got '250000': e.g. budget: {annual: 250000} or budget: {monthly: [20000, 20000, ...]} with one amount per month"
        ),
        (
            "budgetlen.yaml",
            "team:\n  profiles:\n    typical: {head_count: 4, threads_per_day: 6, mix: {opus: 1}}\nbudget:\n  monthly: [1000, 2000]",
            "budgetlen.yaml:9:12: 'budget.monthly' gives 2 amounts but the horizon has 12 months (2027-01..2027-12): give one amount per month, or use 'annual'"
        ),
        (
            "leavers.yaml",
            "team:\n  profiles:\n    typical:\n      head_count: 4\n      threads_per_day: 6\n      mix: {opus: 1}\n      leavers: {2027-03: 6}",
            "leavers.yaml:11:16: profile 'typical' loses 6 developers in 2027-03 but only 4 are there: lower the leavers or add hires before that month"
        ),
        (
            "role.yaml",
            "team:\n  profiles:\n    typical:\n      head_count: 4\n      threads_per_day: 6\n      routing:\n        smrat: {model: opus, share: 1}",
            "role.yaml:11:9: unknown routing role 'smrat' in 'team.profiles.typical.routing': did you mean 'smart'?"
        ),
    ]

    @Test(arguments: cases)
    func badInputNamesThePlaceAndTheFix(_ c: (file: String, section: String, message: String)) {
        #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(Self.base + "\n" + c.section, file: c.file) }
        do {
            _ = try ScenarioLoader.parse(Self.base + "\n" + c.section, file: c.file)
        } catch {
            #expect(error.description == c.message)
        }
    }

    @Test func teamScenarioLoadsProfilesPlansRoutingAndBudget() throws {
        let text =
            Self.base + """

                team:
                  hourly_rate: 100
                  ramp_up_months: 2
                  adoption: {start: 0.5, target: 0.9, months: 4, sd: 0.05}
                  profiles:
                    typical:
                      head_count: 10
                      threads_per_day: {mean: 6, day_dispersion: 3, developer_cv: 0.4}
                      mix: {opus: 0.75, sonnet: 0.25}
                      hires: {2027-03: 2}
                      leavers: {2027-06: 1}
                      plan: claude-max-200
                    routed:
                      head_count: 3
                      threads_per_day: 4
                      routing:
                        smart: {model: opus, share: 0.6}
                        librarian: {model: sonnet, share: 0.3}
                        deep: {model: opus, share: 0.1}
                budget:
                  annual: 90000
                """
        let s = try ScenarioLoader.parse(text, file: "team.yaml")
        let team = try #require(s.team)
        #expect(team.profiles.map(\.name) == ["typical", "routed"])
        #expect(team.profiles[0].plan.headCount(months: 12) == [10, 10, 12, 12, 12, 11, 11, 11, 11, 11, 11, 11])
        #expect(team.profiles[0].seatPlan?.name == "Claude Max 20x")
        #expect(team.profiles[1].seatPlan == nil)
        #expect(abs(team.profiles[1].mix[0] - 0.7) < 1e-12 && abs(team.profiles[1].mix[1] - 0.3) < 1e-12)
        #expect(team.profiles[1].routing.count == 3)
        #expect(team.adoption == AdoptionCurve(start: 0.5, target: 0.9, months: 4, sd: 0.05))
        #expect(s.budget == Budget(annual: 90000))
        // Without 'developer:', the single-developer fields come from the first profile.
        #expect(s.mix == [0.75, 0.25])
        let spec = s.teamSpec()
        #expect(spec.profiles.count == 2 && spec.rampUpMonths == 2 && spec.hourlyRate == 100)
        #expect(spec.profiles[0].seat?.covers == [true, true] && spec.profiles[1].seat == nil)
    }

    /// A profile's `plan:` names a plan of `plans:`, a built-in one, `api`, or is a plan item.
    @Test func seatPlansResolveByNameAliasOrDefinition() throws {
        let text =
            Self.base + """

                plans:
                  - {name: Team Claude, fee: 150, allowance_5h: {usd: 60}, over_limit: overage}
                workday: {start_hour: 8, hours: 10}
                team:
                  profiles:
                    own: {head_count: 2, threads_per_day: 6, mix: {opus: 1}, plan: team-claude}
                    builtin: {head_count: 2, threads_per_day: 6, mix: {opus: 1}, plan: claude-max-100}
                    api: {head_count: 2, threads_per_day: 6, mix: {opus: 1}, plan: api}
                    edited: {head_count: 2, threads_per_day: 6, mix: {opus: 1}, plan: {plan: cursor-ultra, included_usd_per_month: 500}}
                """
        let s = try ScenarioLoader.parse(text, file: "seats.yaml")
        let seats = try #require(s.team).profiles.map(\.seatPlan)
        #expect(seats[0]?.name == "Team Claude" && seats[0]?.monthlyFeeUSD == 150)
        #expect(seats[1]?.name == "Claude Max 5x")
        #expect(seats[2] == nil)
        #expect(seats[3]?.includedUSDPerMonth == 500)
        #expect(s.team?.workday == Workday(startHour: 8, hours: 10))
        #expect(s.teamSpec().profiles[0].seat?.workday == Workday(startHour: 8, hours: 10))
    }

    @Test func anUnknownSeatPlanIsNamedWithItsPlace() {
        let text =
            Self.base
            + "\nteam:\n  profiles:\n    typical: {head_count: 2, threads_per_day: 6, mix: {opus: 1}, plan: claude-max-20}"
        do {
            _ = try ScenarioLoader.parse(text, file: "seat.yaml")
            Issue.record("an unknown plan was accepted")
        } catch {
            #expect(
                error.description.hasPrefix("seat.yaml:7:72: unknown plan 'claude-max-20': did you mean"), "\(error.description)")
        }
    }

    @Test func monthlyBudgetByMonthNeedsEveryMonth() {
        let text =
            Self.base + """

                team:
                  profiles:
                    typical: {head_count: 4, threads_per_day: 6, mix: {opus: 1}}
                budget:
                  monthly: {2027-01: 1000}
                """
        do {
            _ = try ScenarioLoader.parse(text, file: "b.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description
                    == "b.yaml:9:12: 'budget.monthly' has no amount for 2027-02, 2027-03, 2027-04, 2027-05, 2027-06, 2027-07, 2027-08, 2027-09, 2027-10, 2027-11, 2027-12: give every month of the horizon, or use 'annual'"
            )
        }
    }
}
