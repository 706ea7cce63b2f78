import Distributions
import NumericalMethods

/// The exact path of ``TeamForecaster``: every developer, day and thread of a profile, in the
/// order ``DeveloperForecaster`` draws them, on the trial's models (a fitted model's replicate
/// where there is one).
extension TeamForecaster {
    /// Month `m` of exact API profile `p` in one trial: each present developer's days (ramp and
    /// adoption on their own mean) and their split by the mix from the trial's stream, then the
    /// profile's threads of each model through the kernel from the profile's model streams.
    static func exactMonth(
        _ c: ChunkContext, trial: inout TrialDraws, profile p: Int, month m: Int, adoption: Double,
        modelRngs: inout [RandomStream], buffers b: ChunkBuffers, monthTotal: inout CompensatedSum, out: Outputs
    ) {
        let spec = c.spec
        let profile = spec.profiles[p]
        let setup = trial.setup
        let t = setup.trial
        let modelCount = spec.models.count, profileCount = spec.profiles.count
        let days = spec.calendar.workingDays[m]
        for j in 0..<modelCount { b.counts[j] = 0 }
        var k = 0
        for g in c.groups[p] {
            let factor = g.rampFactor(month: m, rampUpMonths: spec.rampUpMonths) * adoption
            guard g.isPresent(in: m) else { k += g.count; continue }
            for _ in 0..<g.count {
                let mean = factor == 1 ? trial.developerMeans[p][k] : trial.developerMeans[p][k] * factor
                k += 1
                var threads = 0
                for _ in 0..<days { threads += profile.demand.drawDay(mean: mean, using: &trial.rng) }
                // The same categorical draws as the single-developer path.
                ThreadMix.split(threads, cumulative: c.cumulative[p], counts: &b.developerCounts, rng: &trial.rng)
                for j in 0..<modelCount { b.counts[j] += b.developerCounts[j] }
            }
        }
        for j in 0..<modelCount where b.counts[j] > 0 {
            let multiplier = spec.pricePaths[j].isFlat ? 1 : spec.pricePaths[j].multiplier(month: m, z: setup.priceZ[j])
            var modelTotals = ThreadTotals()
            ThreadKernel.simulate(
                setup.models[j], trial: setup.behaviours[j], count: b.counts[j], rng: &modelRngs[j],
                workspace: b.workspace, totals: &modelTotals, mode: spec.pricingMode)
            if multiplier != 1 { modelTotals.scaleMoney(by: multiplier) }
            let cost = modelTotals.cost.value
            monthTotal.add(cost)
            out.cells[out.cell(t, p, j, m)] = cost
            let cell = CellTotals(modelTotals, minutesPerAttempt: c.minutes[j])
            out.hours[t * profileCount + p] += cell.wastedHours.value
            b.totals[p * modelCount + j].add(cell)
        }
    }

    /// The exact seat profiles of one trial, developer by developer over the whole horizon
    /// (``simulateSeat``), each profile's developers from its own child of the trial's stream;
    /// their months are summed from the cells afterwards.
    static func simulateExactSeatProfiles(_ c: ChunkContext, trial: TrialDraws, buffers b: ChunkBuffers, out: Outputs) {
        let spec = c.spec
        let setup = trial.setup
        let monthCount = spec.calendar.months.count
        for p in spec.profiles.indices where c.methods[p] == .exact {
            guard let seat = spec.profiles[p].seat else { continue }
            let adoption = (0..<monthCount).map { spec.adoption.value(month: $0, z: trial.adoptionZ) }
            var seatRng = setup.stream.substream(seatStream &+ UInt64(p))
            var k = 0
            for g in c.groups[p] {
                let scale = (0..<monthCount).map { m in
                    g.isPresent(in: m) ? g.rampFactor(month: m, rampUpMonths: spec.rampUpMonths) * adoption[m] : 0
                }
                for _ in 0..<g.count {
                    simulateSeat(
                        c, seat: seat, profile: p, trial: setup, developerMean: trial.developerMeans[p][k], monthScale: scale,
                        scratch: b.seat, rng: &seatRng, workspace: b.workspace, totals: &b.totals, out: out)
                    k += 1
                }
            }
        }
    }
}
