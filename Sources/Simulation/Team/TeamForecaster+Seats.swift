import Distributions
import Foundation
import Pricing

/// The seat-plan parts of ``TeamForecaster``: a seat profile's developers laid out in time and
/// billed on the plan (exact path), and a month's overage of an aggregated seat profile from
/// its ``SeatPlanTable``.
extension TeamForecaster {
    /// One worker's buffers for the covered threads of a developer.
    final class SeatScratch {
        let year = DeveloperYear()
        var start: [Double] = []
        var cost: [Double] = []
        var tokens: [Double] = []
        /// Month and model of each covered thread.
        var slot: [Int] = []
    }

    /// One developer of an exact seat profile over the horizon: threads with start times
    /// (``DeveloperYear``), those on models the seat does not serve paid at API prices, the
    /// others billed on the plan, whose overage is paid per month and model.
    static func simulateSeat(
        _ c: ChunkContext, seat: SeatPlan, profile p: Int, trial setup: TrialSetup, developerMean: Double, monthScale: [Double],
        scratch: SeatScratch, rng: inout RandomStream, workspace: KernelWorkspace, totals: inout [CellTotals], out: Outputs
    ) {
        let spec = c.spec
        let t = setup.trial
        let profile = spec.profiles[p]
        let modelCount = spec.models.count, monthCount = spec.calendar.months.count, profileCount = spec.profiles.count
        let year = scratch.year
        year.simulate(
            profile: PlanProfile(name: profile.name, demand: profile.demand, mix: profile.mix, workday: seat.workday),
            developerMean: developerMean, timeline: c.timeline, models: setup.models, behaviours: setup.behaviours,
            pricePaths: spec.pricePaths, priceZ: setup.priceZ, cumulativeMix: c.cumulative[p], minutesEach: c.minutesEach[p],
            grid: nil, monthScale: monthScale, rng: &rng, workspace: workspace)

        for m in 0..<monthCount {
            for j in 0..<modelCount {
                let x = year.monthTotals[m * modelCount + j]
                guard x.threads > 0 else { continue }
                let cellTotals = CellTotals(x, minutesPerAttempt: c.minutes[j])
                out.hours[t * profileCount + p] += cellTotals.wastedHours.value
                totals[p * modelCount + j].add(cellTotals)
            }
        }

        scratch.start.removeAll(keepingCapacity: true)
        scratch.cost.removeAll(keepingCapacity: true)
        scratch.tokens.removeAll(keepingCapacity: true)
        scratch.slot.removeAll(keepingCapacity: true)
        for i in 0..<year.count {
            let j = Int(year.modelOf[i]), m = Int(year.monthOf[i])
            if seat.covers[j] {
                scratch.start.append(year.start[i])
                scratch.cost.append(year.cost[i])
                scratch.tokens.append(year.tokens[i])
                scratch.slot.append(m * modelCount + j)
            } else {
                out.cells[out.cell(t, p, j, m)] += year.cost[i]
            }
        }
        guard !scratch.start.isEmpty else { return }
        let countsTokens = seat.plan.countsTokens
        let slot = scratch.slot
        let usage = seat.plan.evaluate(
            startHours: scratch.start, costsUSD: scratch.cost, tokens: countsTokens ? scratch.tokens : nil,
            periodHours: c.timeline.periodHours,
            onThread: { i, overage in
                if let overage, overage > 0 { out.cells[out.cell(t, p, slot[i] % modelCount, slot[i] / modelCount)] += overage }
            })
        out.addSeat(.coveredAPICost, usage.apiCostUSD, trial: t, profile: p)
        out.addSeat(.overage, usage.overageUSD, trial: t, profile: p)
        out.addSeat(.blockedThreads, Double(usage.blockedThreads), trial: t, profile: p)
        out.addSeat(.blockedCost, usage.blockedCostUSD, trial: t, profile: p)
        out.addSeat(.hoursLockedOut, usage.hoursLockedOut, trial: t, profile: p)
    }

    /// An aggregated seat profile's overage in month `m` of trial `t`, from its table: per
    /// group present, head count x the table's average over the group's developers at the
    /// trial's cost scale, the spread between seats as a moment-matched gamma. Blocked
    /// threads, their cost and lockout hours are added to the trial's figures as expectations.
    static func seatOverage(
        _ c: ChunkContext, seat: SeatPlan, table: SeatPlanTable, profile p: Int, trial t: Int, month m: Int,
        adoption: Double, groupIntensity: [(sum: Double, sumOfSquares: Double)], moments: [ThreadCostMoments.AttemptCounts?],
        nominal: [Double], priceZ: [Double], rng: inout RandomStream, out: Outputs
    ) -> Double {
        let spec = c.spec
        let profile = spec.profiles[p]
        // The trial's cost scale of the covered threads: their mean cost this month (behaviour
        // shifts and price path) over the nominal mean the table was built at.
        var now = 0.0, base = 0.0
        for j in spec.models.indices where seat.covers[j] && profile.mix[j] > 0 {
            guard let x = moments[j] else { continue }
            let multiplier = spec.pricePaths[j].isFlat ? 1 : spec.pricePaths[j].multiplier(month: m, z: priceZ[j])
            now += profile.mix[j] * x.threadMean * multiplier
            base += profile.mix[j] * nominal[j]
        }
        guard base > 0 else { return 0 }
        let scale = now / base
        let dayFactor = Double(spec.calendar.workingDays[m]) / table.days
        var mean = 0.0, variance = 0.0
        for (g, s) in zip(c.groups[p], groupIntensity) where g.isPresent(in: m) && g.count > 0 {
            let share = g.rampFactor(month: m, rampUpMonths: spec.rampUpMonths) * adoption
            // The table spreads developers around the group's mean with the profile's spread.
            // A large group's drawn mean keeps its persistent deviation (a heavy group stays
            // heavy all year); a cohort of a few has little spread of its own around its drawn
            // mean, so the profile's mean is used instead of counting the spread twice.
            let drawn = g.count >= seatGroupMeanMinimum ? s.sum / Double(g.count) : profile.demand.meanPerDay
            let e = table.expected(groupMean: drawn * share, scale: scale)
            let seats = Double(g.count)
            let o = e[SeatPlanTable.Figure.overage.rawValue]
            mean += seats * dayFactor * o
            variance += seats * dayFactor * dayFactor * max(0, e[SeatPlanTable.Figure.overageSquare.rawValue] - o * o)
            let n = seats * dayFactor
            out.addSeat(.blockedThreads, n * e[SeatPlanTable.Figure.blockedThreads.rawValue], trial: t, profile: p)
            out.addSeat(.blockedCost, n * e[SeatPlanTable.Figure.blockedCost.rawValue], trial: t, profile: p)
            out.addSeat(.hoursLockedOut, n * e[SeatPlanTable.Figure.hoursLockedOut.rawValue], trial: t, profile: p)
        }
        guard mean > 0 else { return 0 }
        // From the seat profile's own stream, so that the draws of the trial's other profiles
        // do not depend on whether this one holds seats. A gamma with the sum's mean and variance: non-negative without a cut (a normal cut
        // at 0 added its lost left tail back as overage, 5-10 % in months where little is over).
        let overage = variance > 0 ? mean * GammaUnit.draw(shape: mean * mean / variance, using: &rng) : mean
        out.addSeat(.overage, overage, trial: t, profile: p)
        return overage
    }
}
