// Tests: Plan+Evaluate.swift
import Testing

@testable import Pricing

@Suite struct PlanUsageTests {
    /// Ten $3 threads each working day (Monday-Friday), half an hour apart from 9:00, for four
    /// weeks; the period is one 730-hour month.
    static let month: (hours: [Double], costs: [Double]) = {
        var hours: [Double] = []
        for week in 0..<4 {
            for day in 0..<5 {
                for k in 0..<10 { hours.append(Double(week * 168 + day * 24) + 9 + 0.5 * Double(k)) }
            }
        }
        return (hours, Array(repeating: 3, count: hours.count))
    }()

    func plan(five: Allowance?, weekly: Allowance?, included: Double? = nil, policy: OverLimitPolicy, fee: Double = 100) throws
        -> Plan
    {
        try Plan(
            name: "Test", vendor: "Acme", monthlyFeeUSD: fee, allowance5h: five, allowanceWeekly: weekly,
            includedUSDPerMonth: included, overLimit: policy, asOf: "2025-09-01", source: "test", limitsAreEstimates: false)
    }

    @Test func maxWithOverageOnConstantUsage() throws {
        // $30 a day in one window against $20 per window and $80 per week: each day the window
        // covers $20 and bills $10, until the week's $80 is used on day four; day five bills
        // all $30. Per week $4 x 10 + $30 = $70 overage; four weeks $280; plus the $100 fee.
        let r = try plan(five: .usd(20), weekly: .usd(80), policy: .overage)
            .evaluate(startHours: Self.month.hours, costsUSD: Self.month.costs, periodHours: 730)
        #expect(close(r.apiCostUSD, 600) && close(r.feesUSD, 100))
        #expect(close(r.overageUSD, 280, 1e-9) && close(r.planCostUSD, 380, 1e-9))
        #expect(r.servedThreads == 200 && r.blockedThreads == 0 && r.hoursLockedOut == 0)
        // On day five the week's limit bills every thread, so that window's own allowance is
        // never used up: 16 of 20 windows reach the 5-hour limit.
        #expect(r.fiveHourWindows == 20 && r.fiveHourWindowsAtLimit == 16)
        #expect(r.weeks == 4 && r.weeksAtLimit == 4 && r.months == 1 && r.monthsAtLimit == 0)
        #expect(close(r.peakFiveHourShare, 1.5) && close(r.peakWeeklyShare, 150.0 / 80))
    }

    @Test func builtInMaxFiveXCoversTenThreeDollarThreadsADay() throws {
        // $30 a day is under the estimated $40 per window, and $150 a week under $175.
        var max5 = try PlanCatalog.builtIn.plan(named: "Claude Max 5x")
        max5.overLimit = .overage
        let r = max5.evaluate(startHours: Self.month.hours, costsUSD: Self.month.costs, periodHours: 730)
        #expect(close(r.planCostUSD, 100) && close(r.apiCostUSD, 600) && r.overageUSD == 0)
        #expect(r.fiveHourWindowsAtLimit == 0 && r.weeksAtLimit == 0)
        #expect(close(r.peakFiveHourShare, 0.75) && close(r.peakWeeklyShare, 150.0 / 175))
    }

    @Test func includedMonthlyUsageThenPayAsYouGo() throws {
        // Cursor Pro over two months of the same usage: $600 a month, $20 included.
        var hours = Self.month.hours
        hours += Self.month.hours.map { $0 + 730 }
        let r = try PlanCatalog.builtIn.plan(named: "Cursor Pro")
            .evaluate(startHours: hours, costsUSD: hours.map { _ in 3 }, periodHours: 1_460)
        #expect(close(r.feesUSD, 40) && close(r.overageUSD, 1_160, 1e-9) && close(r.planCostUSD, 1_200, 1e-9))
        #expect(r.months == 2 && r.monthsAtLimit == 2 && r.fiveHourWindows == 40 && r.fiveHourWindowsAtLimit == 0)
    }

    @Test func fallbackToAPIRunsTheRefusedThreadsAtAPIPrices() throws {
        // The hours of the next test: the same four threads are refused on the plan, and run
        // at API prices instead ($4 each), counting against no limit.
        let hours: [Double] = [0, 1, 2, 3, 4.5, 5.5, 6, 30, 31, 32, 33, 170]
        let blocked = try plan(five: .usd(10), weekly: .usd(25), policy: .blocked, fee: 20)
        let fallback = try plan(five: .usd(10), weekly: .usd(25), policy: .fallbackToAPI, fee: 20)
        let b = blocked.evaluate(startHours: hours, costsUSD: hours.map { _ in 4 }, periodHours: 730)
        var billed: [Int: Double?] = [:]
        let f = fallback.evaluate(
            startHours: hours, costsUSD: hours.map { _ in 4 }, periodHours: 730, onThread: { billed[$0] = $1 })
        #expect(f.blockedThreads == 0 && f.fallbackThreads == 4 && close(f.fallbackCostUSD, 16))
        #expect(close(f.overageUSD, 16) && close(f.planCostUSD, 36))
        #expect(f.servedThreads == b.servedThreads && f.completedThreads == 12 && b.completedThreads == 8)
        // The plan refuses the same threads for the same hours; only the bill differs.
        #expect(f.hoursLockedOut == b.hoursLockedOut && f.fiveHourWindows == b.fiveHourWindows)
        #expect(f.weeksAtLimit == b.weeksAtLimit)
        #expect([3, 4, 9, 10].allSatisfy { billed[$0] == .some(4) } && billed[0] == .some(0))
        let perFallback = try #require(f.costPerCompletedThread), perBlocked = try #require(b.costPerCompletedThread)
        #expect(close(perFallback, 3) && close(perBlocked, 2.5))
    }

    @Test func windowsOpenAtTheFirstThreadAfterThePreviousWindowEnded() throws {
        // $4 threads against $10 per window and $25 per week, blocked past a limit.
        let hours: [Double] = [0, 1, 2, 3, 4.5, 5.5, 6, 30, 31, 32, 33, 170]
        let p = try plan(five: .usd(10), weekly: .usd(25), policy: .blocked, fee: 20)
        let r = p.evaluate(startHours: hours, costsUSD: hours.map { _ in 4 }, periodHours: 730)
        // [0,5): 0, 1, 2 served (12 >= 10 at hour 2: locked 2-5), 3 and 4.5 refused.
        // [5.5,10.5): 5.5, 6. [30,35): 30, 31 (week at 28 >= 25 at hour 31: locked 31-168),
        // 32 and 33 refused. Week 1, [170,175): 170.
        #expect(r.servedThreads == 8 && r.blockedThreads == 4 && close(r.blockedCostUSD, 16))
        #expect(r.fiveHourWindows == 4 && r.fiveHourWindowsAtLimit == 1)
        #expect(r.weeks == 2 && r.weeksAtLimit == 1)
        #expect(close(r.hoursLockedOut, 3 + 137))
        #expect(close(r.planCostUSD, 20) && close(r.apiCostUSD, 48) && r.overageUSD == 0)
        #expect(close(r.peakFiveHourShare, 1.2) && close(r.peakWeeklyShare, 28.0 / 25))
    }

    @Test func overlappingLockoutsCountOnce() throws {
        // Both limits reached by the same thread at hour 1: window lock 1-6, week lock 1-168.
        let p = try plan(five: .usd(10), weekly: .usd(10), policy: .blocked)
        let r = p.evaluate(startHours: [0, 1, 2], costsUSD: [5, 5, 5], periodHours: 168)
        #expect(r.blockedThreads == 1 && close(r.hoursLockedOut, 167))
    }

    @Test func tokenAllowancesCountTokens() throws {
        let p = try plan(five: .tokens(1_000), weekly: nil, policy: .overage)
        let r = p.evaluate(startHours: [0, 1], costsUSD: [2, 2], tokens: [600, 600], periodHours: 730)
        // The second thread has 400 of its 600 tokens covered: a third of its $2 is billed.
        #expect(close(r.overageUSD, 2.0 / 3) && r.fiveHourWindowsAtLimit == 1)
    }

    @Test func aPlanWithoutLimitsIsItsFee() throws {
        let flat = try Plan(
            name: "Flat", vendor: "Acme", monthlyFeeUSD: 50, asOf: "2025-09-01", source: "test", limitsAreEstimates: false)
        let r = flat.evaluate(startHours: Self.month.hours, costsUSD: Self.month.costs, periodHours: 8_760)
        #expect(close(r.planCostUSD, 600) && r.fiveHourWindows == 20 && r.peakFiveHourShare == 0)
    }

    @Test func perThreadOutcomesAddUpToTheTotals() throws {
        // The same month with overage: the per-thread bills sum to the overage. Billed whole:
        // on days one to four the last three threads of the window (the seventh is split), on
        // day five all ten; 22 a week. Blocking: refused threads are reported as nil.
        var billed = 0.0, whole = 0
        let r = try plan(five: .usd(20), weekly: .usd(80), policy: .overage)
            .evaluate(
                startHours: Self.month.hours, costsUSD: Self.month.costs, periodHours: 730,
                onThread: { _, overage in
                    billed += overage ?? .nan
                    if overage == 3 { whole += 1 }
                })
        #expect(close(billed, r.overageUSD, 1e-9))
        #expect(whole == 88)
        var refused = 0, served = 0
        let b = try plan(five: .usd(20), weekly: nil, policy: .blocked)
            .evaluate(
                startHours: Self.month.hours, costsUSD: Self.month.costs, periodHours: 730,
                onThread: { _, overage in
                    if let overage { served += 1; #expect(overage == 0) } else { refused += 1 }
                })
        #expect(refused == b.blockedThreads && served == b.servedThreads && refused > 0)
    }

    @Test func vendorPlansServeTheirOwnModels() throws {
        let claude = try #require(PlanCatalog.builtIn.plans.first { $0.name == "Claude Max 20x" })
        let chatgpt = try #require(PlanCatalog.builtIn.plans.first { $0.name == "ChatGPT Pro" })
        let cursor = try #require(PlanCatalog.builtIn.plans.first { $0.name == "Cursor Ultra" })
        #expect(
            claude.covers(model: "claude-opus-4-5") && !claude.covers(model: "gpt-5.2-codex")
                && !claude.covers(model: "gemini-3-pro-preview"))
        #expect(
            chatgpt.covers(model: "gpt-5.2-codex") && chatgpt.covers(model: "o3") && !chatgpt.covers(model: "claude-sonnet-4-5"))
        #expect(cursor.covers(model: "claude-opus-4-5") && cursor.covers(model: "gemini-3-flash-preview"))
    }
}
