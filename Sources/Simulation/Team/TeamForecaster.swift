import Distributions
import Foundation
import LinearAlgebra
import NumericalMethods

/// Runs a ``TeamForecastSpec``: a team's profiles of developers over the horizon,
/// trials in parallel over the cores.
///
/// **Shared and individual uncertainty.** Each trial first draws what hits everyone at once —
/// the models' behaviour shifts and price paths (correlated through ``SharedDraws``, exactly as
/// ``DeveloperForecaster`` does) and one adoption draw — and then, per developer, what differs
/// between people: their own mean threads per day, each day's count, each thread. A large team
/// averages away the individual noise but not the shared part, so its band stays honest.
///
/// **Exact and aggregated profiles.** A profile is simulated developer by developer and thread
/// by thread (the *exact* path, TeamForecaster+Exact.swift, the same draws as
/// ``DeveloperForecaster``: a one-developer, one-profile team reproduces it to the last bit) or,
/// when it is large, by per profile-model-month sums (the *aggregated* path,
/// TeamForecaster+Aggregated.swift): the month's thread count is Poisson with a gamma-matched
/// intensity built from the developers' own intensities (drawn exactly per hire group: a sum of
/// gammas is a gamma), split over models by Poisson thinning, and the sum of its thread costs is
/// lognormal-matched to the trial's mean and variance from ``ThreadCostMoments``. Seat profiles
/// of either kind are billed on their plan (TeamForecaster+Seats.swift).
/// docs/team-forecasts.md gives the derivation and the measured accuracy.
///
/// **Fitted models.** A fitted model's bootstrap replicates
/// (``TeamForecastSpec/behaviourReplicates``) are picked one per trial by ``TrialSetup``, as
/// in `run`: the exact path runs every thread of the trial on it. The aggregated path's moment
/// tables are built once per model at the spec's behaviour; a trial scales them by its
/// replicate's ratios to that behaviour (``ReplicateMoments``, common random numbers) and takes
/// its attempt count from the replicate's rates. A fitted copula is drawn in the tables as the
/// kernel draws it.
///
/// **Reproducibility.** Trial `t` draws only from `RandomStream(seed).substream(t)`; sums over
/// trials are taken in trial order; the result is the same on any core count (``TrialRunner``,
/// shared with the other simulators).
public enum TeamForecaster {
    /// Profiles with at most this many developers in any month are simulated exactly in `auto`...
    public static let exactHeadCountLimit = 20
    /// ...unless they start more threads than this in a month: a few heavy developers (an
    /// organisation's fitted top profile, split by team) then cost as much as thousands of light
    /// ones, and a month's sum of that many threads is what the aggregated path draws well
    /// (measured: the fitted 10,000-developer scenario of `make bench`'s org_scale_10k spent all
    /// its 33 s in such profiles).
    public static let exactThreadsPerMonthLimit = 2_000.0
    /// Child index of a trial's stream for seat profile `p`: `seatStream + p` ("SEAT").
    static let seatStream: UInt64 = 0x5345_4154
    /// Child index of the seed's stream for profile `p`'s seat table: `seatTableStream + p`.
    static let seatTableStream: UInt64 = 0x5345_4154_5441_424C
    /// Child index of the seed's stream for model `j`'s replicate moments ("REPMOM" + j).
    static let replicateMomentsStream: UInt64 = 0x5245_504D_4F4D_0000
    /// Aggregated groups up to this size draw their members' means one by one (cheap at this
    /// size); larger groups draw the sum as one gamma.
    static let individualDrawLimit = 256
    /// Aggregated seat groups of at least this many developers look their overage up at their
    /// own drawn mean; smaller cohorts at the profile's (``seatOverage``).
    static let seatGroupMeanMinimum = 16

    /// Runs the team's trials.
    ///
    /// - Complexity: per trial, exact profiles cost O(developers x threads x attempts) kernel draws;
    ///   aggregated ones O(profiles x models x months) after the ``ThreadCostMoments`` tables, which
    ///   are built once per run (their own cost is documented there).
    /// - Parameter progress: called with the number of trials just finished (from any thread).
    public static func run(_ spec: TeamForecastSpec, progress: (@Sendable (Int) -> Void)? = nil) throws(LAPACK.Failure)
        -> TeamForecast
    {
        let runner = try TrialRunner(
            models: spec.models, uncertainty: spec.uncertainty, replicates: spec.behaviourReplicates,
            priceCorrelation: spec.priceCorrelation, seed: spec.seed, workers: spec.workers)
        let trials = spec.trials
        let monthCount = spec.calendar.months.count
        let profileCount = spec.profiles.count
        let modelCount = spec.models.count
        let context = ChunkContext(spec, runner: runner)

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

        nonisolated(unsafe) let out = Outputs(
            cells: cells, monthly: monthly, annual: annual, hours: hours, fees: fees, seatFigures: seatFigures,
            profileCount: profileCount, modelCount: modelCount, monthCount: monthCount)
        let chunkTotals = runner.forEachChunk(of: 0..<trials, progress: progress) { _, range in
            simulateChunk(context, runner: runner, trials: range, out: out)
        }

        var totals = Array(repeating: CellTotals(), count: profileCount * modelCount)
        for c in chunkTotals { for k in totals.indices { totals[k].add(c[k]) } }
        return TeamForecast(
            trials: trials, seed: spec.seed, months: spec.calendar.months, profiles: spec.profiles.map(\.name),
            models: spec.models.map(\.name), methods: context.methods, headCount: context.headCount,
            fullUseEquivalents: context.fullUseEquivalents,
            cellMonthly: Array(cells), teamMonthly: Array(monthly), teamAnnual: Array(annual),
            wastedHours: Array(hours), seatFees: Array(fees), seatFigures: Array(seatFigures),
            seatPlans: spec.profiles.map { $0.seat?.plan.name }, cellTotals: totals, hourlyRate: spec.hourlyRate,
            elapsedSeconds: runner.elapsedSeconds)
    }

    /// What every chunk of a run reads: the spec, each profile's groups, method and head
    /// counts, and the tables the aggregated profiles use.
    struct ChunkContext: Sendable {
        let spec: TeamForecastSpec
        let groups: [[DeveloperGroup]]
        let methods: [TeamMethod]
        let headCount: [[Int]]
        let fullUseEquivalents: [[Double]]
        /// Per model, the moment table of the aggregated profiles that use it (nil otherwise).
        let tables: [ThreadCostMoments?]
        /// Per fitted model with a table, its replicates' moment ratios (nil otherwise).
        let replicateMoments: [ReplicateMoments?]
        /// Per aggregated seat profile on a plan with limits, its seat-month table.
        let seatTables: [SeatPlanTable?]
        /// Each aggregated model's thread mean at the nominal behaviour: the denominator of a
        /// trial's cost scale for the seat tables.
        let nominalMeans: [Double]
        /// The calendar's working days on the plans' hour axis (seat profiles).
        let timeline: PlanTimeline
        /// Per model, its median thread minutes (0 when not given).
        let minutes: [Double]
        /// Per profile, its mix's cumulative shares and mix-weighted thread minutes.
        let cumulative: [[Double]]
        let minutesEach: [Double]

        /// Resolves `auto` per profile and builds the tables, in parallel on the runner's workers.
        init(_ spec: TeamForecastSpec, runner: TrialRunner) {
            self.spec = spec
            let monthCount = spec.calendar.months.count
            let profileCount = spec.profiles.count
            let modelCount = spec.models.count
            groups = spec.profiles.map { $0.plan.groups(months: monthCount).groups }
            headCount = spec.profiles.map { $0.plan.headCount(months: monthCount) }
            let busiestMonth = Double(spec.calendar.workingDays.max() ?? 0)
            let methods: [TeamMethod] = zip(headCount, spec.profiles).map { counts, profile in
                let heads = counts.max() ?? 0
                let threads = Double(heads) * profile.demand.meanPerDay * busiestMonth
                return switch spec.method {
                case .auto:
                    heads > exactHeadCountLimit || threads > exactThreadsPerMonthLimit ? TeamMethod.aggregate : TeamMethod.exact
                case .exact, .aggregate: spec.method
                }
            }
            self.methods = methods
            fullUseEquivalents = groups.map { g in
                (0..<monthCount).map { m in
                    g.filter { $0.isPresent(in: m) }.reduce(0.0) {
                        $0 + Double($1.count) * $1.rampFactor(month: m, rampUpMonths: spec.rampUpMonths)
                    }
                }
            }

            // Moment tables for the models aggregated profiles use.
            let neededModels = (0..<modelCount).filter { j in
                spec.profiles.indices.contains { methods[$0] == .aggregate && spec.profiles[$0].mix[j] > 0 }
            }
            let tableSlots = ResultSlots<ThreadCostMoments?>(count: modelCount, initial: nil)
            let root = runner.root
            runner.parallel(iterations: neededModels.count) { k in
                let j = neededModels[k]
                tableSlots[j] = ThreadCostMoments(
                    model: spec.models[j], uncertainty: spec.uncertainty[j], stream: root.substream(UInt64.max - UInt64(j)))
            }
            let tables = (0..<modelCount).map { tableSlots[$0] }
            self.tables = tables
            // The fitted ones' replicates, against the same nominal behaviour.
            let fittedModels = neededModels.filter {
                $0 < spec.behaviourReplicates.count && !spec.behaviourReplicates[$0].isEmpty
            }
            let replicateSlots = ResultSlots<ReplicateMoments?>(count: modelCount, initial: nil)
            runner.parallel(iterations: fittedModels.count) { k in
                let j = fittedModels[k]
                replicateSlots[j] = ReplicateMoments(
                    model: spec.models[j], replicates: spec.behaviourReplicates[j],
                    stream: root.substream(replicateMomentsStream &+ UInt64(j)))
            }
            replicateMoments = (0..<modelCount).map { replicateSlots[$0] }

            // Seat-month tables of the aggregated profiles that hold seats.
            let seatSlots = ResultSlots<SeatPlanTable?>(count: profileCount, initial: nil)
            // A plan without limits bills nothing past its fee: no table needed.
            let seatProfiles = (0..<profileCount).filter {
                methods[$0] == .aggregate && spec.profiles[$0].seat?.plan.hasLimit == true
            }
            runner.parallel(iterations: seatProfiles.count) { k in
                let p = seatProfiles[k]
                guard let seat = spec.profiles[p].seat else { return }
                seatSlots[p] = SeatPlanTable(
                    profile: spec.profiles[p], seat: seat, models: spec.models, workingDays: spec.calendar.workingDays,
                    rampUpMonths: spec.rampUpMonths, seatMonths: spec.seatTableMonths,
                    stream: root.substream(seatTableStream &+ UInt64(p)),
                    workers: runner.workers)
            }
            seatTables = (0..<profileCount).map { seatSlots[$0] }

            nominalMeans = (0..<modelCount).map { j in
                guard let table = tables[j] else { return 0 }
                return ThreadCostMoments.threadMoments(
                    attemptMean: table.mean, attemptMeanSquare: table.meanSquare, trial: .nominal(spec.models[j].behaviour),
                    maxAttempts: spec.models[j].behaviour.maxAttempts
                ).threadMean
            }
            timeline = PlanTimeline(workingDaysPerMonth: spec.calendar.workingDays)
            minutes = spec.models.map { $0.behaviour.medianThreadMinutes ?? 0 }
            cumulative = spec.profiles.map { ThreadMix.cumulative($0.mix) }
            minutesEach = spec.profiles.map { ThreadMix.minutesEach(models: spec.models, mix: $0.mix) }
        }
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

    /// One worker's buffers for a chunk, and the chunk's totals per profile and model.
    final class ChunkBuffers {
        let workspace = KernelWorkspace()
        let seat = SeatScratch()
        /// A profile-month's threads per model, and one developer's.
        var counts: [Int]
        var developerCounts: [Int]
        var totals: [CellTotals]

        init(profiles: Int, models: Int) {
            counts = [Int](repeating: 0, count: models)
            developerCounts = counts
            totals = Array(repeating: CellTotals(), count: profiles * models)
        }
    }

    /// One trial's draws before its months: the shared part, the adoption draw and every
    /// profile's individual draws, and the trial's stream after them.
    struct TrialDraws {
        let setup: TrialSetup
        /// The behaviour shifts the aggregated path prices with: the spec's behaviours under the
        /// trial's shifts (its moment tables are theirs), not a replicate's.
        let aggregatedBehaviours: [TrialBehaviour]
        /// Per model the aggregated profiles use, this trial's thread moments.
        let moments: [ThreadCostMoments.AttemptCounts?]
        let adoptionZ: Double
        /// Per exact profile, each developer's own mean threads per day, group by group.
        var developerMeans: [[Double]]
        /// Per aggregated profile, each group's sum of its developers' means and of their squares.
        var groupIntensity: [[(sum: Double, sumOfSquares: Double)]]
        /// The trial's stream: day counts, splits and aggregated sums continue on it.
        var rng: RandomStream
    }

    private static func simulateChunk(_ c: ChunkContext, runner: TrialRunner, trials: Range<Int>, out: Outputs) -> [CellTotals] {
        let spec = c.spec
        let monthCount = spec.calendar.months.count
        let modelCount = spec.models.count
        let profileCount = spec.profiles.count
        let anySeatTable = c.seatTables.contains { $0 != nil }
        let buffers = ChunkBuffers(profiles: profileCount, models: modelCount)

        runner.forEachTrial(in: trials) { setup in
            let t = setup.trial
            var trial = drawTrial(c, setup: setup)

            // Seat fees (planned head counts) and the seat profiles simulated developer by developer.
            for p in 0..<profileCount {
                guard let seat = spec.profiles[p].seat else { continue }
                for m in 0..<monthCount {
                    out.fees[out.fee(t, p, m)] = seat.plan.monthlyFeeUSD * Double(c.headCount[p][m])
                }
            }
            simulateExactSeatProfiles(c, trial: trial, buffers: buffers, out: out)

            // Aggregated seat profiles draw their overage from their own child stream.
            var aggregatedSeatStreams =
                anySeatTable ? (0..<profileCount).map { setup.stream.substream(seatStream &+ UInt64($0)) } : []

            // Thread draws of the exact API profiles, a stream per profile and model.
            var modelRngs = (0..<profileCount).map { p in
                c.methods[p] == .exact && spec.profiles[p].seat == nil
                    ? ThreadStreams.children(of: setup.stream, profile: p, models: modelCount) : []
            }

            var trialTotal = CompensatedSum()
            for m in 0..<monthCount {
                let adoption = spec.adoption.value(month: m, z: trial.adoptionZ)
                var monthTotal = CompensatedSum()
                for p in 0..<profileCount {
                    if spec.profiles[p].seat != nil {
                        monthTotal.add(out.fees[out.fee(t, p, m)])
                    }
                    if spec.profiles[p].seat != nil && c.methods[p] == .exact {
                        // Simulated above, developer by developer.
                        for j in 0..<modelCount { monthTotal.add(out.cells[out.cell(t, p, j, m)]) }
                    } else if c.methods[p] == .exact {
                        exactMonth(
                            c, trial: &trial, profile: p, month: m, adoption: adoption, modelRngs: &modelRngs[p],
                            buffers: buffers, monthTotal: &monthTotal, out: out)
                    } else {
                        aggregatedMonth(
                            c, trial: &trial, profile: p, month: m, adoption: adoption, seatStreams: &aggregatedSeatStreams,
                            buffers: buffers, monthTotal: &monthTotal, out: out)
                    }
                }
                out.monthly[t * monthCount + m] = monthTotal.value
                trialTotal.add(monthTotal)
            }
            out.annual[t] = trialTotal.value
        }
        return buffers.totals
    }

    /// A trial's draws before its months, in this order from its stream: the adoption normal
    /// (when adoption is uncertain), then per profile and group, each exact developer's own
    /// mean or each aggregated group's intensity.
    static func drawTrial(_ c: ChunkContext, setup: TrialSetup) -> TrialDraws {
        let spec = c.spec
        let profileCount = spec.profiles.count
        var rng = setup.stream
        // The exact path runs the trial's models (a fitted model's replicate). The aggregated
        // path's tables are built at the spec's behaviours: a fitted model's trial moments are
        // the table's at the trial's shifts times its replicate's ratios (ReplicateMoments), and
        // its attempt count comes from the replicate's rates (setup.behaviours). A model with
        // replicates but no ratios (no aggregated profile uses it) keeps the spec's behaviour.
        let behaviours = spec.models.indices.map { j in
            setup.replicateIndex[j] == nil || c.replicateMoments[j] != nil
                ? setup.behaviours[j] : setup.shifted(spec.models[j].behaviour, spec.uncertainty[j], model: j)
        }
        // Per-trial thread moments of the models aggregated profiles use.
        let moments: [ThreadCostMoments.AttemptCounts?] = spec.models.indices.map { j in
            guard let table = c.tables[j] else { return nil }
            var (mu, m2) = setup.withBehaviourNormals(model: j) { table.attemptMoments(z: $0) }
            if let ratios = c.replicateMoments[j], let r = setup.replicateIndex[j] {
                mu *= ratios.meanRatio[r]
                m2 *= ratios.meanSquareRatio[r]
            }
            return ThreadCostMoments.threadMoments(
                attemptMean: mu, attemptMeanSquare: m2, trial: behaviours[j], maxAttempts: setup.models[j].behaviour.maxAttempts)
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
        return TrialDraws(
            setup: setup, aggregatedBehaviours: behaviours, moments: moments, adoptionZ: adoptionZ,
            developerMeans: developerMeans, groupIntensity: groupIntensity, rng: rng)
    }
}
