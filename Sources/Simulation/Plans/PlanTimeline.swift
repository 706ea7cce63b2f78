import Pricing

/// When a developer works: the hours of the day in which threads start.
///
/// The time-of-day model of the plan comparison: a working day's threads start independently
/// and uniformly within `[startHour, startHour + span)`, where the span is `hours`, stretched
/// when the day's threads laid end to end at the models' median duration would not fit
/// (a heavy day runs into the evening), and never past 19 hours, so that the last 5-hour
/// window of a day closes before the next day starts. Threads are then taken in time order.
public struct Workday: Sendable, Hashable {
    /// Hour of the day (0-24) the working window opens, e.g. 9 for 09:00.
    public var startHour: Double
    /// Length of the working window, hours.
    public var hours: Double

    /// The longest span a day's threads are spread over: a day plus a 5-hour window fits in 24 h.
    public static let maxSpanHours = 24 - Plan.windowHours

    public init(startHour: Double = 9, hours: Double = 9) {
        self.startHour = startHour
        self.hours = hours
    }

    /// The hours a day with `threads` threads of `minutesEach` median minutes spreads over.
    @inline(__always)
    public func span(threads: Int, minutesEach: Double) -> Double {
        min(Self.maxSpanHours, max(hours, Double(threads) * minutesEach / 60))
    }
}

/// The working days of a comparison's period laid out on the hour axis that
/// ``Pricing/Plan/evaluate(startHours:costsUSD:tokens:periodHours:onFiveHourLimit:onThread:)`` uses:
/// hour 0 is a Monday 00:00, months are 730 hours.
///
/// The period is the calendar's months x 730 hours. Its days are numbered from 0 (a Monday);
/// the calendar's working days are spread evenly over the Monday-to-Friday days of the period
/// (a year of 230 working days leaves out every ninth weekday or so, standing for holidays and
/// leave), or over every day when there are more working days than weekdays.
public struct PlanTimeline: Sendable, Hashable {
    public let months: Int
    public let periodHours: Double
    /// Start hour (midnight) of each working day, ascending.
    public let dayStarts: [Double]
    /// For each month of the period, the range of `dayStarts` indices that fall in it.
    public let monthDays: [Range<Int>]
    /// Weeks of the period that contain a working day (the denominator of P(weekly limit hit)).
    public let weeksWithWork: Int

    public init(months: Int, workingDays: Int) {
        self.months = max(months, 1)
        periodHours = Double(self.months) * Plan.hoursPerMonth
        let days = Int((periodHours / 24).rounded(.down))
        let weekdays = (0..<days).filter { $0 % 7 < 5 }
        let candidates = workingDays <= weekdays.count ? weekdays : Array(0..<days)
        let chosen = Self.spread(workingDays, over: candidates)
        dayStarts = chosen.map { Double($0) * 24 }
        var ranges: [Range<Int>] = []
        var i = 0
        for m in 0..<self.months {
            let end = Double(m + 1) * Plan.hoursPerMonth
            let lo = i
            while i < dayStarts.count && dayStarts[i] < end { i += 1 }
            ranges.append(lo..<i)
        }
        monthDays = ranges
        weeksWithWork = Set(chosen.map { $0 / 7 }).count
    }

    /// A timeline whose month `m` has `workingDaysPerMonth[m]` working days (a team calendar):
    /// each month's days are spread evenly over the weekdays that lie wholly inside its 730
    /// hours (30 days; 21 or 22 weekdays), or over all of them when there are more working days
    /// than weekdays; a month asking for more than its 30 whole days gets 30.
    public init(workingDaysPerMonth: [Int]) {
        months = max(workingDaysPerMonth.count, 1)
        periodHours = Double(months) * Plan.hoursPerMonth
        var starts: [Double] = []
        var ranges: [Range<Int>] = []
        for m in 0..<months {
            // Whole days inside the month's hours: a day's threads and their windows stay in
            // the month they are counted in.
            let first = Int((Double(m) * Plan.hoursPerMonth / 24).rounded(.up))
            let end = Int((Double(m + 1) * Plan.hoursPerMonth / 24).rounded(.down))
            let all = Array(first..<end)
            let weekdays = all.filter { $0 % 7 < 5 }
            let wanted = m < workingDaysPerMonth.count ? workingDaysPerMonth[m] : 0
            let candidates = wanted <= weekdays.count ? weekdays : all
            let lo = starts.count
            starts += Self.spread(wanted, over: candidates).map { Double($0) * 24 }
            ranges.append(lo..<starts.count)
        }
        dayStarts = starts
        monthDays = ranges
        weeksWithWork = Set(starts.map { Int($0 / Plan.hoursPerWeek) }).count
    }

    /// `wanted` of `candidates`, evenly spread: candidate j is taken when floor((j+1)W/K) passes
    /// an integer.
    static func spread(_ wanted: Int, over candidates: [Int]) -> [Int] {
        let k = candidates.count, w = min(wanted, k)
        guard k > 0 else { return [] }
        return (0..<k).filter { ((($0 + 1) * w) / k) > (($0 * w) / k) }.map { candidates[$0] }
    }

    public var workingDays: Int { dayStarts.count }
}
