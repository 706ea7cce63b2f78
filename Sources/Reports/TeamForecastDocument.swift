import NumericalMethods
import Pricing
import Scenario
import Simulation

/// The JSON form of a team's forecast (`tokencast forecast --format json`).
///
/// Monthly entries are fan-chart data (P10/P50/P90 and mean per month); annual figures are
/// given for the team, per profile and per model; spend per developer divides by the
/// profile's average head count over the horizon.
public struct TeamForecastDocument: Codable, Sendable {
    public var tool = "tokencast"
    public var version: String
    public var kind = "team-forecast"
    public var scenario: String
    public var file: String
    public var trials: Int
    public var seed: UInt64
    public var months: [String]
    public var workingDays: [Int]
    public var elapsedSeconds: Double
    public var currency = "USD"
    /// The whole team (all profiles); encoded under the key `organisation`.
    public var team: Team
    public var monthly: [Month]
    public var profiles: [Profile]
    public var models: [Model]
    public var time: Time
    public var budget: BudgetSection?
    public var notes: [String]

    public struct Team: Codable, Sendable {
        public var annual: SpendSummary
        public var averageHeadCount: Double
        public var spendPerDeveloper: SpendSummary
        public var threadsPerYear: Double
        public var costPerThread: Double
        public var costPerCompletedTask: Double
        public var wasteShare: Double
        enum CodingKeys: String, CodingKey {
            case annual, averageHeadCount = "average_head_count", spendPerDeveloper = "spend_per_developer"
            case threadsPerYear = "threads_per_year", costPerThread = "cost_per_thread"
            case costPerCompletedTask = "cost_per_completed_task", wasteShare = "waste_share"
        }
    }

    public struct Month: Codable, Sendable {
        public var month: String
        public var headCount: Int
        public var spend: SpendSummary
        enum CodingKeys: String, CodingKey { case month, headCount = "head_count", spend }
    }

    public struct Profile: Codable, Sendable {
        public var name: String
        public var method: String
        public var headCount: [Int]
        public var averageHeadCount: Double
        public var seatPlan: String?
        public var seat: Seat?
        public var routing: [String: String]?
        public var annual: SpendSummary
        public var spendPerDeveloper: SpendSummary
        public var costPerCompletedTask: Double
        public var wasteShare: Double
        public var wastedHoursPerYear: Double
        enum CodingKeys: String, CodingKey {
            case name, method, headCount = "head_count", averageHeadCount = "average_head_count", seatPlan = "seat_plan"
            case seat, routing, annual, spendPerDeveloper = "spend_per_developer"
            case costPerCompletedTask = "cost_per_completed_task", wasteShare = "waste_share"
            case wastedHoursPerYear = "wasted_hours_per_year"
        }
    }

    /// A seat profile's plan against paying API prices for the same threads, over the horizon.
    public struct Seat: Codable, Sendable {
        public var plan: String
        public var feePerMonth: Double
        /// Models whose threads the seats serve; the profile's other threads are paid at API prices.
        public var covers: [String]
        public var fees: Double
        public var overage: SpendSummary
        /// What the covered threads would have cost at API prices.
        public var coveredAPICost: SpendSummary
        /// What the threads the seats served would have cost at API prices (covered minus
        /// blocked) minus fees and overage, per trial: positive when the seats pay off.
        public var savingVersusAPI: SpendSummary
        public var probabilityCheaperThanAPI: Double
        /// Over the horizon (the JSON key is `blocked_threads`).
        public var blockedThreadsPerYear: Double
        public var blockedAPICost: Double
        public var hoursLockedOutPerSeat: Double
        /// Where the plan's limits come from: "5-hour calibrated from N snapshots; weekly
        /// estimate", "estimate", "published"; nil for a plan without limits.
        public var allowances: String? = nil
        enum CodingKeys: String, CodingKey {
            case allowances
            case plan, feePerMonth = "fee_per_month", covers, fees, overage, coveredAPICost = "covered_api_cost"
            case savingVersusAPI = "saving_versus_api", probabilityCheaperThanAPI = "probability_cheaper_than_api"
            case blockedThreadsPerYear = "blocked_threads", blockedAPICost = "blocked_api_cost"
            case hoursLockedOutPerSeat = "hours_locked_out_per_seat"
        }
    }

    public struct Model: Codable, Sendable {
        public var name: String
        public var priceKey: String
        public var annual: SpendSummary
        public var threadsPerYear: Double
        public var costPerThread: Double
        public var costPerCompletedTask: Double
        public var wasteShare: Double
        public var threadMinutesP50: Double?
        public var wastedHoursPerYear: Double
        /// Token spend plus the priced lost time, per completed task.
        public var totalCostPerCompletedTask: Double
        enum CodingKeys: String, CodingKey {
            case name, priceKey = "price_key", annual, threadsPerYear = "threads_per_year", costPerThread = "cost_per_thread"
            case costPerCompletedTask = "cost_per_completed_task", wasteShare = "waste_share"
            case threadMinutesP50 = "thread_minutes_p50", wastedHoursPerYear = "wasted_hours_per_year"
            case totalCostPerCompletedTask = "total_cost_per_completed_task"
        }
    }

    public struct Time: Codable, Sendable {
        public var hourlyRate: Double
        public var agentHoursPerYear: Double
        public var wastedHours: SpendSummary
        public var wastedTimeCost: SpendSummary
        /// Token spend plus wasted time at the hourly rate.
        public var totalCost: SpendSummary
        enum CodingKeys: String, CodingKey {
            case hourlyRate = "hourly_rate", agentHoursPerYear = "agent_hours_per_year", wastedHours = "wasted_hours"
            case wastedTimeCost = "wasted_time_cost", totalCost = "total_cost"
        }
    }

    public struct BudgetSection: Codable, Sendable {
        public var annual: Double
        public var monthly: [Double]?
        public var probabilityOver: Double
        public var neededP90: Double
        public var neededP95: Double
        public var firstLikelyMonth: String?
        public var toDate: [ToDate]
        public struct ToDate: Codable, Sendable {
            public var month: String
            public var budget: Double
            public var medianSpend: Double
            public var probabilityOver: Double
            enum CodingKeys: String, CodingKey {
                case month, budget, medianSpend = "median_spend", probabilityOver = "probability_over"
            }
        }
        enum CodingKeys: String, CodingKey {
            case annual, monthly, probabilityOver = "probability_over", neededP90 = "needed_p90", neededP95 = "needed_p95"
            case firstLikelyMonth = "first_likely_month", toDate = "to_date"
        }

        /// Writes `first_likely_month: null` (rather than leaving it out) when no month is likely over.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(annual, forKey: .annual)
            try c.encodeIfPresent(monthly, forKey: .monthly)
            try c.encode(probabilityOver, forKey: .probabilityOver)
            try c.encode(neededP90, forKey: .neededP90)
            try c.encode(neededP95, forKey: .neededP95)
            try c.encode(firstLikelyMonth, forKey: .firstLikelyMonth)
            try c.encode(toDate, forKey: .toDate)
        }
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, kind, scenario, file, trials, seed, months, workingDays = "working_days"
        case elapsedSeconds = "elapsed_seconds", currency, team = "organisation", monthly, profiles, models, time, budget, notes
    }

    public init(scenario: Scenario, forecast f: TeamForecast, version: String) {
        self.version = version
        self.scenario = scenario.name
        file = scenario.file
        trials = f.trials
        seed = f.seed
        months = f.months
        workingDays = scenario.calendar.workingDays
        elapsedSeconds = f.elapsedSeconds
        let perTrial = Double(max(f.trials, 1))
        let all = f.totals
        let teamHeads = f.headCount.indices.reduce(0.0) { $0 + f.averageHeadCount($1) }
        team = Team(
            annual: SpendSummary(f.teamAnnual), averageHeadCount: teamHeads,
            spendPerDeveloper: SpendSummary(f.teamAnnual.map { $0 / max(teamHeads, 1e-12) }),
            threadsPerYear: all.threads / perTrial, costPerThread: all.costPerThread,
            costPerCompletedTask: finite(all.costPerCompletedTask), wasteShare: all.wasteShare)
        monthly = f.months.enumerated().map { m, label in
            Month(month: label, headCount: f.headCount.reduce(0) { $0 + $1[m] }, spend: SpendSummary(f.teamMonth(m)))
        }
        let teamProfiles = scenario.team?.profiles
        let modelCount = f.models.count
        profiles = f.profiles.enumerated().map { p, name in
            var t = CellTotals()
            for j in 0..<modelCount { t.add(f.cellTotals[p * modelCount + j]) }
            let annual = f.profileAnnual(p)
            let heads = f.averageHeadCount(p)
            let tp = teamProfiles?[p]
            var seat: Seat?
            if let plan = tp?.seatPlan {
                let fees = f.profileSeatFees(p)
                let overage = f.seatFigure(p, .overage), covered = f.seatFigure(p, .coveredAPICost)
                let blocked = f.seatFigure(p, .blockedCost)
                // Refused threads did not run on the seats: their API price is no saving.
                let saving = (0..<f.trials).map { covered[$0] - blocked[$0] - fees[$0] - overage[$0] }
                let seatMonths = Double(f.headCount[p].reduce(0, +))
                seat = Seat(
                    plan: plan.name, feePerMonth: plan.monthlyFeeUSD,
                    covers: f.models.indices.filter {
                        plan.covers(model: scenario.models[$0].priced.price.model) && (tp?.mix[$0] ?? 0) > 0
                    }.map { f.models[$0] },
                    fees: average(fees), overage: SpendSummary(overage), coveredAPICost: SpendSummary(covered),
                    savingVersusAPI: SpendSummary(saving),
                    probabilityCheaperThanAPI: Double(saving.filter { $0 > 0 }.count) / perTrial,
                    blockedThreadsPerYear: average(f.seatFigure(p, .blockedThreads)),
                    blockedAPICost: average(f.seatFigure(p, .blockedCost)),
                    hoursLockedOutPerSeat: seatMonths > 0
                        ? average(f.seatFigure(p, .hoursLockedOut)) / (seatMonths / Double(max(f.months.count, 1))) : 0)
                if plan.allowance5h != nil || plan.allowanceWeekly != nil {
                    seat?.allowances = plan.allowanceBasis ?? (plan.limitsAreEstimates ? "estimate" : "published")
                }
            }
            return Profile(
                name: name, method: f.methods[p].rawValue, headCount: f.headCount[p], averageHeadCount: heads,
                seatPlan: tp?.seatPlan?.name, seat: seat,
                routing: tp.flatMap {
                    $0.routing.isEmpty
                        ? nil
                        : Dictionary(
                            $0.routing.map { ($0.role, "\($0.model) \(Money.percent($0.share, digits: 0))") },
                            uniquingKeysWith: { a, _ in a })
                },
                annual: SpendSummary(annual), spendPerDeveloper: SpendSummary(annual.map { $0 / max(heads, 1e-12) }),
                costPerCompletedTask: finite(t.costPerCompletedTask), wasteShare: t.wasteShare,
                wastedHoursPerYear: t.wastedHours.value / perTrial)
        }
        models = f.models.enumerated().map { j, name in
            var t = CellTotals()
            for p in f.profiles.indices { t.add(f.cellTotals[p * modelCount + j]) }
            let sm = scenario.models[j]
            let timeCost = t.wastedHours.value * f.hourlyRate
            return Model(
                name: name, priceKey: sm.priced.price.model, annual: SpendSummary(f.modelAnnual(j)),
                threadsPerYear: t.threads / perTrial, costPerThread: t.costPerThread,
                costPerCompletedTask: finite(t.costPerCompletedTask), wasteShare: t.wasteShare,
                threadMinutesP50: sm.priced.behaviour.medianThreadMinutes, wastedHoursPerYear: t.wastedHours.value / perTrial,
                totalCostPerCompletedTask: t.completed > 0 ? (t.cost.value + timeCost) / t.completed : 0)
        }
        let wasted = f.teamWastedHours
        time = Time(
            hourlyRate: f.hourlyRate, agentHoursPerYear: all.agentHours.value / perTrial, wastedHours: SpendSummary(wasted),
            wastedTimeCost: SpendSummary(wasted.map { $0 * f.hourlyRate }), totalCost: SpendSummary(f.teamTotalCost))
        if let b = scenario.budget {
            let o = BudgetOutlook(forecast: f, annual: b.annual, monthly: b.monthly)
            budget = BudgetSection(
                annual: b.annual, monthly: b.monthly, probabilityOver: o.probabilityOver, neededP90: o.neededP90,
                neededP95: o.neededP95, firstLikelyMonth: o.firstLikelyMonth.map { f.months[$0] },
                toDate: f.months.indices.map {
                    .init(
                        month: f.months[$0], budget: o.budgetToDate[$0], medianSpend: o.medianToDate[$0],
                        probabilityOver: o.probabilityOverToDate[$0])
                })
        }
        var notes: [String] = []
        for (p, x) in profiles.enumerated() {
            guard let seat = x.seat else { continue }
            let other = f.models.indices.filter { (teamProfiles?[p].mix[$0] ?? 0) > 0 && !seat.covers.contains(f.models[$0]) }.map
            { f.models[$0] }
            var note =
                "profile '\(x.name)': \(seat.plan) seats at \(Money.full(seat.feePerMonth)) a month serve \(seat.covers.isEmpty ? "none of its models" : seat.covers.joined(separator: ", "))"
            if !other.isEmpty { note += "; its \(other.joined(separator: ", ")) threads are paid at API prices" }
            if seat.blockedThreadsPerYear > 0 {
                note += "; threads refused at the plan's limits are counted as blocked, not paid"
            }
            if f.methods[p] == .aggregate {
                note += "; overage and blocked threads from per-seat tables (docs/team-forecasts.md, Seat plans)"
            }
            notes.append(note)
        }
        let untimed = scenario.models.filter { $0.priced.behaviour.medianThreadMinutes == nil }.map(\.name)
        if !untimed.isEmpty, f.hourlyRate > 0 {
            notes.append(
                "no thread time for \(untimed.joined(separator: ", ")): give behaviour.thread_minutes_p50 to price its lost time")
        }
        for (p, m) in f.methods.enumerated() where m == .aggregate {
            notes.append(
                "profile '\(f.profiles[p])' is aggregated (docs/team-forecasts.md): thread counts are exact in law, each month's cost sum is lognormal-matched to the trial's moments"
            )
        }
        self.notes = notes
    }
}

private func finite(_ x: Double) -> Double { x.isFinite ? x : 0 }

private func average(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : CompensatedSum(xs).value / Double(xs.count) }
