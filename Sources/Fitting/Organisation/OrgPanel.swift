import Foundation

/// An organisation's usage by user and day: the rows of the store's organisation panel (or of a
/// CSV export), summed over models per user-day, with each team's spend by model beside.
///
/// Rows may come in any order and more than once per user-day-model (they add). Memory stays at
/// one entry per active user-day, so a year of 10,000 developers is a few million entries.
public struct OrgPanel: Sendable {
    /// A day as whole days since 1970-01-01 (UTC).
    public typealias Day = Int

    struct UserDay: Sendable {
        var spend = 0.0
        var requests = 0.0
    }

    struct User: Sendable {
        var name: String
        var teamSpend: [String: Double] = [:]
        var days: [Day: UserDay] = [:]
    }

    var users: [User] = []
    var index: [String: Int] = [:]
    /// Spend per team, model and month (keyed by the month's first day), so a backtest's
    /// training part sees only its own months' model mix.
    var teamModelMonthly: [String: [String: [Day: Double]]] = [:]
    public private(set) var firstDay: Day?
    public private(set) var lastDay: Day?
    public private(set) var rows = 0

    public init() {}

    public var userCount: Int { users.count }

    /// Adds one row. Zero-spend rows with requests still mark the day active.
    public mutating func add(user: String, team: String, day: Day, model: String, requests: Double, spend: Double) {
        rows += 1
        let u: Int
        if let i = index[user] {
            u = i
        } else {
            u = users.count
            index[user] = u
            users.append(User(name: user))
        }
        users[u].teamSpend[team, default: 0] += spend
        users[u].days[day, default: UserDay()].spend += spend
        users[u].days[day, default: UserDay()].requests += requests
        teamModelMonthly[team, default: [:]][model, default: [:]][OrgCalendar.startOfMonth(day), default: 0] += spend
        firstDay = min(firstDay ?? day, day)
        lastDay = max(lastDay ?? day, day)
    }

    /// The panel restricted to days before `day` (for backtests).
    public func before(_ day: Day) -> OrgPanel {
        var out = OrgPanel()
        for user in users {
            // Sorted days: sums then add in one order on every run (Swift's dictionaries
            // iterate in a per-process order).
            for (d, v) in user.days.sorted(by: { $0.key < $1.key }) where d < day {
                // The team of each user-day is not kept per day; the user's main team stands in.
                out.add(user: user.name, team: user.mainTeam, day: d, model: "", requests: v.requests, spend: v.spend)
            }
        }
        let cut = OrgCalendar.startOfMonth(day)
        out.teamModelMonthly = teamModelMonthly.mapValues { models in
            models.mapValues { months in months.filter { $0.key < cut } }
        }
        return out
    }

    /// Spend per team and model over the panel.
    public var teamModelSpend: [String: [String: Double]] {
        teamModelMonthly.mapValues { models in models.mapValues { OrgPanel.sum($0) }.filter { $0.value > 0 } }
    }

    /// Total spend per day, whole organisation or one team (users by main team).
    public func dailySpend(team: String? = nil) -> [Day: Double] {
        var out: [Day: Double] = [:]
        for user in users where team == nil || user.mainTeam == team {
            for (d, v) in user.days { out[d, default: 0] += v.spend }
        }
        return out
    }

    /// The sum of a dictionary's values in key order, so that it is the same on every run.
    static func sum<K: Comparable>(_ values: [K: Double]) -> Double {
        values.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
    }

    /// Teams by name, each with its users (by main team).
    public var teams: [String] { Array(Set(users.map(\.mainTeam))).sorted() }
}

extension OrgPanel.User {
    /// The team the user spent most in (ties: the first name in order).
    var mainTeam: String {
        teamSpend.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }?.key ?? ""
    }
}

/// Calendar arithmetic on ``OrgPanel/Day`` numbers, in UTC.
public enum OrgCalendar {
    /// 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
    public static func weekday(_ day: OrgPanel.Day) -> Int { ((day % 7) + 7 + 3) % 7 }

    public static func isWorkingDay(_ day: OrgPanel.Day) -> Bool { weekday(day) < 5 }

    /// Monday-to-Friday days in `first...last`.
    public static func workingDays(_ first: OrgPanel.Day, _ last: OrgPanel.Day) -> Int {
        guard last >= first else { return 0 }
        var n = 0
        for d in first...last where isWorkingDay(d) { n += 1 }
        return n
    }

    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? .current
        return c
    }()

    public static func date(_ day: OrgPanel.Day) -> Date { Date(timeIntervalSince1970: Double(day) * 86_400) }

    public static func day(_ date: Date) -> OrgPanel.Day { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// `YYYY-MM-DD` to a day; nil when it is not a date. Read byte by byte: a year of a large
    /// organisation's panel is millions of rows, and a `Calendar` per row was a sixth of `fit org`.
    public static func day(iso: String) -> OrgPanel.Day? {
        var text = iso
        return text.withUTF8 { b -> OrgPanel.Day? in
            guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var n = 0
                for i in range {
                    let c = b[i]
                    guard c >= 48 && c <= 57 else { return nil }
                    n = n * 10 + Int(c - 48)
                }
                return n
            }
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m),
                d >= 1, d <= daysIn(month: m, year: y)
            else { return nil }
            return daysFromCivil(y, m, d)
        }
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
    static func daysFromCivil(_ year: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Year, month and day of a day (Hinnant's `civil_from_days`).
    static func civil(_ day: OrgPanel.Day) -> (year: Int, month: Int, day: Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `YYYY-MM` of a day.
    public static func month(_ day: OrgPanel.Day) -> String {
        let c = civil(day)
        return String(format: "%04d-%02d", c.year, c.month)
    }

    /// The first day of the month after `day`'s.
    public static func startOfNextMonth(_ day: OrgPanel.Day) -> OrgPanel.Day {
        let c = civil(day)
        return c.month == 12 ? daysFromCivil(c.year + 1, 1, 1) : daysFromCivil(c.year, c.month + 1, 1)
    }

    /// The first day of `day`'s month.
    public static func startOfMonth(_ day: OrgPanel.Day) -> OrgPanel.Day {
        let c = civil(day)
        return daysFromCivil(c.year, c.month, 1)
    }
}
