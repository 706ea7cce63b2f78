import Testing

@testable import Pricing

@Suite struct PlanCatalogTests {
    let plans = PlanCatalog.builtIn

    @Test func holdsTheSubscriptionsCodingAgentsAreBoughtThrough() throws {
        let fees = Dictionary(uniqueKeysWithValues: plans.plans.map { ($0.name, $0.monthlyFeeUSD) })
        #expect(
            fees == [
                "Claude Pro": 20, "Claude Max 5x": 100, "Claude Max 20x": 200, "ChatGPT Plus": 20, "ChatGPT Pro 5x": 100,
                "ChatGPT Pro": 200, "ChatGPT Business": 30, "Cursor Pro": 20, "Cursor Pro+": 60, "Cursor Ultra": 200,
                "GitHub Copilot Pro": 10, "GitHub Copilot Pro+": 39, "GitHub Copilot Business": 19,
                "GitHub Copilot Enterprise": 39,
            ])
        // None of the entries failed to build (the catalog drops an invalid one rather than crash).
        #expect(plans.plans.count == PlanCatalog.builtInCount)
    }

    @Test func everyPlanSaysWhereItsFiguresComeFromAndWhen() throws {
        for plan in plans.plans {
            #expect(Plan.dayNumber(plan.asOf) != nil, "\(plan.name): as_of \(plan.asOf)")
            #expect(plan.source.contains("published"), "\(plan.name): \(plan.source)")
            #expect(plan.source.contains("."), "\(plan.name) names no page")
            // December 2026: nothing older than the changes of mid-2026.
            #expect(plan.asOf >= "2026-06-01", "\(plan.name): \(plan.asOf)")
        }
    }

    @Test func copilotIncludesCreditsWorthItsFeeSinceJune2026() throws {
        for plan in plans.plans where plan.vendor == "GitHub" {
            #expect(plan.includedUSDPerMonth == plan.monthlyFeeUSD && plan.overLimit == .overage)
            #expect(!plan.limitsAreEstimates && plan.asOf == "2026-06-01" && plan.source.contains("AI Credits"))
        }
    }

    @Test func cursorPublishesNoDollarFiguresSinceJuly2026() throws {
        for plan in plans.plans where plan.vendor == "Cursor" {
            #expect(plan.limitsAreEstimates && plan.source.contains("estimate") && plan.asOf == "2026-07-31")
        }
        #expect(try plans.plan(named: "Cursor Ultra").includedUSDPerMonth == 400)
    }

    @Test func chatGPTProTiersScalePlus() throws {
        let plus = try plans.plan(named: "ChatGPT Plus")
        #expect(try plans.plan(named: "ChatGPT Pro 5x").allowance5h == .usd(5 * plus.allowance5h!.amount))
        #expect(try plans.plan(named: "ChatGPT Pro").allowance5h == .usd(20 * plus.allowance5h!.amount))
        #expect(try plans.plan(named: "ChatGPT Business").allowance5h == plus.allowance5h)
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
        #expect(cursor.includedUSDPerMonth == 20 && cursor.overLimit == .overage && cursor.limitsAreEstimates)
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
