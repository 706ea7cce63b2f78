import Distributions
import Foundation
import NumericalMethods

/// The aggregated path of ``TeamForecaster``: a large profile's month as per-model sums drawn
/// from moments, its seats' overage from the profile's ``SeatPlanTable`` (docs/team-forecasts.md).
extension TeamForecaster {
    /// Month `m` of aggregated profile `p` in one trial: the month's intensity (a gamma with the
    /// present groups' mean and day-to-day variance), each model's thread count by Poisson
    /// thinning and their cost as one lognormal sum (``sumOfThreads(count:moments:rng:)``), all
    /// from the trial's stream; threads on models the profile's seat covers are paid through the
    /// fee and the overage, drawn from the seat profile's own stream.
    static func aggregatedMonth(
        _ c: ChunkContext, trial: inout TrialDraws, profile p: Int, month m: Int, adoption: Double,
        seatStreams: inout [RandomStream], buffers b: ChunkBuffers, monthTotal: inout CompensatedSum, out: Outputs
    ) {
        let spec = c.spec
        let profile = spec.profiles[p]
        let t = trial.setup.trial, priceZ = trial.setup.priceZ
        let modelCount = spec.models.count, profileCount = spec.profiles.count
        let days = spec.calendar.workingDays[m]
        // Intensity of the profile's month: mean and day-to-day variance of the sum.
        var mean = 0.0, variance = 0.0
        for (g, s) in zip(c.groups[p], trial.groupIntensity[p]) where g.isPresent(in: m) {
            let f = g.rampFactor(month: m, rampUpMonths: spec.rampUpMonths) * adoption
            mean += Double(days) * f * s.sum
            if let r = profile.demand.dayDispersion { variance += Double(days) * f * f * s.sumOfSquares / r }
        }
        guard mean > 0 else { return }
        let intensity = variance > 0 ? mean * GammaUnit.draw(shape: mean * mean / variance, using: &trial.rng) : mean
        var coveredCost = [Double](repeating: 0, count: modelCount)
        for j in 0..<modelCount where profile.mix[j] > 0 {
            guard let x = trial.moments[j] else { continue }
            let n = Double(PoissonCount.draw(mean: intensity * profile.mix[j], using: &trial.rng))
            guard n > 0 else { continue }
            let multiplier = spec.pricePaths[j].isFlat ? 1 : spec.pricePaths[j].multiplier(month: m, z: priceZ[j])
            let cost = sumOfThreads(count: n, moments: x, rng: &trial.rng) * multiplier
            let q = trial.aggregatedBehaviours[j].offTheRailsRate
            if let seat = profile.seat, seat.covers[j] {
                // Served by the seats: paid through the fee and the overage below.
                coveredCost[j] = cost
                out.addSeat(.coveredAPICost, cost, trial: t, profile: p)
            } else {
                monthTotal.add(cost)
                out.cells[out.cell(t, p, j, m)] = cost
            }
            var cell = CellTotals()
            cell.threads = n
            cell.attempts = n * x.expectedAttempts
            cell.completed = n * x.completion
            cell.offTheRailsAttempts = n * x.expectedAttempts * q
            cell.cost.add(cost)
            cell.waste.add(cost * q)
            cell.agentHours.add(cell.attempts * c.minutes[j] / 60)
            cell.wastedHours.add(cell.offTheRailsAttempts * c.minutes[j] / 60)
            out.hours[t * profileCount + p] += cell.wastedHours.value
            b.totals[p * modelCount + j].add(cell)
        }
        let covered = coveredCost.reduce(0, +)
        if let seat = profile.seat, let table = c.seatTables[p], covered > 0 {
            let overage = seatOverage(
                c, seat: seat, table: table, profile: p, trial: t, month: m, adoption: adoption,
                groupIntensity: trial.groupIntensity[p], moments: trial.moments, nominal: c.nominalMeans, priceZ: priceZ,
                rng: &seatStreams[p], out: out)
            // Billed per model in proportion to the covered usage.
            if overage > 0 {
                for j in 0..<modelCount where coveredCost[j] > 0 {
                    out.cells[out.cell(t, p, j, m)] = overage * coveredCost[j] / covered
                }
                monthTotal.add(overage)
            }
        }
    }

    /// The cost of `n` threads drawn as one value: a lognormal with the sum's mean `n E[X]` and
    /// variance `n Var X` (Fenton–Wilkinson). A sum of heavy-tailed costs is right-skewed when
    /// `n` is in the hundreds; a normal would put too much mass in the left tail and too little
    /// in the right (about 2 % on P5 of a 50-developer quarter), a lognormal keeps the skew and
    /// tends to the normal as `n` grows.
    static func sumOfThreads(count n: Double, moments x: ThreadCostMoments.AttemptCounts, rng: inout RandomStream) -> Double {
        let mean = n * x.threadMean
        guard mean > 0 else { return 0 }
        let s2 = log1p(n * x.threadVariance / (mean * mean))
        return mean * exp(s2.squareRoot() * rng.standardNormal() - s2 / 2)
    }

    /// The sum of a group's developers' own mean threads per day, and the expected sum of their
    /// squares given it.
    ///
    /// Each developer's mean is `mean x Gamma(k, 1/k)` with `k = 1/cv^2`; a sum of `n` such is
    /// exactly `mean x n x Gamma(n k, 1/(n k))`. Given the sum `S`, the shares are Dirichlet(k),
    /// so `E[sum of squares | S] = S^2 (k + 1) / (n k + 1)`; the day-to-day variance needs it.
    ///
    /// Groups of at most ``individualDrawLimit`` developers draw each member's mean instead, in
    /// the order the exact path draws them: the same distribution, the exact sum of squares, and
    /// common random numbers with the exact path, which makes their comparison sharp.
    static func drawGroupIntensity(_ demand: ThreadDemand, count n: Int, rng: inout RandomStream) -> (
        sum: Double, sumOfSquares: Double
    ) {
        let mean = demand.meanPerDay
        guard demand.developerCV > 0 else { return (Double(n) * mean, Double(n) * mean * mean) }
        if n <= individualDrawLimit {
            var sum = 0.0, squares = 0.0
            for _ in 0..<n {
                let x = demand.drawDeveloperMean(using: &rng)
                sum += x
                squares += x * x
            }
            return (sum, squares)
        }
        let k = 1 / (demand.developerCV * demand.developerCV)
        let s = mean * Double(n) * GammaUnit.draw(shape: Double(n) * k, using: &rng)
        return (s, s * s * (k + 1) / (Double(n) * k + 1))
    }
}
