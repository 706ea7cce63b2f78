import Foundation
import NumericalMethods

/// Threads per developer per working day.
///
/// **Working days.** Logs record days with threads, not days worked. A developer's working days
/// are taken to be every Monday-to-Friday (UTC) from the first to the last day of the data
/// window, plus any weekend day on which they started a thread; a weekday without threads
/// counts as a working day with zero threads. Holidays and leave therefore count as zero days,
/// which biases the mean down a little (documented in docs/fitting.md).
public struct DemandFit: Sendable, Hashable, Codable {
    /// Mean threads per developer-day (pooled).
    public var meanPerDay: Double
    /// Negative-binomial size r of the day counts (variance = mean + mean²/r); nil for Poisson.
    public var dayDispersion: Double?
    /// Coefficient of variation of developers' own means, by the method of moments (the spread
    /// of their means less what Poisson-gamma day noise alone would give); 0 when not larger.
    public var developerCV: Double
    public var developerDays: Int
    /// Mean threads per working day of each developer.
    public var perDeveloper: [String: Double]
    /// Days observed per developer.
    public var daysPerDeveloper: [String: Int]

    enum CodingKeys: String, CodingKey {
        case meanPerDay = "mean_per_day", dayDispersion = "day_dispersion", developerCV = "developer_cv"
        case developerDays = "developer_days", perDeveloper = "per_developer", daysPerDeveloper = "days_per_developer"
    }

    /// Day counts per developer over the window.
    static func dayCounts(_ threads: [ThreadObservation], since: Date?, until: Date?) -> [String: [Double]] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let dated = threads.compactMap { t in t.startedAt.map { (t.developer, calendar.startOfDay(for: $0)) } }
        guard let first = since.map({ calendar.startOfDay(for: $0) }) ?? dated.map(\.1).min(),
            let lastData = dated.map(\.1).max()
        else { return [:] }
        // `until` is exclusive: the last day is the day before it.
        let last = until.map { calendar.startOfDay(for: $0.addingTimeInterval(-1)) } ?? lastData
        var perDay: [String: [Date: Double]] = [:]
        for (developer, day) in dated { perDay[developer, default: [:]][day, default: 0] += 1 }
        var result: [String: [Double]] = [:]
        for (developer, days) in perDay {
            var counts: [Double] = []
            var day = first
            while day <= last {
                let weekday = calendar.component(.weekday, from: day)  // 1 = Sunday, 7 = Saturday
                if let c = days[day] {
                    counts.append(c)
                } else if weekday != 1 && weekday != 7 {
                    counts.append(0)
                }
                guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
                day = next
            }
            result[developer] = counts
        }
        return result
    }

    /// Fits the pooled negative binomial to the day counts of every developer.
    static func fit(_ counts: [String: [Double]]) -> DemandFit? {
        let all = counts.keys.sorted().flatMap { counts[$0] ?? [] }
        guard !all.isEmpty else { return nil }
        let m = Stats.mean(all)
        var dispersion: Double?
        if m > 0, Stats.variance(all) > m {
            // Profile likelihood in r, as for turns (no shift: days can have zero threads).
            let h = CountFit.Histogram(all.map { $0 + 1 })
            if let f = CountFit.fit("negative_binomial", h), let r = f.law.parameters["r"], r < 1e4 { dispersion = r }
        }
        let means = counts.mapValues { Stats.mean($0) }
        var cv = 0.0
        if means.count >= 2, m > 0 {
            let values = means.keys.sorted().map { means[$0] ?? 0 }
            let days = means.keys.sorted().map { Double(counts[$0]?.count ?? 1) }
            // Expected sampling variance of one developer's mean: (m + m²/r) / days.
            let dayVariance = m + (dispersion.map { m * m / $0 } ?? 0)
            let noise = Stats.mean(days.map { dayVariance / $0 })
            cv = max(Stats.variance(values) * Double(values.count) / Double(values.count - 1) - noise, 0).squareRoot() / m
        }
        return DemandFit(
            meanPerDay: m, dayDispersion: dispersion, developerCV: cv, developerDays: all.count,
            perDeveloper: means, daysPerDeveloper: counts.mapValues(\.count))
    }
}
