import Distributions
import Foundation
import Pricing

/// What one seat-month on a plan costs beyond its fee, as a function of the developer's mean
/// threads per day and the trial's cost scale: the seat part of ``TeamForecaster``'s aggregated
/// path.
///
/// **Why a table.** A plan's overage and its blocked threads depend on how one developer's
/// threads fall into 5-hour windows and weeks, which sums of thousands of developers' costs do
/// not show. An aggregated profile of 2,000 seats cannot afford to lay out every developer's
/// threads in every trial, so the per-seat outcome is tabulated once.
///
/// **How.** At each of ``groupNodes`` group means (threads per working day of a group's
/// average developer, geometric from a first ramp-up month at low adoption to twice the
/// profile's mean), ``seatMonths`` seat-months of developers spread around that mean are
/// simulated at the nominal behaviour exactly as the exact path does (``DeveloperYear``: days,
/// start times, models, kernel costs) and billed on the plan with every thread cost multiplied
/// by each of ``scaleNodes`` cost scales (1/3 to 3, common random numbers across scales and
/// across nodes). The spread is the profile's gamma (`developer_cv`), stratified over
/// ``spreadBins`` equal-probability bins, each at its conditional mean (midpoint quantiles put
/// the heaviest developers too low, and overage is driven by them: a 16-point midpoint rule was
/// 12 % low). A trial's shared draws (behaviour shifts, price paths) change what the covered
/// threads cost; they enter as the cost scale `s`, the ratio of the trial's mean covered thread
/// cost to the nominal one (the shape of a thread's cost is taken as unchanged, only its
/// level). A trial's lookup is linear in the group mean and in `log s`; a month with `d`
/// working days scales the table's month of `d̄` days by `d / d̄`.
struct SeatPlanTable: Sendable {
    static let groupNodes = 24
    static let scaleNodes = 13
    static let scaleRange = 3.0
    /// Seat-months simulated at each group mean (``TeamForecastSpec/seatTableMonths``).
    static let seatMonths = 1024
    static let spreadBins = 256

    /// Tabulated figures per seat-month.
    enum Figure: Int, CaseIterable {
        case overage, overageSquare, blockedThreads, blockedCost, hoursLockedOut
    }

    /// Group means (threads per working day of the group's average developer), ascending.
    let groupMeans: [Double]
    let logScales: [Double]
    /// Per figure, the average over a group's developers at `gi * scaleNodes + si`.
    let values: [[Double]]
    /// Working days of the tabulated month.
    let days: Double

    /// - Parameter workers: parallel workers for the group-mean nodes; nil for every core (the
    ///   table does not depend on it).
    init(
        profile: TeamProfileSpec, seat: SeatPlan, models: [PricedModel], workingDays: [Int], rampUpMonths: Int,
        seatMonths: Int = seatMonths, stream: RandomStream, workers: Int? = nil
    ) {
        let demand = profile.demand
        let spread = Self.spreadMultipliers(cv: demand.developerCV)
        let meanDays = Double(workingDays.reduce(0, +)) / Double(max(workingDays.count, 1))
        let tableDays = max(1, Int(meanDays.rounded()))
        days = Double(tableDays)
        // Group means from a first ramp-up month at low adoption in a light group to a heavy
        // group; developers from the lightest of the lightest group to the heaviest of the heaviest.
        let groupLow = demand.meanPerDay / Double(4 * (rampUpMonths + 1))
        let groupHigh = demand.meanPerDay * 2
        groupMeans = Self.geometric(from: groupLow, to: groupHigh, count: Self.groupNodes)
        logScales = (0..<Self.scaleNodes).map {
            -log(Self.scaleRange) + 2 * log(Self.scaleRange) * Double($0) / Double(Self.scaleNodes - 1)
        }

        // At each group mean: seat-months of developers spread over the group (stratified:
        // seat-month i is a developer of bin i x spreadBins / seatMonths, so every bin gets its
        // share whatever the count), billed at every cost scale.
        // Every node replays the same random numbers, so the table is smooth across nodes.
        let timeline = PlanTimeline(workingDaysPerMonth: [tableDays])
        let planProfile = PlanProfile(name: profile.name, demand: demand, mix: profile.mix, workday: seat.workday)
        let cumulative = ThreadMix.cumulative(profile.mix)
        let minutes = ThreadMix.minutesEach(models: models, mix: profile.mix)
        let behaviours = models.map { TrialBehaviour.nominal($0.behaviour) }
        let flat = Array(repeating: PricePath.flat, count: models.count)
        let zeros = Array(repeating: 0.0, count: models.count)
        let countsTokens = seat.plan.countsTokens
        let S = Self.scaleNodes
        let figureCount = Figure.allCases.count
        let groupMeans = self.groupMeans
        let slots = ResultSlots<[Double]>(count: groupMeans.count, initial: [])
        let scales = logScales.map { exp($0) }
        ParallelLoop.run(iterations: groupMeans.count, workers: workers) { gi in
            var rng = stream
            let year = DeveloperYear()
            let workspace = KernelWorkspace()
            var sums = [Double](repeating: 0, count: S * figureCount)
            var start: [Double] = [], cost: [Double] = [], tokens: [Double] = []
            var scaledCost: [Double] = [], scaledTokens: [Double] = []
            for i in 0..<seatMonths {
                year.simulate(
                    profile: planProfile, developerMean: groupMeans[gi] * spread[i * spread.count / seatMonths],
                    timeline: timeline,
                    models: models, behaviours: behaviours, pricePaths: flat, priceZ: zeros, cumulativeMix: cumulative,
                    minutesEach: minutes, grid: nil, rng: &rng, workspace: workspace)
                start.removeAll(keepingCapacity: true); cost.removeAll(keepingCapacity: true);
                tokens.removeAll(keepingCapacity: true)
                for k in 0..<year.count where seat.covers[Int(year.modelOf[k])] {
                    start.append(year.start[k]); cost.append(year.cost[k]); tokens.append(year.tokens[k])
                }
                guard !start.isEmpty else { continue }
                for (si, s) in scales.enumerated() {
                    scaledCost.removeAll(keepingCapacity: true)
                    scaledCost.append(contentsOf: cost.lazy.map { $0 * s })
                    if countsTokens {
                        scaledTokens.removeAll(keepingCapacity: true)
                        scaledTokens.append(contentsOf: tokens.lazy.map { $0 * s })
                    }
                    let u = seat.plan.evaluate(
                        startHours: start, costsUSD: scaledCost, tokens: countsTokens ? scaledTokens : nil,
                        periodHours: timeline.periodHours)
                    let base = si * figureCount
                    sums[base + Figure.overage.rawValue] += u.overageUSD
                    sums[base + Figure.overageSquare.rawValue] += u.overageUSD * u.overageUSD
                    sums[base + Figure.blockedThreads.rawValue] += Double(u.blockedThreads)
                    sums[base + Figure.blockedCost.rawValue] += u.blockedCostUSD
                    sums[base + Figure.hoursLockedOut.rawValue] += u.hoursLockedOut
                }
            }
            slots[gi] = sums.map { $0 / Double(seatMonths) }
        }
        values = Figure.allCases.map { f in
            (0..<(groupMeans.count * S)).map { k in slots[k / S][(k % S) * figureCount + f.rawValue] }
        }
    }

    static func geometric(from low: Double, to high: Double, count: Int) -> [Double] {
        (0..<count).map { low * pow(high / low, Double($0) / Double(count - 1)) }
    }

    /// Multipliers (mean 1) standing for the developers of a group: the conditional means of
    /// ``spreadBins`` equal-probability bins of `Gamma(k, 1/k)`, `k = 1/cv^2`. For a gamma,
    /// `E[X; X < b] = F_{k+1}(b)` (mean 1), so a bin's mean is `Q (F_{k+1}(b) - F_{k+1}(a))`.
    static func spreadMultipliers(cv: Double) -> [Double] {
        guard cv > 0 else { return [1] }
        let k = 1 / (cv * cv)
        guard let g = try? Gamma(shape: k, scale: 1 / k), let g1 = try? Gamma(shape: k + 1, scale: 1 / k) else { return [1] }
        let q = spreadBins
        let edges = (0...q).map { i -> Double in i == 0 ? 0 : i == q ? .infinity : g.quantile(Double(i) / Double(q)) }
        let f1 = edges.map { $0.isInfinite ? 1 : g1.cdf($0) }
        return (0..<q).map { Double(q) * (f1[$0 + 1] - f1[$0]) }
    }

    /// Linear between intensity nodes, towards 0 below the first (no threads, nothing past a
    /// limit), flat above the last.
    static func interpolate(_ v: [Double], nodes: [Double], scaleIndex si: Int, scales S: Int, at x: Double) -> Double {
        let n = nodes.count
        if x <= nodes[0] { return max(0, x) / nodes[0] * v[si] }
        if x >= nodes[n - 1] { return v[(n - 1) * S + si] }
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if nodes[mid] <= x { lo = mid } else { hi = mid }
        }
        let w = (x - nodes[lo]) / (nodes[hi] - nodes[lo])
        return v[lo * S + si] * (1 - w) + v[hi * S + si] * w
    }

    /// The average per-seat figures of a group whose developers average `groupMean` threads per
    /// working day, at cost scale `s`: linear in the group mean and in `log s`, clamped in `s`.
    func expected(groupMean: Double, scale s: Double) -> [Double] {
        let S = logScales.count
        let ls = min(max(log(max(s, .leastNormalMagnitude)), logScales[0]), logScales[S - 1])
        var sj = 0
        while sj < S - 2 && ls > logScales[sj + 1] { sj += 1 }
        let ws = (ls - logScales[sj]) / (logScales[sj + 1] - logScales[sj])
        return values.map { v in
            let a = Self.interpolate(v, nodes: groupMeans, scaleIndex: sj, scales: S, at: groupMean)
            let b = Self.interpolate(v, nodes: groupMeans, scaleIndex: sj + 1, scales: S, at: groupMean)
            return a * (1 - ws) + b * ws
        }
    }
}
