import Distributions

/// One simulated developer-period of threads in time order: start hour, API-equivalent cost
/// and tokens of each thread. Reused across trials by one worker (the arrays keep their capacity).
final class DeveloperYear {
    var start: [Double] = []
    var cost: [Double] = []
    /// Tokens of all classes (for plans whose allowances count tokens).
    var tokens: [Double] = []
    /// Tokens without cache reads (for self-hosting counted as ``HostedTokens/uncached``).
    var uncachedTokens: [Double] = []
    /// Thinning bucket of each thread, in 0..<grid (break-even scan only).
    var bucket: [Int32] = []
    /// Month and model index of each thread.
    var monthOf: [Int32] = []
    var modelOf: [Int32] = []
    /// Kernel totals per month and model, `m * models + j` (price multipliers applied to the
    /// money): attempts, completions and waste for the team forecast.
    var monthTotals: [ThreadTotals] = []

    // Scratch of one month.
    private var dayCounts: [Int] = []
    private var times: [Double] = []
    private var slotModel: [Int32] = []
    private var modelCosts: [CostBuffer] = []

    /// The kernel's per-batch costs, collected for one model and month.
    final class CostBuffer {
        var values: [Double] = []
    }

    func reset() {
        start.removeAll(keepingCapacity: true)
        cost.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
        uncachedTokens.removeAll(keepingCapacity: true)
        bucket.removeAll(keepingCapacity: true)
        monthOf.removeAll(keepingCapacity: true)
        modelOf.removeAll(keepingCapacity: true)
    }

    var count: Int { start.count }

    /// Simulates one developer of `profile` over `timeline`.
    ///
    /// From `rng`: first one draw that seeds the developer's model streams (``ThreadStreams``),
    /// then per month each working day's thread count, each day's start times (uniform in the
    /// day's span, sorted), each thread's model (by the mix) and the thinning buckets when `grid`
    /// is given. The threads of each model come from its own stream through ``ThreadKernel``.
    /// The k-th thread the kernel returns for a model goes to that model's k-th thread in time
    /// order; costs are independent of order, so this is a random assignment.
    ///
    /// Tokens per thread: the kernel reports tokens only as sums, so a thread's tokens are its
    /// cost times the month's tokens per dollar for its model (exact in sum, approximate per
    /// thread; it matters only for token allowances).
    ///
    /// - Parameter monthScale: per month, a factor on the developer's mean (ramp-up, adoption;
    ///   0 for a month the developer is not there, which draws nothing); nil for 1.
    func simulate(
        profile: PlanProfile, developerMean: Double, timeline: PlanTimeline, models: [PricedModel],
        behaviours: [TrialBehaviour], pricePaths: [PricePath], priceZ: [Double], cumulativeMix: [Double],
        minutesEach: Double, grid: Int?, monthScale: [Double]? = nil, rng: inout RandomStream, workspace: KernelWorkspace
    ) {
        reset()
        let modelCount = models.count
        monthTotals.removeAll(keepingCapacity: true)
        monthTotals.append(contentsOf: repeatElement(ThreadTotals(), count: timeline.months * modelCount))
        while modelCosts.count < modelCount { modelCosts.append(CostBuffer()) }
        let lastHour = timeline.periodHours.nextDown
        var counts = [Int](repeating: 0, count: modelCount)
        var next = [Int](repeating: 0, count: modelCount)
        var modelRngs = ThreadStreams.children(drawingFrom: &rng, models: modelCount)

        for m in 0..<timeline.months {
            let days = timeline.monthDays[m]
            let scale = monthScale?[m] ?? 1
            guard scale > 0 else { continue }
            let mean = scale == 1 ? developerMean : developerMean * scale
            dayCounts.removeAll(keepingCapacity: true)
            var monthThreads = 0
            for _ in days {
                let n = profile.demand.drawDay(mean: mean, using: &rng)
                dayCounts.append(n)
                monthThreads += n
            }
            guard monthThreads > 0 else { continue }
            let first = start.count
            for (i, d) in days.enumerated() {
                let n = dayCounts[i]
                guard n > 0 else { continue }
                let span = profile.workday.span(threads: n, minutesEach: minutesEach)
                let base = timeline.dayStarts[d] + profile.workday.startHour
                times.removeAll(keepingCapacity: true)
                for _ in 0..<n { times.append(base + rng.uniform() * span) }
                times.sort()
                for t in times { start.append(min(t, lastHour)) }
            }
            slotModel.removeAll(keepingCapacity: true)
            for j in 0..<modelCount { counts[j] = 0; next[j] = 0 }
            for _ in 0..<monthThreads {
                var j = 0
                if modelCount > 1 {
                    let u = rng.uniform()
                    while j < modelCount - 1 && u >= cumulativeMix[j] { j += 1 }
                }
                slotModel.append(Int32(j))
                counts[j] += 1
            }
            if let grid {
                for _ in 0..<monthThreads { bucket.append(Int32(min(grid - 1, Int(rng.uniform() * Double(grid))))) }
            }

            var perDollarAll = [Double](repeating: 0, count: modelCount)
            var perDollarUncached = [Double](repeating: 0, count: modelCount)
            var perThreadAll = [Double](repeating: 0, count: modelCount)
            var perThreadUncached = [Double](repeating: 0, count: modelCount)
            var multiplier = [Double](repeating: 1, count: modelCount)
            for j in 0..<modelCount where counts[j] > 0 {
                let buffer = modelCosts[j]
                buffer.values.removeAll(keepingCapacity: true)
                var totals = ThreadTotals()
                ThreadKernel.simulate(
                    models[j], trial: behaviours[j], count: counts[j], rng: &modelRngs[j], workspace: workspace,
                    totals: &totals, perBatch: { view in buffer.values.append(contentsOf: view.cost) })
                let all = totals.tokens.sum()
                // Cache reads below and above the price tier (TokenClass order: input, cache
                // read, cache write, output, then the same above the tier).
                let uncached = all - totals.tokens[1] - totals.tokens[5]
                let dollars = totals.cost.value
                if dollars > 0 {
                    perDollarAll[j] = all / dollars
                    perDollarUncached[j] = uncached / dollars
                } else {
                    perThreadAll[j] = all / Double(counts[j])
                    perThreadUncached[j] = uncached / Double(counts[j])
                }
                if !pricePaths[j].isFlat { multiplier[j] = pricePaths[j].multiplier(month: m, z: priceZ[j]) }
                if multiplier[j] != 1 { totals.scaleMoney(by: multiplier[j]) }
                monthTotals[m * modelCount + j] = totals
            }
            for s in 0..<monthThreads {
                let j = Int(slotModel[s])
                let raw = modelCosts[j].values[next[j]]
                next[j] += 1
                cost.append(raw * multiplier[j])
                tokens.append(raw * perDollarAll[j] + perThreadAll[j])
                uncachedTokens.append(raw * perDollarUncached[j] + perThreadUncached[j])
                monthOf.append(Int32(m))
                modelOf.append(Int32(j))
            }
            precondition(start.count == first + monthThreads, "one start time per thread")
        }
    }
}
