// Tests: SeatPlan.swift, TeamForecaster+Seats.swift
import Distributions
import Pricing
import Testing

@testable import Simulation

/// Seat plans in team forecasts: fees follow the head count, covered threads cost only their
/// overage, other models are paid at API prices; the exact and aggregated paths agree where
/// the answer is known in closed form.
@Suite struct TeamSeatTests {
    let calendar = WorkCalendar.spreading(workingDaysPerYear: 230, startYear: 2027, startMonth: 1)

    func plan(_ name: String, vendor: String = "Anthropic", fee: Double, included: Double? = nil, policy: OverLimitPolicy? = nil)
        throws -> Plan
    {
        try Plan(
            name: name, vendor: vendor, monthlyFeeUSD: fee, includedUSDPerMonth: included, overLimit: policy,
            asOf: "2026-11-01", source: "test", limitsAreEstimates: false)
    }

    func spec(models: [PricedModel], mix: [Double], seat: Plan, head: HeadCountPlan, method: TeamMethod, trials: Int = 24)
        -> TeamForecastSpec
    {
        var s = TeamForecastSpec(
            models: models,
            profiles: [
                TeamProfileSpec(
                    name: "seats", demand: ThreadDemand(meanPerDay: 4, dayDispersion: 3, developerCV: 0.3), mix: mix, plan: head,
                    seat: SeatPlan(plan: seat, models: models))
            ],
            calendar: calendar, rampUpMonths: 1, trials: trials, seed: 99, method: method)
        s.seatTableMonths = 64
        return s
    }

    @Test func timelineKeepsEachMonthsWorkingDays() {
        let t = PlanTimeline(workingDaysPerMonth: [19, 18, 20, 23, 31])
        // 730 hours hold 30 whole days: a month asking for 31 gets 30.
        #expect(t.monthDays.map(\.count) == [19, 18, 20, 23, 30])
        for (m, days) in t.monthDays.enumerated() {
            for d in days {
                // The whole day, and so every thread started in it, lies inside its month.
                #expect(
                    t.dayStarts[d] >= Double(m) * Plan.hoursPerMonth && t.dayStarts[d] + 24 <= Double(m + 1) * Plan.hoursPerMonth)
            }
        }
        // Weekdays only while there are enough of them (about 21.7 in 730 hours); 23 and 31
        // working days take weekend days too.
        let weekdays = t.monthDays[0..<3].flatMap { Array($0) }.map { Int(t.dayStarts[$0] / 24) % 7 }
        #expect(weekdays.allSatisfy { $0 < 5 })
    }

    /// A blocking plan serving every model costs its fees and nothing else: $200 a seat-month
    /// over a head count of 3, +2 hired in March, -1 leaving in September.
    @Test(arguments: [TeamMethod.exact, .aggregate])
    func blockingSeatsCostTheirFeesExactly(_ method: TeamMethod) throws {
        let (models, _) = try teamModels(uncertain: false)
        let max = try #require(PlanCatalog.builtIn.plans.first { $0.name == "Claude Max 20x" })
        var head = HeadCountPlan(initial: 3, hires: [0, 0, 2] + Array(repeating: 0, count: 9))
        head.leavers = Array(repeating: 0, count: 8) + [1, 0, 0, 0]
        let f = try TeamForecaster.run(spec(models: models, mix: [0.7, 0.3], seat: max, head: head, method: method))
        let seatMonths = [3, 3, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4].reduce(0, +)
        #expect(f.headCount[0].reduce(0, +) == seatMonths)
        #expect(f.teamAnnual.allSatisfy { $0 == Double(200 * seatMonths) })
        #expect(f.profileSeatFees(0).allSatisfy { $0 == Double(200 * seatMonths) })
        #expect(f.seatFigure(0, .overage).allSatisfy { $0 == 0 })
        // The threads still ran: their API-equivalent is reported beside the fees.
        #expect(f.seatFigure(0, .coveredAPICost).allSatisfy { $0 > 0 })
        #expect(f.totals.threads > 0 && f.totals.cost.value > 0)
    }

    /// A Claude seat does not serve a GPT model: those threads are paid at API prices, the
    /// Claude ones only through the fee (an unlimited custom plan).
    @Test(arguments: [TeamMethod.exact, .aggregate])
    func threadsOnOtherVendorsModelsArePaidAtAPIPrices(_ method: TeamMethod) throws {
        var (models, _) = try teamModels(uncertain: false)
        models.append(
            PricedModel(name: "gpt", price: try PriceCatalog.builtIn.price(of: "gpt-5.2"), behaviour: models[1].behaviour))
        let unlimited = try plan("Unlimited Claude", fee: 50)
        let f = try TeamForecaster.run(
            spec(models: models, mix: [0.5, 0.2, 0.3], seat: unlimited, head: .constant(2), method: method))
        #expect(SeatPlan(plan: unlimited, models: models).covers == [true, true, false])
        for t in 0..<f.trials {
            for m in 0..<12 {
                #expect(f.cellMonthly[f.cellIndex(trial: t, profile: 0, model: 0, month: m)] == 0)
                #expect(f.cellMonthly[f.cellIndex(trial: t, profile: 0, model: 1, month: m)] == 0)
            }
        }
        let gpt = f.modelAnnual(2), fees = f.profileSeatFees(0)
        #expect(gpt.allSatisfy { $0 > 0 })
        #expect(fees.allSatisfy { $0 == 50 * 2 * 12 })
        for t in 0..<f.trials { #expect(abs(f.teamAnnual[t] - (gpt[t] + fees[t])) <= 1e-9 * f.teamAnnual[t]) }
    }

    /// With nothing included, an overage plan bills every covered thread at API prices: the
    /// exact path's overage is the covered API cost trial by trial; the aggregated path's table
    /// gives the same mean (the regime where limits bind all the time, not rarely).
    @Test func zeroAllowanceBillsEveryCoveredThread() throws {
        let (models, _) = try teamModels(uncertain: false)
        let payg = try plan("Pay as you go", vendor: "Cursor", fee: 10, included: 0, policy: .overage)
        let exact = try TeamForecaster.run(spec(models: models, mix: [0.7, 0.3], seat: payg, head: .constant(2), method: .exact))
        let overage = exact.seatFigure(0, .overage), covered = exact.seatFigure(0, .coveredAPICost)
        for t in 0..<exact.trials {
            #expect(abs(overage[t] - covered[t]) <= 1e-9 * covered[t])
            #expect(abs(exact.teamAnnual[t] - (covered[t] + 240)) <= 1e-9 * exact.teamAnnual[t])
        }
        var s = spec(models: models, mix: [0.7, 0.3], seat: payg, head: .constant(30), method: .aggregate, trials: 200)
        s.seatTableMonths = 256
        let aggregated = try TeamForecaster.run(s)
        let a = SpendSummary(aggregated.seatFigure(0, .overage)).mean,
            c = SpendSummary(aggregated.seatFigure(0, .coveredAPICost)).mean
        #expect(abs(a / c - 1) < 0.04, "overage \(a) against covered API cost \(c)")
    }

    @Test func seatProfilesAreReproducible() throws {
        let (models, _) = try teamModels(uncertain: true)
        let ultra = try plan("Ultra", vendor: "Cursor", fee: 200, included: 100, policy: .overage)
        for method in [TeamMethod.exact, .aggregate] {
            var s = spec(models: models, mix: [0.7, 0.3], seat: ultra, head: .constant(3), method: method, trials: 8)
            s.seatTableMonths = 16
            let a = try TeamForecaster.run(s), b = try TeamForecaster.run(s)
            #expect(a.teamAnnual == b.teamAnnual && a.seatFigures == b.seatFigures)
        }
    }
}
