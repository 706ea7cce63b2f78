/// A set of plans, looked up by name.
public struct PlanCatalog: Sendable {
    public private(set) var plans: [Plan]

    /// - Throws: ``PricingError/invalidPlan(plan:reason:)`` for an invalid plan or a name used twice.
    public init(plans: [Plan]) throws(PricingError) {
        var seen: Set<String> = []
        for plan in plans {
            try plan.validate()
            if !seen.insert(plan.name.lowercased()).inserted {
                throw .invalidPlan(plan: plan.name, reason: "two plans have this name; give each plan its own name")
            }
        }
        self.plans = plans
    }

    /// The plan called `name` (case-insensitive).
    ///
    /// - Throws: ``PricingError/unknownPlan(_:suggestions:)`` with up to three closest names.
    public func plan(named name: String) throws(PricingError) -> Plan {
        if let p = plans.first(where: { $0.name.lowercased() == name.lowercased() }) { return p }
        throw .unknownPlan(name, suggestions: ModelNameResolver.closest(to: name, among: plans.map(\.name)))
    }

    /// Adds a plan or replaces the plan of the same name (a scenario's own figures).
    public mutating func set(_ plan: Plan) throws(PricingError) {
        try plan.validate()
        if let i = plans.firstIndex(where: { $0.name.lowercased() == plan.name.lowercased() }) {
            plans[i] = plan
        } else {
            plans.append(plan)
        }
    }
}

extension PlanCatalog {
    /// Pro's estimated allowance per 5-hour window, API-equivalent USD; Max scales it.
    public static let claudeProFiveHourUSD = 8.0
    /// Pro's estimated weekly allowance, API-equivalent USD; Max scales it.
    public static let claudeProWeeklyUSD = 50.0
    /// ChatGPT Plus's estimated Codex allowance per 5-hour window, API-equivalent USD.
    public static let chatGPTPlusFiveHourUSD = 6.0
    /// ChatGPT Plus's estimated weekly Codex allowance, API-equivalent USD.
    public static let chatGPTPlusWeeklyUSD = 40.0
    /// GitHub's price of one premium request past the allowance, USD; converts allowances to USD.
    public static let copilotPremiumRequestUSD = 0.04

    /// The subscriptions coding agents are bought through, with fees as published and limits
    /// as published or estimated (see docs/prices-and-plans.md for every figure's source).
    ///
    /// Anthropic and OpenAI publish no dollar or token limits, so those are estimates: change
    /// them with ``set(_:)`` or a scenario's plan section when your own logs say otherwise.
    public static let builtIn: PlanCatalog = {
        let asOf = "2025-09-01"
        let claudeEstimate =
            "fee published (claude.com/pricing); limits are estimates: Anthropic publishes no "
            + "dollar limits, only that Max 5x gives 5x and Max 20x 20x Pro's usage per 5-hour session, and weekly "
            + "guidance in hours of Sonnet use (Pro 40-80 h, Max 5x 140-280 h, Max 20x 240-480 h, i.e. 3.5x and 6x "
            + "Pro). Pro is estimated at $\(Int(claudeProFiveHourUSD)) API-equivalent per 5-hour window and "
            + "$\(Int(claudeProWeeklyUSD)) per week from users' usage reports; change them to fit your logs"
        let openAIEstimate =
            "fee published (openai.com/chatgpt/pricing); Codex limits are estimates: OpenAI "
            + "publishes message ranges per 5-hour window (Plus 45-225, Pro 300-1,500 local messages, about 6.7x) "
            + "and a weekly limit, not dollars. Plus is estimated at $\(Int(chatGPTPlusFiveHourUSD)) API-equivalent "
            + "per 5-hour window and $\(Int(chatGPTPlusWeeklyUSD)) per week; change them to fit your logs"
        let cursor =
            "published (cursor.com/pricing): the fee includes that much usage at API prices each month, "
            + "then usage is billed at API prices"
        func copilot(_ requests: Int) -> String {
            "fee and \(requests) premium requests a month published (github.com/features/copilot/plans); the "
                + "dollar figure is an estimate: requests converted at $0.04, GitHub's price of an extra premium "
                + "request. Copilot bills per request, not per token, so long agent threads cost less there than "
                + "their API-equivalent dollars suggest. Overage assumes a budget for extra requests is set; "
                + "without one, premium models stop and the included model takes over"
        }
        let proPlus = chatGPTPlusFiveHourUSD * 20 / 3  // Pro's 1,500 messages / Plus's 225
        let plans: [Plan] = [
            try! Plan(
                name: "Claude Pro", vendor: "Anthropic", monthlyFeeUSD: 20,
                allowance5h: .usd(claudeProFiveHourUSD), allowanceWeekly: .usd(claudeProWeeklyUSD),
                overLimit: .blocked, asOf: asOf, source: claudeEstimate, limitsAreEstimates: true),
            try! Plan(
                name: "Claude Max 5x", vendor: "Anthropic", monthlyFeeUSD: 100,
                allowance5h: .usd(claudeProFiveHourUSD * 5), allowanceWeekly: .usd(claudeProWeeklyUSD * 3.5),
                overLimit: .blocked, asOf: asOf, source: claudeEstimate, limitsAreEstimates: true),
            try! Plan(
                name: "Claude Max 20x", vendor: "Anthropic", monthlyFeeUSD: 200,
                allowance5h: .usd(claudeProFiveHourUSD * 20), allowanceWeekly: .usd(claudeProWeeklyUSD * 6),
                overLimit: .blocked, asOf: asOf, source: claudeEstimate, limitsAreEstimates: true),
            try! Plan(
                name: "ChatGPT Plus", vendor: "OpenAI", monthlyFeeUSD: 20,
                allowance5h: .usd(chatGPTPlusFiveHourUSD), allowanceWeekly: .usd(chatGPTPlusWeeklyUSD),
                overLimit: .blocked, asOf: asOf, source: openAIEstimate, limitsAreEstimates: true),
            try! Plan(
                name: "ChatGPT Pro", vendor: "OpenAI", monthlyFeeUSD: 200,
                allowance5h: .usd(proPlus), allowanceWeekly: .usd(chatGPTPlusWeeklyUSD * 20 / 3),
                overLimit: .blocked, asOf: asOf, source: openAIEstimate, limitsAreEstimates: true),
            try! Plan(
                name: "Cursor Pro", vendor: "Cursor", monthlyFeeUSD: 20, includedUSDPerMonth: 20,
                overLimit: .overage, asOf: asOf, source: cursor, limitsAreEstimates: false),
            try! Plan(
                name: "Cursor Ultra", vendor: "Cursor", monthlyFeeUSD: 200, includedUSDPerMonth: 400,
                overLimit: .overage, asOf: asOf, source: cursor, limitsAreEstimates: false),
            try! Plan(
                name: "GitHub Copilot Pro", vendor: "GitHub", monthlyFeeUSD: 10,
                includedUSDPerMonth: 300 * copilotPremiumRequestUSD, overLimit: .overage, asOf: asOf,
                source: copilot(300), limitsAreEstimates: true),
            try! Plan(
                name: "GitHub Copilot Pro+", vendor: "GitHub", monthlyFeeUSD: 39,
                includedUSDPerMonth: 1_500 * copilotPremiumRequestUSD, overLimit: .overage, asOf: asOf,
                source: copilot(1_500), limitsAreEstimates: true),
            try! Plan(
                name: "GitHub Copilot Business", vendor: "GitHub", monthlyFeeUSD: 19,
                includedUSDPerMonth: 300 * copilotPremiumRequestUSD, overLimit: .overage, asOf: asOf,
                source: copilot(300), limitsAreEstimates: true),
            try! Plan(
                name: "GitHub Copilot Enterprise", vendor: "GitHub", monthlyFeeUSD: 39,
                includedUSDPerMonth: 1_000 * copilotPremiumRequestUSD, overLimit: .overage, asOf: asOf,
                source: copilot(1_000), limitsAreEstimates: true),
        ]
        return try! PlanCatalog(plans: plans)
    }()
}
