import NumericalMethods

/// The distribution of a team's spend: per trial, per profile, model and month.
///
/// Per-trial arrays are kept (not only summaries) so that budgets, diffs with common random
/// numbers and any roll-up can be computed afterwards in trial order.
public struct TeamForecast: Sendable {
    public var trials: Int
    public var seed: UInt64
    public var months: [String]
    public var profiles: [String]
    public var models: [String]
    /// Per profile: whether it was simulated exactly or aggregated.
    public var methods: [TeamMethod]
    /// Per profile, developers present each month.
    public var headCount: [[Int]]
    /// Per profile, full-use equivalents each month (ramp-ups counted pro rata, before adoption).
    public var fullUseEquivalents: [[Double]]
    /// Spend, indexed `((trial * profiles + p) * models + j) * months + m`.
    public var cellMonthly: [Double]
    /// Team spend per trial and month, `trial * months + m`.
    public var teamMonthly: [Double]
    /// Team spend per trial over the horizon.
    public var teamAnnual: [Double]
    /// Developer hours lost to off-the-rails attempts, `trial * profiles + p`.
    public var wastedHours: [Double]
    /// Seat fees, `(trial * profiles + p) * months + m` (zero for profiles without a seat plan).
    /// They are part of the profile's and the team's spend, not of any model's.
    public var seatFees: [Double]
    /// Per trial and seat profile, ``SeatFigure`` values at `(trial * profiles + p) * SeatFigure.allCases.count + figure`.
    public var seatFigures: [Double]
    /// Per profile, the seat plan's name, or nil when the profile pays API prices.
    public var seatPlans: [String?]
    /// Sums over trials, per `p * models + j`.
    public var cellTotals: [CellTotals]
    public var hourlyRate: Double
    public var elapsedSeconds: Double

    var profileCount: Int { profiles.count }
    var modelCount: Int { models.count }
    var monthCount: Int { months.count }

    @inline(__always)
    func cellIndex(trial t: Int, profile p: Int, model j: Int, month m: Int) -> Int {
        ((t * profileCount + p) * modelCount + j) * monthCount + m
    }

    /// One profile's spend over the horizon (seat fees included), per trial.
    public func profileAnnual(_ p: Int) -> [Double] {
        (0..<trials).map { t in
            var s = CompensatedSum()
            for j in 0..<modelCount {
                for m in 0..<monthCount { s.add(cellMonthly[cellIndex(trial: t, profile: p, model: j, month: m)]) }
            }
            for m in 0..<monthCount { s.add(seatFees[(t * profileCount + p) * monthCount + m]) }
            return s.value
        }
    }

    /// One profile's spend in one month (seat fees included), per trial.
    public func profileMonthly(_ p: Int, month m: Int) -> [Double] {
        (0..<trials).map { t in
            var s = CompensatedSum()
            for j in 0..<modelCount { s.add(cellMonthly[cellIndex(trial: t, profile: p, model: j, month: m)]) }
            s.add(seatFees[(t * profileCount + p) * monthCount + m])
            return s.value
        }
    }

    /// One profile's seat fees over the horizon, per trial (the same in every trial: head
    /// counts are planned).
    public func profileSeatFees(_ p: Int) -> [Double] {
        (0..<trials).map { t in
            var s = CompensatedSum()
            for m in 0..<monthCount { s.add(seatFees[(t * profileCount + p) * monthCount + m]) }
            return s.value
        }
    }

    /// One ``SeatFigure`` of a profile, per trial.
    public func seatFigure(_ p: Int, _ figure: SeatFigure) -> [Double] {
        let n = SeatFigure.allCases.count
        return (0..<trials).map { seatFigures[($0 * profileCount + p) * n + figure.rawValue] }
    }

    /// One model's spend over the horizon, all profiles, per trial.
    public func modelAnnual(_ j: Int) -> [Double] {
        (0..<trials).map { t in
            var s = CompensatedSum()
            for p in 0..<profileCount {
                for m in 0..<monthCount { s.add(cellMonthly[cellIndex(trial: t, profile: p, model: j, month: m)]) }
            }
            return s.value
        }
    }

    /// Team spend in `month`, per trial.
    public func teamMonth(_ m: Int) -> [Double] { (0..<trials).map { teamMonthly[$0 * monthCount + m] } }

    /// Team spend from the first month to `month` inclusive, per trial.
    public func teamCumulative(through month: Int) -> [Double] {
        (0..<trials).map { t in
            var s = CompensatedSum()
            for m in 0...month { s.add(teamMonthly[t * monthCount + m]) }
            return s.value
        }
    }

    /// Hours lost to off-the-rails attempts, whole team, per trial.
    public var teamWastedHours: [Double] {
        (0..<trials).map { t in
            var s = CompensatedSum()
            for p in 0..<profileCount { s.add(wastedHours[t * profileCount + p]) }
            return s.value
        }
    }

    /// Token spend plus the priced developer time lost, per trial.
    public var teamTotalCost: [Double] {
        let hours = teamWastedHours
        return (0..<trials).map { teamAnnual[$0] + hours[$0] * hourlyRate }
    }

    /// Sums over every profile and model.
    public var totals: CellTotals {
        var all = CellTotals()
        for c in cellTotals { all.add(c) }
        return all
    }

    /// Average developers present over the horizon, per profile.
    public func averageHeadCount(_ p: Int) -> Double {
        Double(headCount[p].reduce(0, +)) / Double(max(monthCount, 1))
    }
}

/// Sums over trials of one profile-model cell. Counts are doubles because the aggregated path
/// contributes expected counts (e.g. `N x E[attempts]`), not whole numbers.
/// Not ``ThreadTotals``: that is the kernel's whole-number counts with tokens and turns; this
/// holds expected counts and developer hours, and no tokens or turns. The spend ratios both
/// report are written once, in ``SpendTotals``.
///
/// `cost` and `waste` are at API prices even where a seat plan serves the threads (its
/// API-equivalent), so cost per thread, per completed task and the waste share describe the
/// model; what was paid is in ``TeamForecast/cellMonthly`` and ``TeamForecast/seatFees``.
public struct CellTotals: Sendable {
    public var threads = 0.0
    public var attempts = 0.0
    public var completed = 0.0
    public var offTheRailsAttempts = 0.0
    public var cost = CompensatedSum()
    public var waste = CompensatedSum()
    /// Developer hours of all attempts and of off-the-rails attempts.
    public var agentHours = CompensatedSum()
    public var wastedHours = CompensatedSum()

    public init() {}

    /// The kernel's totals of one profile-model-month, with agent and lost hours at
    /// `minutesPerAttempt` per attempt.
    init(_ t: ThreadTotals, minutesPerAttempt minutes: Double) {
        threads = Double(t.threads)
        attempts = Double(t.attempts)
        completed = Double(t.completed)
        offTheRailsAttempts = Double(t.offTheRailsAttempts)
        cost = t.cost
        waste = t.waste
        agentHours.add(attempts * minutes / 60)
        wastedHours.add(offTheRailsAttempts * minutes / 60)
    }

    public mutating func add(_ o: CellTotals) {
        threads += o.threads
        attempts += o.attempts
        completed += o.completed
        offTheRailsAttempts += o.offTheRailsAttempts
        cost.add(o.cost)
        waste.add(o.waste)
        agentHours.add(o.agentHours)
        wastedHours.add(o.wastedHours)
    }
}
