import Foundation

/// The months of a forecast and the working days in each.
public struct WorkCalendar: Sendable, Hashable {
    /// Month labels, `YYYY-MM`.
    public var months: [String]
    /// Working days in each month.
    public var workingDays: [Int]

    public init(months: [String], workingDays: [Int]) {
        precondition(months.count == workingDays.count, "one working-day count per month")
        self.months = months
        self.workingDays = workingDays
    }

    public var totalWorkingDays: Int { workingDays.reduce(0, +) }

    /// `count` months from `start` (year, month), with `workingDaysPerYear` spread over them in
    /// proportion to each month's weekdays (largest-remainder rounding, so the total is exact
    /// for a 12-month horizon and pro rata for others).
    public static func spreading(
        workingDaysPerYear: Int, startYear: Int, startMonth: Int, count: Int = 12
    ) -> WorkCalendar {
        var labels: [String] = []
        var weekdays: [Int] = []
        var y = startYear, m = startMonth
        for _ in 0..<count {
            labels.append(String(format: "%04d-%02d", y, m))
            weekdays.append(weekdayCount(year: y, month: m))
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        let totalWeekdays = weekdays.reduce(0, +)
        let target = Double(workingDaysPerYear) * Double(count) / 12
        let exact = weekdays.map { Double($0) / Double(max(totalWeekdays, 1)) * target }
        var days = exact.map { Int($0.rounded(.down)) }
        var short = Int(target.rounded()) - days.reduce(0, +)
        // Largest remainders first; ties to the earlier month, so the split is reproducible.
        let order = exact.indices.sorted { (exact[$0] - Double(days[$0])) > (exact[$1] - Double(days[$1])) }
        var k = 0
        while short > 0 && !order.isEmpty {
            days[order[k % order.count]] += 1
            short -= 1
            k += 1
        }
        return WorkCalendar(months: labels, workingDays: days)
    }

    /// Monday-to-Friday days in a month of the proleptic Gregorian calendar.
    static func weekdayCount(year: Int, month: Int) -> Int {
        let lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var dow = dayOfWeek(year: year, month: month, day: 1)  // 0 = Sunday
        var count = 0
        for _ in 0..<lengths[month - 1] {
            if dow != 0 && dow != 6 { count += 1 }
            dow = (dow + 1) % 7
        }
        return count
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    /// Sakamoto's method; 0 = Sunday.
    static func dayOfWeek(year: Int, month: Int, day: Int) -> Int {
        let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + t[month - 1] + day) % 7
    }
}
