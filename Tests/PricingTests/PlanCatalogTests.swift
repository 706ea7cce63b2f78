import Testing

@testable import Pricing

@Suite struct PlanCatalogTests {
    let plans = PlanCatalog.builtIn

    @Test func holdsTheSubscriptionsCodingAgentsAreBoughtThrough() throws {
        let fees = Dictionary(uniqueKeysWithValues: plans.plans.map { ($0.name, $0.monthlyFeeUSD) })
        #expect(
            fees == [
                "Claude Pro": 20, "Claude Max 5x": 100, "Claude Max 20x": 200, "ChatGPT Plus": 20, "ChatGPT Pro": 200,
                "Cursor Pro": 20, "Cursor Ultra": 200, "GitHub Copilot Pro": 10, "GitHub Copilot Pro+": 39,
                "GitHub Copilot Business": 19, "GitHub Copilot Enterprise": 39,
            ])
    }

    @Test func maxScalesProAndEstimatesSayTheyAreEstimates() throws {
        let pro = try plans.plan(named: "Claude Pro")
        let max5 = try plans.plan(named: "claude max 5x")
        let max20 = try plans.plan(named: "Claude Max 20x")
        #expect(max5.allowance5h == .usd(5 * pro.allowance5h!.amount))
        #expect(max20.allowance5h == .usd(20 * pro.allowance5h!.amount))
        #expect(max5.allowanceWeekly == .usd(3.5 * pro.allowanceWeekly!.amount))
        #expect(max20.allowanceWeekly == .usd(6 * pro.allowanceWeekly!.amount))
        for plan in plans.plans where plan.vendor == "Anthropic" || plan.vendor == "OpenAI" {
            #expect(plan.limitsAreEstimates && plan.source.contains("estimate") && plan.overLimit == .blocked)
        }
        let cursor = try plans.plan(named: "Cursor Pro")
        #expect(cursor.includedUSDPerMonth == 20 && cursor.overLimit == .overage && !cursor.limitsAreEstimates)
    }

    @Test func unknownPlansSuggestNames() {
        #expect(throws: PricingError.unknownPlan("Claude Max", suggestions: ["Claude Max 5x", "Claude Pro", "Claude Max 20x"])) {
            try plans.plan(named: "Claude Max")
        }
    }

    @Test func namesAreUniqueAndSetReplaces() throws {
        let pro = try plans.plan(named: "Claude Pro")
        #expect(
            errorMessage { _ = try PlanCatalog(plans: [pro, pro]) }
                == "plan 'Claude Pro': two plans have this name; give each plan its own name")
        var mine = plans
        var edited = pro
        edited.allowance5h = .usd(12)
        try mine.set(edited)
        #expect(try mine.plan(named: "Claude Pro").allowance5h == .usd(12) && mine.plans.count == plans.plans.count)
        edited.overLimit = nil
        #expect(errorMessage { try mine.set(edited) }?.hasPrefix("plan 'Claude Pro': it has a 5-hour allowance") == true)
    }
}
