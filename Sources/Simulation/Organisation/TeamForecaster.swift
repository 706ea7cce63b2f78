import Dispatch
import Distributions
import Foundation
import LinearAlgebra
import NumericalMethods

/// Runs a ``TeamForecastSpec``: an organisation's profiles of developers over the horizon,
/// trials in parallel over the cores.
///
/// **Shared and individual uncertainty.** Each trial first draws what hits everyone at once —
/// the models' behaviour shifts and price paths (correlated through ``SharedDraws``, exactly as
/// ``DeveloperForecaster`` does) and one adoption draw — and then, per developer, what differs
/// between people: their own mean threads per day, each day's count, each thread. A large team
/// averages away the individual noise but not the shared part, so its band stays honest.
///
/// **Exact and aggregated profiles.** A profile is simulated developer by developer and thread
/// by thread (the *exact* path, the same code path as ``DeveloperForecaster``: a one-developer,
/// one-profile team reproduces it to the last bit) or, when it is large, by per
/// profile-model-month sums (the *aggregated* path): the month's thread count is Poisson with a
/// gamma-matched intensity built from the developers' own intensities (drawn exactly per hire
/// group: a sum of gammas is a gamma), split over models by Poisson thinning, and the sum of
/// its thread costs is lognormal-matched to the trial's mean and variance from ``ThreadCostMoments``.
/// docs/team-forecasts.md gives the derivation and the measured accuracy.
///
/// **Reproducibility.** Trial `t` draws only from `RandomStream(seed).substream(t)`; sums over
/// trials are taken in trial order; the result is the same on any core count.
public enum TeamForecaster {
    /// Profiles with at most this many developers in any month are simulated exactly in `auto`.
    public static let exactHeadCountLimit = 20
    static let chunkSize = 16
    /// Child index of a trial's stream for seat profile `p`: `seatStream + p` ("SEAT").
    static let seatStream: UInt64 = 0x5345_4154
    /// Child index of the seed's stream for profile `p`'s seat table: `seatTableStream + p`.
    static let seatTableStream: UInt64 = 0x5345_4154_5441_424C
    /// Aggregated groups up to this size draw their members' means one by one (cheap at this
    /// size); larger groups draw the sum as one gamma.
    static let individualDrawLimit = 256
    /// Aggregated seat groups of at least this many developers look their overage up at their
    /// own drawn mean; smaller cohorts at the profile's (``seatOverage``).
    static let seatGroupMeanMinimum = 16

    /// - Parameter progress: called with the number of trials just finished (from any thread).
    public static func run(_ spec: TeamForecastSpec, progress: (@Sendable (Int) -> Void)? = nil) throws(LAPACK.Failure) -> TeamForecast {
        let started = DispatchTime.now()
        BLAS.setThreadCount(1)
        let shared = try SharedDraws(uncertainties: spec.uncertainty, priceCorrelation: spec.priceCorrelation)
        let trials = spec.trials
        let monthCount = spec.calendar.months.count
        let profileCount = spec.profiles.count
        let modelCount = spec.models.count
        let groups = spec.profiles.map { $0.plan.groups(months: monthCount).groups }
        let headCount = spec.profiles.map { $0.plan.headCount(months: monthCount) }
        let methods: [TeamMethod] = headCount.map { counts in
            switch spec.method {
            case .auto: (counts.max() ?? 0) > exactHeadCountLimit ? .aggregate : .exact
            case .exact, .aggregate: spec.method
            }
        }
        let fte = groups.map { g in
            (0..<monthCount).map { m in
                g.filter { $0.isPresent(in: m) }.reduce(0.0) { $0 + Double($1.count) * $1.rampFactor(month: m, rampUpMonths: spec.rampUpMonths) }
            }
        }

        // Moment tables for the models aggregated profiles use, built in parallel.
        let neededModels = (0..<modelCount).filter { j in spec.profiles.indices.contains { methods[$0] == .aggregate && spec.profiles[$0].mix[j] > 0 } }
        let tableSlots = ResultSlots<ThreadCostMoments?>(count: modelCount, initial: nil)
        let root = RandomStream(seed: spec.seed)
        DispatchQueue.concurrentPerform(iterations: neededModels.count) { k in
            let j = neededModels[k]
            tableSlots[j] = ThreadCostMoments(model: spec.models[j], uncertainty: spec.uncertainty[j], stream: root.substream(UInt64.max - UInt64(j)))
        }
        let tables = (0..<modelCount).map { tableSlots[$0] }

        // Seat-month tables of the aggregated profiles that hold seats.
        let seatSlots = ResultSlots<SeatPlanTable?>(count: profileCount, initial: nil)
        // A plan without limits bills nothing past its fee: no table needed.
        let seatProfiles = (0..<profileCount).filter { methods[$0] == .aggregate && spec.profiles[$0].seat?.plan.hasLimit == true }
        DispatchQueue.concurrentPerform(iterations: seatProfiles.count) { k in
            let p = seatProfiles[k]
            guard let seat = spec.profiles[p].seat else { return }
            seatSlots[p] = SeatPlanTable(
                profile: spec.profiles[p], seat: seat, models: spec.models, workingDays: spec.calendar.workingDays,
                rampUpMonths: spec.rampUpMonths, seatMonths: spec.seatTableMonths, stream: root.substream(seatTableStream &+ UInt64(p)))
        }
        let seatTables = (0..<profileCount).map { seatSlots[$0] }

        let cellCount = trials * profileCount * modelCount * monthCount
        let cells = UnsafeMutableBufferPointer<Double>.allocate(capacity: cellCount)
        let monthly = UnsafeMutableBufferPointer<Double>.allocate(capacity: trials * monthCount)
        let annual = UnsafeMutableBufferPointer<Double>.allocate(capacity: trials)
        let hours = UnsafeMutableBufferPointer<Double>.allocate(capacity: trials * profileCount)
        let fees = UnsafeMutableBufferPointer<Double>.allocate(capacity: trials * profileCount * monthCount)
        let seatFigures = UnsafeMutableBufferPointer<Double>.allocate(capacity: trials * profileCount * SeatFigure.allCases.count)
        cells.initialize(repeating: 0)
        hours.initialize(repeating: 0)
        fees.initialize(repeating: 0)
        seatFigures.initialize(repeating: 0)
        defer {
            cells.deallocate(); monthly.deallocate(); annual.deallocate(); hours.deallocate()
            fees.deallocate(); seatFigures.deallocate()
        }
        let chunks = (trials + chunkSize - 1) / chunkSize
        let chunkTotals = ResultSlots<[CellTotals]>(count: chunks, initial: [])
        let context = ChunkContext(
            spec: spec, shared: shared, groups: groups, methods: methods, tables: tables, seatTables: seatTables,
            headCount: headCount, timeline: PlanTimeline(workingDaysPerMonth: spec.calendar.workingDays))

        nonisolated(unsafe) let out = Outputs(
            cells: cells, monthly: monthly, annual: annual, hours: hours, fees: fees, seatFigures: seatFigures,
            profileCount: profileCount, modelCount: modelCount, monthCount: monthCount)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let lo = chunk * chunkSize, hi = min(trials, lo + chunkSize)
            chunkTotals[chunk] = simulateChunk(context, trials: lo..<hi, out: out)
            progress?(hi - lo)
        }

        var totals = Array(repeating: CellTotals(), count: profileCount * modelCount)
        for c in 0..<chunks { for k in totals.indices { totals[k].add(chunkTotals[c][k]) } }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return TeamForecast(
            trials: trials, seed: spec.seed, months: spec.calendar.months, profiles: spec.profiles.map(\.name),
            models: spec.models.map(\.name), methods: methods, headCount: headCount, fullUseEquivalents: fte,
            cellMonthly: Array(cells), orgMonthly: Array(monthly), orgAnnual: Array(annual),
            wastedHours: Array(hours), seatFees: Array(fees), seatFigures: Array(seatFigures),
            seatPlans: spec.profiles.map { $0.seat?.plan.name }, cellTotals: totals, hourlyRate: spec.hourlyRate,
            elapsedSeconds: elapsed)
    }

    struct ChunkContext: Sendable {
        let spec: TeamForecastSpec
        let shared: SharedDraws
        let groups: [[DeveloperGroup]]
        let methods: [TeamMethod]
        let tables: [ThreadCostMoments?]
        let seatTables: [SeatPlanTable?]
        let headCount: [[Int]]
        /// The calendar's working days on the plans' hour axis (seat profiles).
        let timeline: PlanTimeline
    }

    struct Outputs {
        let cells: UnsafeMutableBufferPointer<Double>
        let monthly: UnsafeMutableBufferPointer<Double>
        let annual: UnsafeMutableBufferPointer<Double>
        let hours: UnsafeMutableBufferPointer<Double>
        let fees: UnsafeMutableBufferPointer<Double>
        let seatFigures: UnsafeMutableBufferPointer<Double>

        let profileCount: Int
        let modelCount: Int
        let monthCount: Int

        /// Index in `cells` of trial `t`, profile `p`, model `j`, month `m` (the layout of
        /// ``TeamForecast/cellMonthly``).
        func cell(_ t: Int, _ p: Int, _ j: Int, _ m: Int) -> Int { ((t * profileCount + p) * modelCount + j) * monthCount + m }

        /// Index in `fees` of trial `t`, profile `p`, month `m`.
        func fee(_ t: Int, _ p: Int, _ m: Int) -> Int { (t * profileCount + p) * monthCount + m }

        /// Adds to one ``SeatFigure`` of trial `t`, profile `p`.
        func addSeat(_ figure: SeatFigure, _ value: Double, trial t: Int, profile p: Int) {
            seatFigures[(t * profileCount + p) * SeatFigure.allCases.count + figure.rawValue] += value
        }
    }

    private static func simulateChunk(_ c: ChunkContext, trials: Range<Int>, out: Outputs) -> [CellTotals] {
        let spec = c.spec
        let workspace = KernelWorkspace()
        let root = RandomStream(seed: spec.seed)
        let monthCount = spec.calendar.months.count
        let modelCount = spec.models.count
        let profileCount = spec.profiles.count
        let minutes = spec.models.map { $0.behaviour.medianThreadMinutes ?? 0 }
        var streams = trials.map { root.substream(UInt64($0)) }
        var normals: [Double] = []
        c.shared.draw(rows: trials.count, streams: &streams, into: &normals)
        let cumulative = spec.profiles.map { ThreadMix.cumulative($0.mix) }
        let minutesEach = spec.profiles.map { ThreadMix.minutesEach(models: spec.models, mix: $0.mix) }
        let anySeatTable = c.seatTables.contains { $0 != nil }
        var totals = Array(repeating: CellTotals(), count: profileCount * modelCount)
        var counts = [Int](repeating: 0, count: modelCount)
        var developerCounts = [Int](repeating: 0, count: modelCount)
        let seatScratch = SeatScratch()
        // Each aggregated model's thread mean at the nominal behaviour: the denominator of a
        // trial's cost scale for the seat tables.
        let nominalMeans: [Double] = (0..<modelCount).map { j in
            guard let table = c.tables[j] else { return 0 }
            return ThreadCostMoments.threadMoments(
                attemptMean: table.mean, attemptMeanSquare: table.meanSquare, trial: .nominal(spec.models[j].behaviour),
                maxAttempts: spec.models[j].behaviour.maxAttempts).threadMean
        }

        for (row, t) in trials.enumerated() {
            var rng = streams[row]
            let rowBase = row * c.shared.dimension
            let behaviours: [TrialBehaviour] = (0..<modelCount).map { j in
                normals.withUnsafeBufferPointer { p in
                    let z = UnsafeBufferPointer(rebasing: p[(rowBase + c.shared.behaviourOffset(model: j))...].prefix(BehaviourUncertainty.dimensions))
                    return spec.uncertainty[j].trialBehaviour(spec.models[j].behaviour, z: z)
                }
            }
            let priceZ = (0..<modelCount).map { normals[rowBase + c.shared.priceOffset(model: $0)] }
            // Per-trial thread moments of the models aggregated profiles use.
            let moments: [ThreadCostMoments.AttemptCounts?] = (0..<modelCount).map { j in
                guard let table = c.tables[j] else { return nil }
                let (mu, m2) = normals.withUnsafeBufferPointer { p in
                    table.attemptMoments(z: UnsafeBufferPointer(rebasing: p[(rowBase + c.shared.behaviourOffset(model: j))...].prefix(BehaviourUncertainty.dimensions)))
                }
                return ThreadCostMoments.threadMoments(attemptMean: mu, attemptMeanSquare: m2, trial: behaviours[j], maxAttempts: spec.models[j].behaviour.maxAttempts)
            }
            let adoptionZ = spec.adoption.isUncertain ? rng.standardNormal() : 0

            // Individual draws: each exact developer's own mean; each aggregated group's sum.
            var developerMeans = [[Double]](repeating: [], count: profileCount)
            var groupIntensity = [[(sum: Double, sumOfSquares: Double)]](repeating: [], count: profileCount)
            for p in 0..<profileCount {
                let demand = spec.profiles[p].demand
                for g in c.groups[p] {
                    if c.methods[p] == .exact {
                        for _ in 0..<g.count { developerMeans[p].append(demand.drawDeveloperMean(using: &rng)) }
                    } else {
                        groupIntensity[p].append(drawGroupIntensity(demand, count: g.count, rng: &rng))
                    }
                }
            }

            // Seat fees (planned head counts) and the seat profiles simulated developer by developer.
            for p in 0..<profileCount {
                guard let seat = spec.profiles[p].seat else { continue }
                for m in 0..<monthCount {
                    out.fees[out.fee(t, p, m)] = seat.plan.monthlyFeeUSD * Double(c.headCount[p][m])
                }
                guard c.methods[p] == .exact else { continue }
                let adoption = (0..<monthCount).map { spec.adoption.value(month: $0, z: adoptionZ) }
                var seatRng = streams[row].substream(seatStream &+ UInt64(p))
                var k = 0
                for g in c.groups[p] {
                    let scale = (0..<monthCount).map { m in g.isPresent(in: m) ? g.rampFactor(month: m, rampUpMonths: spec.rampUpMonths) * adoption[m] : 0 }
                    for _ in 0..<g.count {
                        simulateSeat(
                            c, seat: seat, profile: p, trial: t, developerMean: developerMeans[p][k], monthScale: scale,
                            behaviours: behaviours, priceZ: priceZ, minutes: minutes, cumulativeMix: cumulative[p],
                            minutesEach: minutesEach[p], scratch: seatScratch, rng: &seatRng, workspace: workspace,
                            totals: &totals, out: out)
                        k += 1
                    }
                }
            }

            // Aggregated seat profiles draw their overage from their own child stream.
            var aggregatedSeatStreams = anySeatTable ? (0..<profileCount).map { streams[row].substream(seatStream &+ UInt64($0)) } : []

            // Thread draws of the exact API profiles, a stream per profile and model.
            var modelRngs = (0..<profileCount).map { p in
                c.methods[p] == .exact && spec.profiles[p].seat == nil
                    ? ThreadStreams.children(of: streams[row], profile: p, models: modelCount) : []
            }

            var trialTotal = CompensatedSum()
            for m in 0..<monthCount {
                let adoption = spec.adoption.value(month: m, z: adoptionZ)
                let days = spec.calendar.workingDays[m]
                var monthTotal = CompensatedSum()
                for p in 0..<profileCount {
                    let profile = spec.profiles[p]
                    if profile.seat != nil {
                        monthTotal.add(out.fees[out.fee(t, p, m)])
                    }
                    if profile.seat != nil && c.methods[p] == .exact {
                        // Simulated above, developer by developer.
                        for j in 0..<modelCount { monthTotal.add(out.cells[out.cell(t, p, j, m)]) }
                    } else if c.methods[p] == .exact {
                        for j in 0..<modelCount { counts[j] = 0 }
                        var k = 0
                        for g in c.groups[p] {
                            let factor = g.rampFactor(month: m, rampUpMonths: spec.rampUpMonths) * adoption
                            guard g.isPresent(in: m) else { k += g.count; continue }
                            for _ in 0..<g.count {
                                let mean = factor == 1 ? developerMeans[p][k] : developerMeans[p][k] * factor
                                k += 1
                                var threads = 0
                                for _ in 0..<days { threads += profile.demand.drawDay(mean: mean, using: &rng) }
                                // The same categorical draws as the single-developer path.
                                ThreadMix.split(threads, cumulative: cumulative[p], counts: &developerCounts, rng: &rng)
                                for j in 0..<modelCount { counts[j] += developerCounts[j] }
                            }
                        }
                        for j in 0..<modelCount where counts[j] > 0 {
                            let multiplier = spec.pricePaths[j].isFlat ? 1 : spec.pricePaths[j].multiplier(month: m, z: priceZ[j])
                            var modelTotals = ThreadTotals()
                            ThreadKernel.simulate(
                                spec.models[j], trial: behaviours[j], count: counts[j], rng: &modelRngs[p][j],
                                workspace: workspace, totals: &modelTotals, mode: spec.pricingMode)
                            if multiplier != 1 { modelTotals.scaleMoney(by: multiplier) }
                            let cost = modelTotals.cost.value
                            monthTotal.add(cost)
                            out.cells[out.cell(t, p, j, m)] = cost
                            let cell = CellTotals(modelTotals, minutesPerAttempt: minutes[j])
                            out.hours[t * profileCount + p] += cell.wastedHours.value
                            totals[p * modelCount + j].add(cell)
                        }
                    } else {
                        // Intensity of the profile's month: mean and day-to-day variance of the sum.
                        var mean = 0.0, variance = 0.0
                        for (g, s) in zip(c.groups[p], groupIntensity[p]) where g.isPresent(in: m) {
                            let f = g.rampFactor(month: m, rampUpMonths: spec.rampUpMonths) * adoption
                            mean += Double(days) * f * s.sum
                            if let r = profile.demand.dayDispersion { variance += Double(days) * f * f * s.sumOfSquares / r }
                        }
                        guard mean > 0 else { continue }
                        let intensity = variance > 0 ? mean * GammaUnit.draw(shape: mean * mean / variance, using: &rng) : mean
                        var coveredCost = [Double](repeating: 0, count: modelCount)
                        for j in 0..<modelCount where profile.mix[j] > 0 {
                            guard let x = moments[j] else { continue }
                            let n = Double(PoissonCount.draw(mean: intensity * profile.mix[j], using: &rng))
                            guard n > 0 else { continue }
                            let multiplier = spec.pricePaths[j].isFlat ? 1 : spec.pricePaths[j].multiplier(month: m, z: priceZ[j])
                            let cost = sumOfThreads(count: n, moments: x, rng: &rng) * multiplier
                            let q = behaviours[j].offTheRailsRate
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
                            cell.agentHours.add(cell.attempts * minutes[j] / 60)
                            cell.wastedHours.add(cell.offTheRailsAttempts * minutes[j] / 60)
                            out.hours[t * profileCount + p] += cell.wastedHours.value
                            totals[p * modelCount + j].add(cell)
                        }
                        let covered = coveredCost.reduce(0, +)
                        if let seat = profile.seat, let table = c.seatTables[p], covered > 0 {
                            let overage = seatOverage(
                                c, seat: seat, table: table, profile: p, trial: t, month: m, adoption: adoption,
                                groupIntensity: groupIntensity[p], moments: moments, nominal: nominalMeans, priceZ: priceZ,
                                rng: &aggregatedSeatStreams[p], out: out)
                            // Billed per model in proportion to the covered usage.
                            if overage > 0 {
                                for j in 0..<modelCount where coveredCost[j] > 0 {
                                    out.cells[out.cell(t, p, j, m)] = overage * coveredCost[j] / covered
                                }
                                monthTotal.add(overage)
                            }
                        }
                    }
                }
                out.monthly[t * monthCount + m] = monthTotal.value
                trialTotal.add(monthTotal)
            }
            out.annual[t] = trialTotal.value
        }
        return totals
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
    static func drawGroupIntensity(_ demand: ThreadDemand, count n: Int, rng: inout RandomStream) -> (sum: Double, sumOfSquares: Double) {
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
