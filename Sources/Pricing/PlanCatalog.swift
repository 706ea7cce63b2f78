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

    /// The subscriptions coding agents are bought through, as they stand in December 2026, with
    /// fees as published and limits as published or estimated. Each plan's `asOf` is the day of
    /// the newest published source its figures were checked against, and `source` names it (see
    /// docs/prices-and-plans.md for every figure); `plans` warns about figures older than
    /// ``Plan/staleAfterDays`` at the forecast's start.
    ///
    /// Anthropic, OpenAI and (since 2026-07-31) Cursor publish no dollar or token limits, so
    /// those are estimates: change them with ``set(_:)`` or a scenario's plan section when your
    /// own logs say otherwise.
    public static let builtIn: PlanCatalog = {
        // Claude: fees and the 5x / 20x multipliers as published; Anthropic's notice of
        // 2026-05-13 (effective 2026-06-15) confirmed the fees.
        let claudeAsOf = "2026-06-15"
        let claudeEstimate =
            "fees published (claude.com/pricing; support.claude.com, 'How much does the Max plan cost?': Max 5x and "
            + "Max 20x give 5x and 20x Pro's usage), confirmed by Anthropic's notice of 2026-05-13: since 2026-06-15 "
            + "programmatic use (claude -p, the Agent SDK, GitHub Actions, third-party harnesses) draws a separate "
            + "monthly credit equal to the fee at API prices, so it is not in these allowances. Limits are estimates: "
            + "Anthropic publishes no dollar or token limits, and weekly guidance only in hours of use (Max 5x about "
            + "3.5x and Max 20x about 6x Pro's week). Pro is estimated at $\(Int(claudeProFiveHourUSD)) API-equivalent "
            + "per 5-hour window and $\(Int(claudeProWeeklyUSD)) per week from users' usage reports; change them to fit "
            + "your logs"
        // ChatGPT: developers.openai.com/codex/pricing, as cited on 2026-06-02.
        let openAIAsOf = "2026-06-02"
        let openAIEstimate =
            "fees published (chatgpt.com/pricing; developers.openai.com/codex/pricing: Pro has 5x ($100) or 20x ($200) "
            + "Plus's rate limits, Business per seat has Plus's); Codex limits are estimates: OpenAI publishes message "
            + "ranges per 5-hour window (GPT-5.5 local messages: Plus 15-80, Pro 20x 300-1,600) and a weekly limit, "
            + "not dollars. Plus is estimated at $\(Int(chatGPTPlusFiveHourUSD)) API-equivalent per 5-hour window and "
            + "$\(Int(chatGPTPlusWeeklyUSD)) per week; change them to fit your logs"
        // Cursor: since 2026-07-31 the self-serve plans say no dollar figure for their usage.
        let cursorAsOf = "2026-07-31"
        func cursor(_ included: String) -> String {
            "fee published (cursor.com/pricing); the included usage is an estimate: since 2026-07-31 Cursor states no "
                + "dollar amount for its self-serve plans, so \(included) a month at API prices is carried over from the "
                + "last published figures. Past it, usage is billed at API prices (on-demand usage enabled); with it "
                + "disabled, set over_limit: blocked"
        }
        // GitHub Copilot: usage-based AI credits since 2026-06-01.
        let copilotAsOf = "2026-06-01"
        func copilot(_ credits: Int, seat: Bool) -> String {
            "published (github.blog, 2026-04-27, updated 2026-05-28; docs.github.com, usage-based billing): since "
                + "2026-06-01 the plan includes GitHub AI Credits worth its fee, $\(credits) a \(seat ? "seat a " : "")month "
                + "(1 credit = $0.01), drawn at each model's API rates for input, output and cached tokens; code "
                + "completions and Next Edit Suggestions draw none. Past them usage is billed at the same rates when an "
                + "additional-spend budget is set (overage); with a $0 budget Copilot stops (set over_limit: blocked)"
                + (seat ? ". The June-August 2026 launch credits ($30 Business, $70 Enterprise) have ended" : "")
        }
        func plan(
            _ name: String, _ vendor: String, fee: Double, fiveHour: Double? = nil, weekly: Double? = nil,
            included: Double? = nil, _ policy: OverLimitPolicy, asOf: String, source: String, estimates: Bool
        ) -> Plan? {
            try? Plan(
                name: name, vendor: vendor, monthlyFeeUSD: fee, allowance5h: fiveHour.map(Allowance.usd),
                allowanceWeekly: weekly.map(Allowance.usd), includedUSDPerMonth: included, overLimit: policy, asOf: asOf,
                source: source, limitsAreEstimates: estimates)
        }
        let plans: [Plan?] = [
            plan(
                "Claude Pro", "Anthropic", fee: 20, fiveHour: claudeProFiveHourUSD, weekly: claudeProWeeklyUSD, .blocked,
                asOf: claudeAsOf, source: claudeEstimate, estimates: true),
            plan(
                "Claude Max 5x", "Anthropic", fee: 100, fiveHour: claudeProFiveHourUSD * 5, weekly: claudeProWeeklyUSD * 3.5,
                .blocked, asOf: claudeAsOf, source: claudeEstimate, estimates: true),
            plan(
                "Claude Max 20x", "Anthropic", fee: 200, fiveHour: claudeProFiveHourUSD * 20, weekly: claudeProWeeklyUSD * 6,
                .blocked, asOf: claudeAsOf, source: claudeEstimate, estimates: true),
            plan(
                "ChatGPT Plus", "OpenAI", fee: 20, fiveHour: chatGPTPlusFiveHourUSD, weekly: chatGPTPlusWeeklyUSD, .blocked,
                asOf: openAIAsOf, source: openAIEstimate, estimates: true),
            plan(
                "ChatGPT Pro 5x", "OpenAI", fee: 100, fiveHour: chatGPTPlusFiveHourUSD * 5, weekly: chatGPTPlusWeeklyUSD * 5,
                .blocked, asOf: openAIAsOf, source: openAIEstimate, estimates: true),
            plan(
                "ChatGPT Pro", "OpenAI", fee: 200, fiveHour: chatGPTPlusFiveHourUSD * 20, weekly: chatGPTPlusWeeklyUSD * 20,
                .blocked, asOf: openAIAsOf, source: openAIEstimate, estimates: true),
            plan(
                "ChatGPT Business", "OpenAI", fee: 30, fiveHour: chatGPTPlusFiveHourUSD, weekly: chatGPTPlusWeeklyUSD,
                .blocked, asOf: openAIAsOf, source: openAIEstimate + "; Business is $30 a seat monthly ($25 yearly)",
                estimates: true),
            plan(
                "Cursor Pro", "Cursor", fee: 20, included: 20, .overage, asOf: cursorAsOf, source: cursor("$20"),
                estimates: true),
            plan(
                "Cursor Pro+", "Cursor", fee: 60, included: 60, .overage, asOf: cursorAsOf,
                source: cursor("three times Pro's, $60,"), estimates: true),
            plan(
                "Cursor Ultra", "Cursor", fee: 200, included: 400, .overage, asOf: cursorAsOf, source: cursor("$400"),
                estimates: true),
            plan(
                "GitHub Copilot Pro", "GitHub", fee: 10, included: 10, .overage, asOf: copilotAsOf,
                source: copilot(10, seat: false), estimates: false),
            plan(
                "GitHub Copilot Pro+", "GitHub", fee: 39, included: 39, .overage, asOf: copilotAsOf,
                source: copilot(39, seat: false), estimates: false),
            plan(
                "GitHub Copilot Business", "GitHub", fee: 19, included: 19, .overage, asOf: copilotAsOf,
                source: copilot(19, seat: true), estimates: false),
            plan(
                "GitHub Copilot Enterprise", "GitHub", fee: 39, included: 39, .overage, asOf: copilotAsOf,
                source: copilot(39, seat: true), estimates: false),
        ]
        // Every entry above is valid (PlanCatalogTests checks that none is dropped); compactMap
        // instead of try! keeps a typo from stopping the program.
        return (try? PlanCatalog(plans: plans.compactMap { $0 })) ?? PlanCatalog(unchecked: [])
    }()

    /// How many plans ``builtIn`` lists (PlanCatalogTests checks that none failed to build).
    static let builtInCount = 14

    private init(unchecked plans: [Plan]) { self.plans = plans }
}
