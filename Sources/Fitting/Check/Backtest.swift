import Distributions
import Foundation
import NumericalMethods
import Pricing
import Simulation
import ThreadStore

/// Fits on the logs before a date and forecasts each developer's spend over the days after it,
/// then compares with what was actually spent.
///
/// **Design.** Every model with enough training threads is fitted (with bootstrap replicates,
/// which each forecast trial draws from). Threads per working day are fitted *per developer*
/// (their own mean over their training days) with the day-to-day dispersion *pooled* over
/// developers; the uncertainty of a developer's own mean (its sampling variance over the
/// training days) enters as a gamma spread. Each logged thread is one attempt, so the forecast
/// simulates one attempt per thread at the models' training mix. Spend is priced at catalog
/// base prices on both sides. Threads of models that were not fitted, and of developers not seen
/// in training, are left out of both sides and counted.
public struct Backtest: Sendable {
    public struct Row: Sendable, Hashable, Codable {
        public var developer: String
        public var trainingDays: Int
        public var threadsPerDay: Double
        public var p10: Double
        public var p50: Double
        public var p90: Double
        public var actual: Double
        public var actualThreads: Int
        public var inside: Bool

        enum CodingKeys: String, CodingKey {
            case developer, p10, p50, p90, actual, inside
            case trainingDays = "training_days", threadsPerDay = "threads_per_day", actualThreads = "actual_threads"
        }
    }

    public struct Report: Sendable, Codable {
        public var trainUntil: Date
        public var horizonDays: Int
        public var horizonWorkingDays: Int
        public var models: [String]
        public var mix: [Double]
        public var developers: [Row]
        public var total: Row
        /// Share of developers whose actual spend is within P10–P90.
        public var coverage: Double
        public var excludedThreads: Int
        public var trials: Int
        public var seed: UInt64

        enum CodingKeys: String, CodingKey {
            case models, mix, developers, total, coverage, trials, seed
            case trainUntil = "train_until", horizonDays = "horizon_days", horizonWorkingDays = "horizon_working_days"
            case excludedThreads = "excluded_threads"
        }
    }

    public var trainUntil: Date
    public var horizonDays: Int
    public var since: Date?
    public var bootstrap = 100
    public var trials = 2_000
    public var seed: UInt64 = 1
    public var catalog: PriceCatalog = .builtIn

    public init(trainUntil: Date, horizonDays: Int, since: Date? = nil) {
        self.trainUntil = trainUntil
        self.horizonDays = horizonDays
        self.since = since
    }

    /// Weekdays (UTC) in `start ..< start + days`.
    static func weekdays(from start: Date, days: Int) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var count = 0
        for d in 0..<days {
            let w = calendar.component(.weekday, from: start.addingTimeInterval(Double(d) * 86_400))
            if w != 1 && w != 7 { count += 1 }
        }
        return count
    }

    public func run(store: ThreadStore) throws -> Report {
        let horizonEnd = trainUntil.addingTimeInterval(Double(horizonDays) * 86_400)
        let options = BehaviourFitter.Options(
            bootstrap: bootstrap, goodnessReplicates: 0, seed: seed, since: since, until: trainUntil, catalog: nil)
        let candidates = try BehaviourFitter.models(in: store, since: since, until: trainUntil)
        guard !candidates.isEmpty else { throw FittingError.emptyStore(path: store.path ?? "(in memory)") }
        let fitter = BehaviourFitter(options: options)
        var models: [PricedModel] = [], replicates: [[ThreadBehaviour]] = [], names: [String] = [], counts: [Double] = []
        var training: [ThreadObservation] = []
        for (name, n) in candidates where n >= options.minimumThreads {
            guard let price = try? catalog.price(of: name) else { continue }
            let fit = try fitter.fit(model: name, in: store)
            var flat = price
            flat.tiers = []
            // One attempt per logged thread: rates decide nothing when only one attempt is allowed.
            let behaviour = try fit.estimate.behaviour(oneShot: 1, offTheRails: 0, maxAttempts: 1)
            models.append(PricedModel(name: name, price: flat, behaviour: behaviour))
            let kernel = try fit.estimate.kernelCopula?.copula()
            replicates.append(
                fit.replicates.compactMap { try? $0.behaviour(oneShot: 1, offTheRails: 0, maxAttempts: 1, kernel: kernel) })
            names.append(name)
            counts.append(Double(n))
            training += try ThreadObservations.derive(
                store.threads(model: name, since: since, until: trainUntil).filter { $0.turns > 0 }, requestsOf: { _ in [] })
        }
        guard !models.isEmpty else {
            throw FittingError.tooFewThreads(
                model: candidates[0].model, count: candidates[0].threads, needed: options.minimumThreads)
        }
        let total = counts.reduce(0, +)
        let mix = counts.map { $0 / total }
        let days = DemandFit.dayCounts(training, since: since, until: trainUntil)
        guard let pooled = DemandFit.fit(days) else { throw FittingError.noDatedTrainingThreads }
        let working = Self.weekdays(from: trainUntil, days: horizonDays)
        let calendar = WorkCalendar(months: ["horizon"], workingDays: [working])

        // Actual spend per developer in the horizon, fitted models only.
        var actual: [String: (cost: CompensatedSum, threads: Int)] = [:]
        var excluded = 0
        for t in try store.threads(since: trainUntil, until: horizonEnd) where t.turns > 0 {
            let developer = t.developer ?? "unknown"
            guard let i = names.firstIndex(where: { $0 == t.model }), days[developer] != nil else { excluded += 1; continue }
            var entry = actual[developer] ?? (CompensatedSum(), 0)
            entry.cost.add(FitCheck.cost(t.tokens, models[i].price))
            entry.threads += 1
            actual[developer] = entry
        }

        func forecast(mean: Double, dispersion: Double?, meanVariance: Double, seed: UInt64) throws -> SpendSummary {
            let cv = mean > 0 ? meanVariance.squareRoot() / mean : 0
            var spec = DeveloperForecastSpec(
                models: models, mix: mix, demand: ThreadDemand(meanPerDay: mean, dayDispersion: dispersion, developerCV: cv),
                calendar: calendar, trials: trials, seed: seed)
            spec.behaviourReplicates = replicates
            return try DeveloperForecaster.run(spec).annual
        }
        var rows: [Row] = []
        var sumMean = 0.0, sumVariance = 0.0
        let dayVariance = { (m: Double) in m + (pooled.dayDispersion.map { m * m / $0 } ?? 0) }
        for (index, developer) in days.keys.sorted().enumerated() {
            let counts = days[developer] ?? []
            let m = Stats.mean(counts)
            let variance = dayVariance(m) / Double(max(counts.count, 1))
            sumMean += m
            sumVariance += variance
            let s = try forecast(mean: m, dispersion: pooled.dayDispersion, meanVariance: variance, seed: seed &+ UInt64(index))
            let a = actual[developer]?.cost.value ?? 0
            rows.append(
                Row(
                    developer: developer, trainingDays: counts.count, threadsPerDay: m, p10: s.p10, p50: s.p50, p90: s.p90,
                    actual: a, actualThreads: actual[developer]?.threads ?? 0, inside: a >= s.p10 && a <= s.p90))
        }
        // The team total: a sum of independent negative binomials with a common p is one with
        // the sizes added, so the pooled dispersion scales with the number of developers.
        let teamDispersion = pooled.dayDispersion.map { $0 * Double(rows.count) }
        let t = try forecast(mean: sumMean, dispersion: teamDispersion, meanVariance: sumVariance, seed: seed &+ 0x7074)
        let actualTotal = CompensatedSum(rows.map(\.actual)).value
        let totalRow = Row(
            developer: "total", trainingDays: rows.map(\.trainingDays).max() ?? 0, threadsPerDay: sumMean, p10: t.p10, p50: t.p50,
            p90: t.p90, actual: actualTotal, actualThreads: rows.map(\.actualThreads).reduce(0, +),
            inside: actualTotal >= t.p10 && actualTotal <= t.p90)
        let coverage = rows.isEmpty ? .nan : Double(rows.filter(\.inside).count) / Double(rows.count)
        return Report(
            trainUntil: trainUntil, horizonDays: horizonDays, horizonWorkingDays: working, models: names, mix: mix,
            developers: rows, total: totalRow, coverage: coverage, excludedThreads: excluded, trials: trials, seed: seed)
    }
}
