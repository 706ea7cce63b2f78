// Tests: Allowance.swift
import Testing

@testable import Pricing

@Suite struct PlanTests {
    func plan(
        name: String = "Team", fee: Double = 20, five: Allowance? = nil, weekly: Allowance? = nil,
        included: Double? = nil, policy: OverLimitPolicy? = nil, asOf: String = "2025-09-01"
    ) throws -> Plan {
        try Plan(
            name: name, vendor: "Acme", monthlyFeeUSD: fee, allowance5h: five, allowanceWeekly: weekly,
            includedUSDPerMonth: included, overLimit: policy, asOf: asOf, source: "test", limitsAreEstimates: false)
    }

    @Test func aLimitNeedsAPolicy() {
        #expect(
            errorMessage { _ = try plan(five: .usd(10)) }
                == "plan 'Team': it has a 5-hour allowance but no policy past the limit; set the policy to blocked "
                + "(threads wait until the limit resets), overage (usage past the limit is billed at API prices) or "
                + "fallback_to_api (refused threads run at API prices)")
        #expect(
            errorMessage { _ = try plan(included: 20) }
                == "plan 'Team': it has included usage but no policy past the limit; set the policy to blocked "
                + "(threads wait until the limit resets), overage (usage past the limit is billed at API prices) or "
                + "fallback_to_api (refused threads run at API prices)")
        #expect(errorMessage { _ = try plan() } == nil)  // no limit, no policy: a flat fee
    }

    @Test func feesAndAllowancesMustBeInRange() {
        #expect(errorMessage { _ = try plan(fee: -5) } == "plan 'Team': the monthly fee is -5.0 USD; give a fee >= 0")
        #expect(errorMessage { _ = try plan(fee: .nan) } == "plan 'Team': the monthly fee is nan USD; give a fee >= 0")
        #expect(
            errorMessage { _ = try plan(weekly: .tokens(0), policy: .blocked) }
                == "plan 'Team': the weekly allowance is 0.0; give an amount > 0, or no weekly limit at all")
        #expect(
            errorMessage { _ = try plan(included: -1, policy: .overage) }
                == "plan 'Team': the included usage is -1.0 USD per month; give an amount >= 0")
        #expect(errorMessage { _ = try plan(name: " ") } == "plan ' ': a plan needs a name")
        #expect(
            errorMessage { _ = try plan(asOf: "Sept 2025") }
                == "plan 'Team': asOf is 'Sept 2025'; give the day the figures were checked, as YYYY-MM-DD")
    }

    @Test func allowanceUnits() {
        #expect(Allowance.usd(8).amount == 8 && !Allowance.usd(8).isTokens)
        #expect(Allowance.tokens(1e6).amount == 1e6 && Allowance.tokens(1e6).isTokens)
    }

    @Test func plansOlderThan180DaysAreStale() throws {
        let p = try plan(policy: nil, asOf: "2026-06-15")
        #expect(p.daysOld(on: "2027-01-01") == 200)
        #expect(p.daysOld(on: "2026-06-15") == 0)
        #expect(p.isStale(on: "2027-01-01"))
        #expect(!p.isStale(on: "2026-12-12"))  // 180 days: not yet
        #expect(p.isStale(on: "2026-12-13"))
        #expect(p.daysOld(on: "not a day") == nil && !p.isStale(on: "not a day"))
        #expect(Plan.dayNumber("1970-01-01") == 0 && Plan.dayNumber("2000-03-01") == 11_017)
    }
}
