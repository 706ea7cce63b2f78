// Tests: PlanComparison.swift, PlanComparisonSpec.swift, PlanTimeline.swift
import Distributions
import Foundation
import Pricing
import Testing

@testable import Simulation

@Suite struct PlanComparatorTests {
    /// A model whose every thread costs exactly `cost`: one attempt of one turn that sends a
    /// constant 1,000-token base context at `cost / 1000` per input token, nothing else.
    func constantModel(cost: Double, minutes: Double? = nil) throws -> PricedModel {
        let price = ModelPrice(
            model: "flat", provider: "custom", input: cost / 1000, output: 0, cacheRead: 0, cacheWrite5m: 0,
            cacheWrite1h: 0, caching: .implicit)
        let behaviour = ThreadBehaviour(
            turns: try Constant(value: 1), freshInputPerTurn: try Constant(value: 0), outputPerTurn: try Constant(value: 0),
            cacheHitRate: try Constant(value: 0), baseContext: try Constant(value: 1000), oneShotRate: 1, offTheRailsRate: 0,
            maxAttempts: 1, medianThreadMinutes: minutes)
        return PricedModel(name: "flat", price: price, behaviour: behaviour)
    }

    func plan(
        _ name: String, fee: Double, fiveHour: Double? = nil, weekly: Double? = nil, included: Double? = nil,
        policy: OverLimitPolicy? = .blocked
    ) throws -> Plan {
        try Plan(
            name: name, vendor: "test", monthlyFeeUSD: fee, allowance5h: fiveHour.map { .usd($0) },
            allowanceWeekly: weekly.map { .usd($0) }, includedUSDPerMonth: included, overLimit: policy,
            asOf: "2026-01-01", source: "test", limitsAreEstimates: false)
    }

    @Test func constantThreadCostGivesTheHandComputedComparison() throws {
        // 4 threads a day at $2 each over 230 working days: $1,840 a year on average against a
        // $100 plan ($1,200 a year) with no limits.
        let spec = PlanComparisonSpec(
            models: [try constantModel(cost: 2)],
            profiles: [PlanProfile(name: "dev", demand: ThreadDemand(meanPerDay: 4), mix: [1])],
            plans: [try plan("flat fee", fee: 100, policy: nil)], trials: 400, seed: 11)
        let r = try PlanComparator.run(spec)
        let p = r.profiles[0], o = p.options[0]
        #expect(r.workingDays == 230 && r.weeks == 53)
        #expect(abs(p.costPerThread - 2) < 1e-12)
        #expect(abs(p.api.mean - 2 * p.threads.mean) < 1e-9)
        // E[threads] = 4 x 230 = 920 (Poisson days): within four standard errors.
        #expect(abs(p.threads.mean - 920) < 4 * p.threads.standardError)
        #expect(o.cost.min == 1_200 && o.cost.max == 1_200)
        #expect(abs(o.saving.mean - (p.api.mean - 1_200)) < 1e-9)
        let cheaper = Double(p.apiByTrial.filter { $0 > 1_200 }.count) / 400
        #expect(o.probabilityCheaper == cheaper)
        // Break-even: 1,200 / (230 x $2) = 2.6087 threads a day, up to the simulated mean's error.
        let be = try #require(o.breakEven.threadsPerDay)
        #expect(abs(be - 1_200.0 / 460) < 0.01)
        #expect(o.blockedThreads.max == 0 && o.hoursLockedOutPerMonth == 0)
    }

    @Test func includedUsageWithOverageBillsTheExcess() throws {
        // $1 threads, 10 a day: every month's usage passes $20 of included usage; overage is
        // the API cost above $20 in each of the twelve months.
        let spec = PlanComparisonSpec(
            models: [try constantModel(cost: 1)],
            profiles: [PlanProfile(name: "dev", demand: ThreadDemand(meanPerDay: 10), mix: [1])],
            plans: [try plan("cursor-like", fee: 20, included: 20, policy: .overage)], trials: 50, seed: 3)
        let r = try PlanComparator.run(spec)
        let p = r.profiles[0], o = p.options[0]
        // Fee + (API - 12 x 20) = API exactly when every month passes the included usage.
        #expect(abs(o.cost.mean - p.api.mean) < 1e-9)
        #expect(abs(o.overage.mean - (p.api.mean - 240)) < 1e-9)
        #expect(o.monthlyHitPerMonth == 1)
        #expect(o.probabilityCheaper == 0)
        #expect(o.breakEven.threadsPerDay == nil && o.breakEven.method == .scan)
    }

    @Test func fiveHourHitProbabilityMatchesThePoissonTail() throws {
        // Poisson(6) threads a day, all within 4.9 hours of the day's first, so one window a day;
        // $1 threads and an $8.50 allowance: a day hits the limit when its 9th thread starts,
        // P(N > 8) = 1 - sum_{i<=8} e^-6 6^i / i!. Threads past the 9th are blocked.
        let lambda = 6.0, k = 8
        var cdf = 0.0, term = exp(-lambda), blockedPerDay = 0.0
        for i in 0...60 {
            if i <= k { cdf += term }
            if i > k + 1 { blockedPerDay += Double(i - k - 1) * term }
            term *= lambda / Double(i + 1)
        }
        let spec = PlanComparisonSpec(
            models: [try constantModel(cost: 1)],
            profiles: [
                PlanProfile(
                    name: "dev", demand: ThreadDemand(meanPerDay: lambda), mix: [1], workday: Workday(startHour: 9, hours: 4.9))
            ],
            plans: [try plan("five-hour", fee: 10, fiveHour: Double(k) + 0.5)], trials: 2_000, seed: 5)
        let r = try PlanComparator.run(spec)
        let o = r.profiles[0].options[0]
        let hit = try #require(o.fiveHourHitPerDay)
        let expected = 1 - cdf
        let se = (expected * (1 - expected) / Double(2_000 * 230)).squareRoot()
        #expect(abs(hit - expected) < 4 * se, "P(hit) \(hit) against \(expected)")
        #expect(abs(o.fiveHourHits!.mean / 230 - expected) < 4 * se)
        #expect(abs(o.blockedThreads.mean / 230 - blockedPerDay) < 0.01 * blockedPerDay + 0.005)
        // Each hit locks the rest of its window: never more than five hours per hit.
        #expect(o.hoursLockedOutPerMonth * 12 <= o.fiveHourHits!.mean * 5 + 1e-9)
    }

    @Test func breakEvenRisesWithTheFee() throws {
        let plans = [
            try plan("small", fee: 50, included: 100, policy: .overage),
            try plan("medium", fee: 100, included: 200, policy: .overage),
            try plan("large", fee: 150, included: 300, policy: .overage),
            try plan("blocked-100", fee: 100, fiveHour: 30, policy: .blocked),
            try plan("blocked-200", fee: 200, fiveHour: 30, policy: .blocked),
        ]
        var spec = PlanComparisonSpec(
            models: [try constantModel(cost: 1.5)],
            profiles: [
                PlanProfile(name: "dev", demand: ThreadDemand(meanPerDay: 5, dayDispersion: 3, developerCV: 0.3), mix: [1])
            ],
            plans: plans, trials: 200, seed: 9)
        spec.breakEvenTrials = 100
        let r = try PlanComparator.run(spec)
        let be = r.profiles[0].options.map(\.breakEven.threadsPerDay)
        let values = try be.map { try #require($0) }
        #expect(values[0] < values[1] && values[1] < values[2], "\(values)")
        #expect(values[3] < values[4])
        // An overage plan that includes twice its fee breaks even where the API cost reaches
        // the fee: 50 x 12 / (230 x 1.5) = 1.74 threads a day, a little above with variance.
        #expect(values[0] > 1.6 && values[0] < 2.4, "\(values[0])")
        #expect(r.profiles[0].options[0].breakEven.method == .scan)
        #expect(r.profiles[0].options[3].breakEven.method == .linear)
    }

    @Test func sameSeedSameNumbersOnAnyWorkerCount() throws {
        var spec = PlanComparisonSpec(
            models: [try constantModel(cost: 0.8, minutes: 4)],
            profiles: [
                PlanProfile(name: "heavy", demand: ThreadDemand(meanPerDay: 8, dayDispersion: 2, developerCV: 0.4), mix: [1]),
                PlanProfile(name: "light", demand: ThreadDemand(meanPerDay: 3, dayDispersion: 2, developerCV: 0.4), mix: [1]),
            ],
            plans: [PlanCatalog.builtIn.plans[0], PlanCatalog.builtIn.plans[1], PlanCatalog.builtIn.plans[6]],
            selfHosting: [
                SelfHostingOption(
                    name: "box",
                    hosting: try SelfHosting(
                        hardwareUSD: 9_000, lifeYears: 3, powerKW: 1, electricityUSDPerKWh: 0.3, tokensPerSecond: 20,
                        utilisation: 0.5))
            ],
            trials: 36, seed: 1234)
        spec.breakEvenTrials = 16
        var results: [PlanComparison] = []
        for w in [1, 2, 5] {
            spec.workers = w
            results.append(try PlanComparator.run(spec))
        }
        for r in results.dropFirst() {
            for (a, b) in zip(results[0].profiles, r.profiles) {
                #expect(a.apiByTrial == b.apiByTrial)
                #expect(a.options.map(\.cost) == b.options.map(\.cost))
                #expect(a.options.map(\.fiveHourHitPerDay) == b.options.map(\.fiveHourHitPerDay))
                #expect(a.options.map(\.breakEven) == b.options.map(\.breakEven))
            }
        }
    }

    /// Issue 13: a plan that blocks most of a heavy user's threads showed P(cheaper) 100 %,
    /// because blocked threads drop out of its cost. The comparison now shows what the work
    /// costs: the same trials with the refused threads at API prices, and the cost per
    /// completed thread.
    @Test func aPlanThatBlocksMostThreadsNoLongerLooksCheaper() throws {
        // $2 threads, 10 a working day; a $3 window allowance serves two threads a window
        // (the second reaches it), about two windows a day: most threads are refused.
        let models = [try constantModel(cost: 2)]
        let profiles = [PlanProfile(name: "heavy", demand: ThreadDemand(meanPerDay: 10), mix: [1])]
        var spec = PlanComparisonSpec(
            models: models, profiles: profiles,
            plans: [
                try plan("blocked", fee: 200, fiveHour: 3, policy: .blocked),
                try plan("fallback", fee: 200, fiveHour: 3, policy: .fallbackToAPI),
            ], trials: 200, seed: 5)
        spec.breakEvenTrials = 20
        let r = try PlanComparator.run(spec)
        let p = r.profiles[0], blocked = p.options[0], fallback = p.options[1]
        // The old reading: a fee of $2,400 against about $4,600 of API spend, every trial cheaper...
        #expect(blocked.probabilityCheaper == 1)
        #expect(blocked.blockedShare > 0.5)
        // ...while the work it refused costs more than the fee saves.
        let withAPI = try #require(blocked.ifRefusedRunOnAPI)
        #expect(withAPI.probabilityCheaper < 0.05)
        #expect(abs(withAPI.cost.mean - (blocked.cost.mean + blocked.blockedCostMean)) < 1e-6)
        #expect(withAPI.saving.mean < 0 && blocked.saving.mean > 0)
        // The fallback policy bills exactly that, trial by trial.
        #expect(fallback.blockedThreads.max == 0)
        #expect(abs((fallback.fallbackThreads?.mean ?? 0) - blocked.blockedThreads.mean) < 1e-9)
        #expect(fallback.cost == withAPI.cost)
        #expect(fallback.probabilityCheaper == withAPI.probabilityCheaper)
        #expect(abs(fallback.completedThreadsMean - p.threads.mean) < 1e-9)
        // Cost per completed thread: the blocked plan's fee over the threads it served.
        let completed = p.threads.mean - blocked.blockedThreads.mean
        #expect(abs(blocked.completedThreadsMean - completed) < 1e-9)
        #expect(abs(try #require(blocked.costPerCompletedThread) - blocked.cost.mean / completed) < 1e-9)
        #expect(abs(try #require(fallback.costPerCompletedThread) - fallback.cost.mean / p.threads.mean) < 1e-9)
        // Falling back costs more than the API per thread: the plan is the dearer way to work.
        #expect(try #require(fallback.costPerCompletedThread) > p.costPerThread)
        // A fallback plan's cost depends on usage: its break-even is scanned.
        #expect(fallback.breakEven.method == .scan)
    }

    @Test func timelineSpreadsWorkingDaysOverWeekdays() {
        let t = PlanTimeline(months: 12, workingDays: 230)
        #expect(t.workingDays == 230)
        #expect(t.dayStarts.allSatisfy { Int($0 / 24) % 7 < 5 })
        #expect(t.monthDays.map(\.count).reduce(0, +) == 230)
        #expect(t.monthDays.allSatisfy { (17...21).contains($0.count) })
        #expect(PlanTimeline(months: 12, workingDays: 300).workingDays == 300)
    }
}
