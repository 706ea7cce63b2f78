import Distributions
import Foundation
import LinearAlgebra
import NumericalMethods
import Pricing

/// Runs a ``PlanComparisonSpec``: per trial and profile, a developer's period of threads with
/// start times, priced by ``ThreadKernel``, then billed on every plan by
/// ``Pricing/Plan/evaluate(startHours:costsUSD:tokens:periodHours:onFiveHourLimit:)`` and on
/// every self-hosted setup by ``Pricing/SelfHosting/cost(forAnnualTokens:)``.
///
/// **Reproducibility.** As in ``DeveloperForecaster``: trial `t` draws only from
/// `RandomStream(seed).substream(t)` (shared draws first, then one child stream per profile),
/// writes only its own slots, and everything is summed in trial order afterwards, so the
/// numbers do not depend on the core count. Every profile of a trial sees the same shared
/// draws (behaviour shifts, price paths), as developers of one team would.
public enum PlanComparator {
    /// Child index of a trial's stream for profile `p`: `profileStream + p` ("PLAN").
    static let profileStream: UInt64 = 0x504C_414E
    /// Child index of the seed's stream the break-even scan's trials descend from ("BREAKEVN").
    static let breakEvenStream: UInt64 = 0x4252_4541_4B45_564E

    /// Per-trial figures of one option, in this order.
    enum Metric: Int, CaseIterable {
        case cost, overage, blocked, blockedCost, fallback, hoursLocked, hitDays, windowsAtLimit, weeksAtLimit, monthsAtLimit
        case peak5h, peakWeek, boxes, usdPerMillion, utilisation
    }

    /// Runs the comparison's trials.
    ///
    /// - Complexity: per trial, every profile's threads of a year through the kernel (as
    ///   ``DeveloperForecaster``), then one O(threads) ``Pricing/Plan/evaluate(startHours:costsUSD:tokens:periodHours:onFiveHourLimit:onThread:)``
    ///   pass per plan and profile; memory O(threads of a profile-year) per worker.
    public static func run(_ spec: PlanComparisonSpec, progress: (@Sendable (Int) -> Void)? = nil) throws(LAPACK.Failure)
        -> PlanComparison
    {
        let runner = try TrialRunner(
            models: spec.models, uncertainty: spec.uncertainty, replicates: spec.behaviourReplicates,
            priceCorrelation: spec.priceCorrelation, seed: spec.seed, workers: spec.workers)
        let timeline = spec.timeline
        let trials = spec.trials
        let profiles = spec.profiles.count
        let options = spec.plans.count + spec.selfHosting.count
        let metrics = Metric.allCases.count
        let perTrial = 4  // api, threads, tokens, uncached tokens

        let base = UnsafeMutableBufferPointer<Double>.allocate(capacity: trials * profiles * perTrial)
        let figures = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, trials * profiles * options * metrics))
        defer { base.deallocate(); figures.deallocate() }
        nonisolated(unsafe) let baseOut = base, figuresOut = figures
        _ = runner.forEachChunk(of: 0..<trials, progress: progress) { _, range in
            let ws = KernelWorkspace()
            let year = DeveloperYear()
            forEachTrial(spec, runner: runner, trials: range) { t, p, setup, rng in
                var stream = rng
                let profile = spec.profiles[p]
                let mean = profile.demand.drawDeveloperMean(using: &stream)
                year.simulate(
                    profile: profile, developerMean: mean, timeline: timeline, models: setup.models,
                    behaviours: setup.behaviours, pricePaths: spec.pricePaths, priceZ: setup.priceZ,
                    cumulativeMix: ThreadMix.cumulative(profile.mix),
                    minutesEach: ThreadMix.minutesEach(models: spec.models, mix: profile.mix),
                    grid: nil, rng: &stream, workspace: ws)
                let b = (t * profiles + p) * perTrial
                baseOut[b] = CompensatedSum(year.cost).value
                baseOut[b + 1] = Double(year.count)
                baseOut[b + 2] = CompensatedSum(year.tokens).value
                baseOut[b + 3] = CompensatedSum(year.uncachedTokens).value
                for o in 0..<options {
                    let f = ((t * profiles + p) * options + o) * metrics
                    let row = UnsafeMutableBufferPointer(rebasing: figuresOut[f..<(f + metrics)])
                    if o < spec.plans.count {
                        bill(spec.plans[o], year: year, timeline: timeline, into: row)
                    } else {
                        let h = spec.selfHosting[o - spec.plans.count]
                        host(h, tokens: h.counted == .all ? baseOut[b + 2] : baseOut[b + 3], timeline: timeline, into: row)
                    }
                }
            }
        }

        let needsScan = spec.profiles.indices.map { p in
            spec.plans.contains { !costIsFixed($0) } ? p : nil
        }.compactMap { $0 }
        var results: [ProfileComparison] = []
        for p in 0..<profiles {
            let api = (0..<trials).map { base[(($0 * profiles + p) * perTrial)] }
            let threads = (0..<trials).map { base[(($0 * profiles + p) * perTrial) + 1] }
            let tokens = (0..<trials).map { base[(($0 * profiles + p) * perTrial) + 2] }
            let apiSummary = SpendSummary(api), threadSummary = SpendSummary(threads)
            let perThread = threadSummary.mean > 0 ? apiSummary.mean / threadSummary.mean : 0
            var outcomes: [OptionOutcome] = []
            for o in 0..<options {
                func column(_ m: Metric) -> [Double] {
                    (0..<trials).map { figures[(($0 * profiles + p) * options + o) * metrics + m.rawValue] }
                }
                outcomes.append(
                    outcome(
                        spec: spec, option: o, profile: p, api: api, apiMean: apiSummary.mean, threadsMean: threadSummary.mean,
                        tokensMean: (0..<trials).map {
                            base[(($0 * profiles + p) * perTrial) + (spec.option(o).hosted?.counted == .all ? 2 : 3)]
                        }.mean,
                        column: column, timeline: timeline))
            }
            results.append(
                ProfileComparison(
                    name: spec.profiles[p].name, meanThreadsPerDay: spec.profiles[p].demand.meanPerDay, threads: threadSummary,
                    api: apiSummary, apiByTrial: api, costPerThread: perThread, tokens: tokens.mean, options: outcomes))
        }
        if !needsScan.isEmpty {
            scanBreakEven(spec, runner: runner, timeline: timeline, profiles: needsScan, into: &results)
        }
        let elapsed = runner.elapsedSeconds
        return PlanComparison(
            trials: trials, seed: spec.seed, months: timeline.months, periodHours: timeline.periodHours,
            workingDays: timeline.workingDays, weeks: timeline.weeksWithWork,
            breakEvenTrials: needsScan.isEmpty ? 0 : min(spec.breakEvenTrials, trials),
            profiles: results, elapsedSeconds: elapsed)
    }

    // MARK: - One trial

    /// Calls `body(trial, profile, setup, stream)` for every trial of `trials` and profile, with
    /// the trial's shared part (``TrialSetup``: the models, a fitted replicate where there is
    /// one, their behaviour shifts and price-path draws) taken from `root.substream(trial)`
    /// exactly as ``DeveloperForecaster`` takes it, and the profile's own stream a child of it.
    /// - Parameter root: nil for the runner's (the seed's stream).
    static func forEachTrial(
        _ spec: PlanComparisonSpec, runner: TrialRunner, root: RandomStream? = nil, trials: Range<Int>,
        _ body: (Int, Int, TrialSetup, RandomStream) -> Void
    ) {
        runner.forEachTrial(in: trials, root: root) { setup in
            for p in spec.profiles.indices {
                body(setup.trial, p, setup, setup.stream.substream(profileStream &+ UInt64(p)))
            }
        }
    }

    /// Whether a plan's cost is its fee whatever the usage (no limit, or blocked past it; a
    /// plan that falls back to the API pays for refused threads, so its cost varies).
    static func costIsFixed(_ plan: Plan) -> Bool { !plan.hasLimit || plan.overLimit == .blocked }

    /// Bills one trial's threads on `plan` and writes its metrics.
    static func bill(_ plan: Plan, year: DeveloperYear, timeline: PlanTimeline, into row: UnsafeMutableBufferPointer<Double>) {
        var hitDays = 0, lastDay = -1
        let countsTokens = plan.countsTokens
        let u = plan.evaluate(
            startHours: year.start, costsUSD: year.cost, tokens: countsTokens ? year.tokens : nil,
            periodHours: timeline.periodHours,
            onFiveHourLimit: { hour in
                // Windows never span two days (a day's span ends 5 h before the next day), so
                // the day of a window's start is the day it hit the limit.
                let day = Int(hour / 24)
                if day != lastDay { hitDays += 1; lastDay = day }
            })
        row[Metric.cost.rawValue] = u.planCostUSD
        row[Metric.overage.rawValue] = u.overageUSD
        row[Metric.blocked.rawValue] = Double(u.blockedThreads)
        row[Metric.blockedCost.rawValue] = u.blockedCostUSD
        row[Metric.fallback.rawValue] = Double(u.fallbackThreads)
        row[Metric.hoursLocked.rawValue] = u.hoursLockedOut
        row[Metric.hitDays.rawValue] = Double(hitDays)
        row[Metric.windowsAtLimit.rawValue] = Double(u.fiveHourWindowsAtLimit)
        row[Metric.weeksAtLimit.rawValue] = Double(u.weeksAtLimit)
        row[Metric.monthsAtLimit.rawValue] = Double(u.monthsAtLimit)
        row[Metric.peak5h.rawValue] = u.peakFiveHourShare
        row[Metric.peakWeek.rawValue] = u.peakWeeklyShare
        row[Metric.boxes.rawValue] = 0
        row[Metric.usdPerMillion.rawValue] = 0
        row[Metric.utilisation.rawValue] = 0
    }

    /// The cost of serving a period's `tokens` on a self-hosted setup, annualised for the box
    /// count and pro rata for the period.
    static func hostedCost(_ h: SelfHostingOption, tokens: Double, periodHours: Double) -> SelfHostingCost {
        let years = periodHours / (Plan.hoursPerMonth * 12)
        var c = h.hosting.cost(forAnnualTokens: tokens / years)
        c.annualUSD *= years
        return c
    }

    static func host(_ h: SelfHostingOption, tokens: Double, timeline: PlanTimeline, into row: UnsafeMutableBufferPointer<Double>)
    {
        let c = hostedCost(h, tokens: tokens, periodHours: timeline.periodHours)
        for i in 0..<row.count { row[i] = 0 }
        row[Metric.cost.rawValue] = c.annualUSD
        row[Metric.boxes.rawValue] = Double(c.boxes)
        row[Metric.usdPerMillion.rawValue] = c.usdPerMillionTokens.isFinite ? c.usdPerMillionTokens : 0
        row[Metric.utilisation.rawValue] = c.utilisationNeeded
    }

    // MARK: - Summaries

    static func outcome(
        spec: PlanComparisonSpec, option o: Int, profile p: Int, api: [Double], apiMean: Double, threadsMean: Double,
        tokensMean: Double, column: (Metric) -> [Double], timeline: PlanTimeline
    ) -> OptionOutcome {
        let cost = column(.cost)
        let saving = zip(api, cost).map { $0 - $1 }
        let cheaper = Double(saving.filter { $0 > 0 }.count) / Double(max(saving.count, 1))
        let blocked = column(.blocked)
        let months = Double(timeline.months)
        let m0 = spec.profiles[p].demand.meanPerDay
        let option = spec.option(o)
        let completed = threadsMean - blocked.mean
        var out = OptionOutcome(
            name: option.name, kind: option.plan != nil ? .plan : .selfHosting, plan: option.plan, selfHosting: option.hosted,
            cost: SpendSummary(cost), saving: SpendSummary(saving), probabilityCheaper: cheaper,
            overage: SpendSummary(column(.overage)), blockedThreads: SpendSummary(blocked),
            blockedShare: threadsMean > 0 ? blocked.mean / threadsMean : 0, blockedCostMean: column(.blockedCost).mean,
            completedThreadsMean: completed, costPerCompletedThread: completed > 0 ? cost.mean / completed : nil,
            hoursLockedOutPerMonth: column(.hoursLocked).mean / months,
            breakEven: BreakEven(threadsPerDay: nil, method: .linear, searchedUpTo: .infinity))
        if let plan = option.plan {
            if plan.overLimit == .fallbackToAPI { out.fallbackThreads = SpendSummary(column(.fallback)) }
            if plan.overLimit == .blocked {
                // A refused thread opens no window and counts against no limit under either
                // policy, so falling back to the API serves the same threads and adds the
                // refused ones' cost: trial by trial, fee + blocked cost.
                let withAPI = zip(cost, column(.blockedCost)).map { $0 + $1 }
                let savingWithAPI = zip(api, withAPI).map { $0 - $1 }
                out.ifRefusedRunOnAPI = FallbackOutcome(
                    cost: SpendSummary(withAPI), saving: SpendSummary(savingWithAPI),
                    probabilityCheaper: Double(savingWithAPI.filter { $0 > 0 }.count) / Double(max(savingWithAPI.count, 1)),
                    costPerCompletedThread: threadsMean > 0 ? withAPI.mean / threadsMean : nil)
            }
            if plan.allowance5h != nil {
                out.fiveHourHitPerDay = column(.hitDays).mean / Double(max(timeline.workingDays, 1))
                out.fiveHourHits = SpendSummary(column(.windowsAtLimit))
                out.peakFiveHourShare = SpendSummary(column(.peak5h))
            }
            if plan.allowanceWeekly != nil {
                out.weeklyHitPerWeek = column(.weeksAtLimit).mean / Double(max(timeline.weeksWithWork, 1))
                let peaks = column(.peakWeek)
                out.peakWeeklyShare = SpendSummary(peaks)
                out.peakWeeklyBelow80 = Double(peaks.filter { $0 < 0.8 }.count) / Double(max(peaks.count, 1))
            }
            if plan.includedUSDPerMonth != nil { out.monthlyHitPerMonth = column(.monthsAtLimit).mean / months }
            if costIsFixed(plan) {
                // API cost is proportional to the mean threads per day (thread costs do not
                // depend on how many there are), the plan's cost is its fee: a ratio.
                let fees = plan.monthlyFeeUSD * months
                out.breakEven.threadsPerDay = apiMean > 0 ? m0 * fees / apiMean : nil
            } else {
                out.breakEven = BreakEven(threadsPerDay: nil, method: .scan, searchedUpTo: 0)
            }
        } else if let h = option.hosted {
            out.boxes = SpendSummary(column(.boxes))
            out.usdPerMillionTokens = SpendSummary(column(.usdPerMillion))
            out.utilisationNeeded = SpendSummary(column(.utilisation))
            out.breakEven.threadsPerDay = hostingBreakEven(
                h, m0: m0, apiMean: apiMean, tokensMean: tokensMean, periodHours: timeline.periodHours)
        }
        return out
    }

    /// Self-hosting's break-even in expectation: cost = boxes x fixed + power per token x tokens,
    /// API and tokens both proportional to the threads per day `m`. With `b` boxes the cost
    /// equals the API cost at `m_b = b F / (a - e τ)` (`a`, `τ`: API dollars and tokens per unit
    /// of `m`; `F` fixed cost per box; `e` power cost per token), and the volume there is
    /// `b F τ / (a - e τ)`, which fits `b` boxes for every `b` or for none: so the setup breaks
    /// even at `m_1` when one box holds that volume, and never otherwise.
    static func hostingBreakEven(_ h: SelfHostingOption, m0: Double, apiMean: Double, tokensMean: Double, periodHours: Double)
        -> Double?
    {
        guard m0 > 0, apiMean > 0 else { return nil }
        let years = periodHours / (Plan.hoursPerMonth * 12)
        let s = h.hosting
        let a = apiMean / m0, tau = tokensMean / m0
        let e = s.powerKW * s.electricityUSDPerKWh / (s.tokensPerSecond * 3600)
        let margin = a - e * tau
        guard margin > 0 else { return nil }
        let fixed = s.fixedUSDPerYear * years
        let m1 = fixed / margin
        let volumePerYear = m1 * tau / years
        return volumePerYear <= s.tokensPerYear * (1 + 1e-12) ? m1 : nil
    }

    // MARK: - Break-even scan

    /// For plans billed past their limits, the expected saving is not linear in usage. The scan
    /// simulates `breakEvenTrials` developers at `mMax` threads per day and gives every thread
    /// a uniform bucket; keeping the threads of buckets below `k` is a thinning to `mMax k / G`
    /// threads per day (thinning a Poisson-gamma count keeps its law with the mean scaled), so
    /// every grid point reuses the same threads: common random numbers, and a saving that
    /// rises with `k` in every trial. The break-even is interpolated linearly between the grid
    /// points where the mean saving turns positive.
    static func scanBreakEven(
        _ spec: PlanComparisonSpec, runner: TrialRunner, timeline: PlanTimeline, profiles scanProfiles: [Int],
        into results: inout [ProfileComparison]
    ) {
        let g = max(2, spec.breakEvenGrid)
        let scanned = spec.plans.indices.filter { !costIsFixed(spec.plans[$0]) }
        let trials = min(spec.breakEvenTrials, spec.trials)
        guard trials > 0, !scanned.isEmpty else { return }
        let root = RandomStream(seed: spec.seed).substream(breakEvenStream)
        for p in scanProfiles {
            let profile = spec.profiles[p]
            let m0 = profile.demand.meanPerDay
            let r = results[p]
            guard m0 > 0, r.api.mean > 0 else { continue }
            // Search up to three times the usage at which the API cost reaches the largest
            // fee, at least twice the profile's usage and at most eight times it.
            let months = Double(timeline.months)
            let maxFees = scanned.map { spec.plans[$0].monthlyFeeUSD * months }.max() ?? 0
            let linear = m0 * maxFees / r.api.mean
            let mMax = min(8 * m0, max(2 * m0, 3 * linear))
            var scaledProfile = profile
            scaledProfile.demand.meanPerDay = mMax
            let scaled = scaledProfile
            let sums = runner.forEachChunk(of: 0..<trials) { _, range in
                let ws = KernelWorkspace()
                let year = DeveloperYear()
                let kept = DeveloperYear()
                var local = [Double](repeating: 0, count: scanned.count * (g + 1))
                var single = spec
                single.profiles = [scaled]
                forEachTrial(single, runner: runner, root: root, trials: range) { _, _, setup, rng in
                    var stream = rng
                    let mean = scaled.demand.drawDeveloperMean(using: &stream)
                    year.simulate(
                        profile: scaled, developerMean: mean, timeline: timeline, models: setup.models,
                        behaviours: setup.behaviours, pricePaths: spec.pricePaths, priceZ: setup.priceZ,
                        cumulativeMix: ThreadMix.cumulative(scaled.mix),
                        minutesEach: ThreadMix.minutesEach(models: spec.models, mix: scaled.mix),
                        grid: g, rng: &stream, workspace: ws)
                    for k in 0...g {
                        kept.reset()
                        for i in 0..<year.count where Int(year.bucket[i]) < k {
                            kept.start.append(year.start[i])
                            kept.cost.append(year.cost[i])
                            kept.tokens.append(year.tokens[i])
                        }
                        let api = CompensatedSum(kept.cost).value
                        for (s, planIndex) in scanned.enumerated() {
                            let plan = spec.plans[planIndex]
                            let countsTokens = plan.countsTokens
                            let u = plan.evaluate(
                                startHours: kept.start, costsUSD: kept.cost, tokens: countsTokens ? kept.tokens : nil,
                                periodHours: timeline.periodHours)
                            local[s * (g + 1) + k] += api - u.planCostUSD
                        }
                    }
                }
                return local
            }
            var total = [Double](repeating: 0, count: scanned.count * (g + 1))
            for c in sums { for i in total.indices { total[i] += c[i] } }
            for (s, planIndex) in scanned.enumerated() {
                let f = (0...g).map { total[s * (g + 1) + $0] / Double(trials) }
                var found: Double?
                if f[0] > 0 {
                    found = 0
                } else {
                    for k in 1...g where f[k] > 0 {
                        let m1 = mMax * Double(k - 1) / Double(g), m2 = mMax * Double(k) / Double(g)
                        found = m1 + (m2 - m1) * (0 - f[k - 1]) / (f[k] - f[k - 1])
                        break
                    }
                }
                results[p].options[planIndex].breakEven = BreakEven(threadsPerDay: found, method: .scan, searchedUpTo: mMax)
            }
        }
    }
}

extension PlanComparisonSpec {
    /// Option `o`: the plans first, then the self-hosted setups.
    func option(_ o: Int) -> (name: String, plan: Plan?, hosted: SelfHostingOption?) {
        if o < plans.count { return (plans[o].name, plans[o], nil) }
        let h = selfHosting[o - plans.count]
        return (h.name, nil, h)
    }
}

extension Array where Element == Double {
    /// The mean, compensated; 0 for no values.
    fileprivate var mean: Double { isEmpty ? 0 : CompensatedSum(self).value / Double(count) }
}
