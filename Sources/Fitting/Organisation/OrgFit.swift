import Distributions
import Foundation
import NumericalMethods

/// A figure with its bootstrap interval (P5-P95 over replicates resampling developers).
public struct OrgEstimate: Sendable, Hashable, Codable {
    public var value: Double
    public var low: Double
    public var high: Double

    public init(value: Double, low: Double, high: Double) {
        self.value = value
        self.low = low
        self.high = high
    }

    public func contains(_ x: Double) -> Bool { x >= low && x <= high }
}

/// One group of developers found in the panel.
public struct OrgProfile: Sendable, Hashable, Codable {
    public var name: String
    /// Developers assigned to the profile over the whole panel, and those still active at its end.
    public var developers: Int
    public var headCount: Int
    /// Share of the fitted developers in this profile.
    public var share: OrgEstimate
    /// Chance that a developer uses agents on a working day.
    public var activeDayProbability: OrgEstimate
    /// Mean spend on a day with use, USD.
    public var spendPerActiveDay: OrgEstimate
    /// Mean requests on a day with use.
    public var requestsPerActiveDay: OrgEstimate
    /// Mean spend per working day (active or not), USD.
    public var spendPerWorkingDay: OrgEstimate
    /// Coefficient of variation of developers' own spend per working day around the profile's.
    public var developerCV: Double
    /// Coefficient of variation of a developer's spend from one working day to the next
    /// (days without use included), pooled over the profile's developers.
    public var dayCV: Double
    /// Head count at the panel's end per team.
    public var teams: [String: Int]
}

/// `tokencast fit org`: developers grouped into profiles from their daily spend, with the
/// organisation's adoption, attrition, weekly rhythm and model mix beside.
public struct OrgFit: Sendable, Codable {
    public var firstDay: String
    public var lastDay: String
    public var months: [String]
    public var developers: Int
    /// Developers with enough history to group (the others are assigned to the nearest profile).
    public var developersFitted: Int
    public var profiles: [OrgProfile]
    /// BIC per number of profiles tried; the smallest chose.
    public var bic: [Int: Double]
    public var replicates: Int
    /// New active developers per month (first day with use).
    public var adoption: [String: Int]
    /// Developers whose last use came more than `attritionGapDays` before the panel's end, per
    /// month of last use, and the monthly rate (leavers over active developer-months).
    public var leavers: [String: Int]
    public var monthlyAttrition: Double
    /// Share of active user-days falling on each weekday, Monday first.
    public var weekdayShare: [Double]
    /// Each team's spend share per model, and its developers at the panel's end.
    public var teamMix: [String: [String: Double]]
    public var notes: [String]

    public static let attritionGapDays = 30
    /// Fewer active days or working days than these: too little history to group.
    public static let minimumActiveDays = 3
    public static let minimumWorkingDays = 10
}

/// What a developer's history says, the features the mixture groups on.
struct DeveloperHistory {
    var name: String
    var team: String
    var first: Int
    var last: Int
    var workingDays: Int
    var activeDays: Int
    var spend: Double
    var requests: Double
    var current: Bool
    /// Squared coefficient of variation of spend across the working days after the first.
    var dayCVSquared: Double

    /// Active days after the first, over working days after the first.
    var activeRate: Double { min(1, Double(activeDays - 1) / Double(max(workingDays, 1))) }
    var spendPerActiveDay: Double { spend / Double(max(activeDays, 1)) }
    var spendPerWorkingDay: Double { activeRate * spendPerActiveDay }

    var features: SIMD2<Double> {
        let r = min(max(activeRate, 0.02), 0.98)
        return SIMD2(Foundation.log(max(spendPerActiveDay, 1e-6)), Foundation.log(r / (1 - r)))
    }
}

extension OrgFit {
    /// Profile names by rising spend per working day.
    static func names(_ k: Int) -> [String] {
        switch k {
        case 1: ["typical"]
        case 2: ["light", "heavy"]
        case 3: ["light", "typical", "heavy"]
        case 4: ["light", "typical", "heavy", "power"]
        default: ["light", "typical", "heavy", "power"] + (5...max(k, 5)).map { "power-\($0 - 3)" }
        }
    }

    /// Fits profiles to `panel`.
    ///
    /// - Parameters:
    ///   - maxProfiles: the largest number of profiles BIC may choose.
    ///   - replicates: bootstrap replicates for the intervals.
    /// - Complexity: O(developers x k x EM iterations x (maxProfiles + replicates)).
    public static func fit(
        _ panel: OrgPanel, maxProfiles: Int = 5, replicates: Int = 100, seed: UInt64 = 42
    ) throws(FittingError) -> OrgFit {
        guard let first = panel.firstDay, let last = panel.lastDay else {
            throw .organisationPanelEmpty
        }
        // By name: the same panel in any row order gives the same fit (starts and bootstrap
        // draws index developers).
        let histories = panel.users.sorted { $0.name < $1.name }.map { u -> DeveloperHistory in
            let days = u.days.keys
            let a = days.min() ?? first, b = days.max() ?? first
            let current = b >= last - attritionGapDays
            let end = current ? last : b
            // The first active day is where the history starts, so it is not a draw of the
            // daily rate: rates count the days after it (otherwise every developer's rate is
            // biased up by one day in their history's length).
            var s1 = 0.0, s2 = 0.0, n = 0.0
            if end > a {
                for day in (a + 1)...end where OrgCalendar.isWorkingDay(day) {
                    let x = u.days[day]?.spend ?? 0
                    s1 += x
                    s2 += x * x
                    n += 1
                }
            }
            let mean = n > 0 ? s1 / n : 0
            let cv2 = n > 1 && mean > 0 ? max(0, (s2 - n * mean * mean) / (n - 1)) / (mean * mean) : 0
            return DeveloperHistory(
                name: u.name, team: u.mainTeam, first: a, last: b,
                workingDays: max(OrgCalendar.workingDays(a + 1, end), 1), activeDays: u.days.count,
                spend: OrgPanel.sum(u.days.mapValues(\.spend)), requests: OrgPanel.sum(u.days.mapValues(\.requests)),
                current: current, dayCVSquared: cv2)
        }
        let fitted = histories.filter { $0.activeDays >= minimumActiveDays && $0.workingDays >= minimumWorkingDays }
        guard fitted.count >= 10 else {
            throw .tooFewDevelopers(found: fitted.count, minimum: 10)
        }
        let points = fitted.map(\.features)
        let stream = RandomStream(seed: seed)
        // A component per 5 developers at least, so BIC is not asked about empty groups.
        let kMax = max(1, min(maxProfiles, fitted.count / 5))
        var bic: [Int: Double] = [:]
        var models: [Int: GaussianMixture] = [:]
        // The candidate profile counts on every core (each from its own substream).
        let candidates = ParallelReplicates.map(kMax) { i in
            GaussianMixture.fit(points, components: i + 1, stream: stream.substream(UInt64(i + 1)))
        }
        for (i, m) in candidates.enumerated() {
            models[i + 1] = m
            bic[i + 1] = m.bic(observations: points.count)
        }
        let k = bic.min { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }?.key ?? 1
        guard let chosen = models[k] else { throw .organisationPanelEmpty }
        // Order the components by spend per working day (mean log spend plus log rate), so
        // names and bootstrap replicates line up.
        let order = chosen.components.indices.sorted {
            score(chosen.components[$0]) < score(chosen.components[$1])
        }
        let mixture = GaussianMixture(
            components: order.map { chosen.components[$0] }, logLikelihood: chosen.logLikelihood,
            iterations: chosen.iterations)
        let assignment = histories.map { mixture.assign($0.features) }
        let full = ProfileStatistics(histories: histories, assignment: assignment, k: k)

        // Replicates on every core: each draws from its own substream and lands in its own slot,
        // so the intervals are the same on any core count.
        let boot = ParallelReplicates.map(replicates) { r -> [ProfileStatistics.Row] in
            var rng = stream.substream(1000 + UInt64(r))
            let sample = (0..<fitted.count).map { _ in fitted[Int(rng.uniform() * Double(fitted.count)) % fitted.count] }
            let refit = GaussianMixture.em(sample.map(\.features), start: mixture.components, maxIterations: 100)
            let a = sample.map { refit.assign($0.features) }
            return ProfileStatistics(histories: sample, assignment: a, k: k).rows
        }
        func estimate(_ p: Int, _ f: (ProfileStatistics.Row) -> Double) -> OrgEstimate {
            let xs = boot.map { f($0[p]) }.filter(\.isFinite).sorted()
            let v = f(full.rows[p])
            guard !xs.isEmpty else { return OrgEstimate(value: v, low: v, high: v) }
            return OrgEstimate(value: v, low: Stats.quantile(sorted: xs, 0.05), high: Stats.quantile(sorted: xs, 0.95))
        }
        let names = Self.names(k)
        let profiles = (0..<k).map { p in
            let row = full.rows[p]
            return OrgProfile(
                name: names[p], developers: row.developers, headCount: row.headCount,
                share: estimate(p) { $0.share }, activeDayProbability: estimate(p) { $0.activeDayProbability },
                spendPerActiveDay: estimate(p) { $0.spendPerActiveDay },
                requestsPerActiveDay: estimate(p) { $0.requestsPerActiveDay },
                spendPerWorkingDay: estimate(p) { $0.spendPerWorkingDay }, developerCV: row.developerCV,
                dayCV: row.dayCV, teams: row.teams)
        }

        var adoption: [String: Int] = [:]
        var leavers: [String: Int] = [:]
        var activeMonths = 0
        for h in histories {
            adoption[OrgCalendar.month(h.first), default: 0] += 1
            if !h.current { leavers[OrgCalendar.month(h.last), default: 0] += 1 }
            // Months counted as numbers (a year of days each for 10,000 developers: a string per
            // day was a tenth of the fit).
            let a = OrgCalendar.civil(h.first), b = OrgCalendar.civil(h.current ? last : h.last)
            activeMonths += max((b.year * 12 + b.month) - (a.year * 12 + a.month) + 1, 0)
        }
        var weekday = [Double](repeating: 0, count: 7)
        for u in panel.users { for d in u.days.keys { weekday[OrgCalendar.weekday(d)] += 1 } }
        let activeUserDays = max(weekday.reduce(0, +), 1)
        var months: [String] = []
        var d = OrgCalendar.startOfMonth(first)
        while d <= last {
            months.append(OrgCalendar.month(d))
            d = OrgCalendar.startOfNextMonth(d)
        }
        let mix = panel.teamModelSpend.mapValues { models in
            let total = OrgPanel.sum(models)
            return total > 0 ? models.mapValues { $0 / total } : models
        }
        var notes: [String] = []
        if fitted.count < histories.count {
            notes.append(
                "\(histories.count - fitted.count) developers with fewer than \(minimumActiveDays) active days or \(minimumWorkingDays) working days of history are assigned to the nearest profile, not used to find the profiles"
            )
        }
        return OrgFit(
            firstDay: isoDay(first), lastDay: isoDay(last), months: months, developers: histories.count,
            developersFitted: fitted.count, profiles: profiles, bic: bic, replicates: replicates, adoption: adoption,
            leavers: leavers,
            monthlyAttrition: Double(leavers.values.reduce(0, +)) / Double(max(activeMonths, 1)),
            weekdayShare: weekday.map { $0 / activeUserDays }, teamMix: mix, notes: notes)
    }

    private static func score(_ c: GaussianMixture.Component) -> Double {
        // log spend per active day + log(active rate): the log of spend per working day.
        let rate = 1 / (1 + Foundation.exp(-c.mean.y))
        return c.mean.x + Foundation.log(rate)
    }

    static func isoDay(_ d: Int) -> String {
        let c = OrgCalendar.civil(d)
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }
}

/// Per-profile figures from developers and their assignment, pooled over developers (sums of
/// days and dollars, so a developer counts by their history's length).
struct ProfileStatistics {
    struct Row {
        var developers = 0
        var headCount = 0
        var share = 0.0
        var activeDayProbability = Double.nan
        var spendPerActiveDay = Double.nan
        var requestsPerActiveDay = Double.nan
        var spendPerWorkingDay = Double.nan
        var developerCV = 0.0
        var dayCV = 0.0
        var teams: [String: Int] = [:]
    }

    var rows: [Row]

    init(histories: [DeveloperHistory], assignment: [Int], k: Int) {
        var rows = [Row](repeating: Row(), count: k)
        var active = [Double](repeating: 0, count: k), working = [Double](repeating: 0, count: k)
        var rateDays = [Double](repeating: 0, count: k)
        var spend = [Double](repeating: 0, count: k), requests = [Double](repeating: 0, count: k)
        var perDay = [[Double]](repeating: [], count: k)
        var cv2 = [Double](repeating: 0, count: k)
        for (h, p) in zip(histories, assignment) {
            rows[p].developers += 1
            if h.current {
                rows[p].headCount += 1
                rows[p].teams[h.team, default: 0] += 1
            }
            active[p] += Double(h.activeDays)
            rateDays[p] += Double(h.activeDays - 1)
            working[p] += Double(h.workingDays)
            spend[p] += h.spend
            requests[p] += h.requests
            perDay[p].append(h.spendPerWorkingDay)
            cv2[p] += h.dayCVSquared * Double(h.workingDays)
        }
        for p in 0..<k {
            rows[p].share = Double(rows[p].developers) / Double(max(histories.count, 1))
            guard rows[p].developers > 0 else { continue }
            rows[p].activeDayProbability = min(1, rateDays[p] / max(working[p], 1))
            rows[p].spendPerActiveDay = spend[p] / max(active[p], 1)
            rows[p].requestsPerActiveDay = requests[p] / max(active[p], 1)
            rows[p].spendPerWorkingDay = rows[p].activeDayProbability * rows[p].spendPerActiveDay
            rows[p].dayCV = (cv2[p] / max(working[p], 1)).squareRoot()
            let m = Stats.mean(perDay[p])
            rows[p].developerCV =
                perDay[p].count > 1 && m > 0
                ? (Stats.variance(perDay[p]) * Double(perDay[p].count) / Double(perDay[p].count - 1)).squareRoot() / m : 0
        }
        self.rows = rows
    }
}
