import Fitting
import Foundation
import NumericalMethods
import Pricing
import Scenario
import Simulation

/// `tokencast backtest org`: fit on the panel's first months, forecast the rest with the
/// scenario `fit org` would write, and compare each month's actual spend with the forecast's
/// P10-P90 band, per team and in total.
///
/// Only whole months are compared: a partial last month would look like a drop in spend.
public struct OrgBacktest: Sendable {
    public struct Month: Sendable, Hashable {
        public var month: String
        public var p10: Double
        public var p50: Double
        public var p90: Double
        public var actual: Double
        public var inside: Bool { actual >= p10 && actual <= p90 }
        /// (P50 - actual) / actual; 0 when both are 0.
        public var p50Error: Double { actual > 0 ? (p50 - actual) / actual : (p50 > 0 ? .infinity : 0) }
    }

    public struct Series: Sendable {
        public var team: String
        public var months: [Month]
        /// Share of months inside P10-P90.
        public var coverage: Double {
            months.isEmpty ? 0 : Double(months.filter(\.inside).count) / Double(months.count)
        }
        /// Mean absolute relative error of the P50.
        public var meanAbsoluteP50Error: Double {
            let e = months.map { abs($0.p50Error) }.filter(\.isFinite)
            return e.isEmpty ? 0 : Stats.mean(e)
        }
    }

    public var trainMonths: [String]
    public var testMonths: [String]
    public var teams: [Series]
    public var total: Series
    public var fit: OrgFit
    public var notes: [String]

    /// - Parameters:
    ///   - trainMonths: the number of leading months to fit on.
    /// - Complexity: one `fit org` and one forecast of the test months.
    public init(
        panel: OrgPanel, trainMonths k: Int, trials: Int = 1000, replicates: Int = 30, seed: UInt64 = 42,
        catalog: PriceCatalog = .builtIn
    ) throws {
        guard let first = panel.firstDay, let last = panel.lastDay else { throw FittingError.organisationPanelEmpty }
        // Month starts, and whether each month is whole in the panel.
        var starts: [Int] = []
        var d = OrgCalendar.startOfMonth(first)
        while d <= last {
            starts.append(d)
            d = OrgCalendar.startOfNextMonth(d)
        }
        var whole = starts.count
        if OrgCalendar.startOfNextMonth(last) != last + 1 { whole -= 1 }
        guard k >= 1, k < whole else { throw FittingError.backtestMonths(months: whole, train: k) }
        let cutoff = starts[k]
        let training = panel.before(cutoff)
        let fit = try OrgFit.fit(training, replicates: replicates, seed: seed)
        let test = Array(starts[k..<whole])
        var options = OrgScenario.Options(start: OrgCalendar.month(cutoff))
        options.months = test.count
        options.trials = trials
        options.seed = seed
        let written = try OrgScenario(fit: fit, name: "backtest", options: options, catalog: catalog)
        let scenario = try ScenarioLoader.parse(written.text, file: "backtest-org.yaml", catalog: catalog, fits: nil)
        let forecast = try TeamForecaster.run(scenario.teamSpec())

        func actuals(team: String?) -> [Double] {
            let daily = panel.dailySpend(team: team)
            return test.map { start in
                let end = OrgCalendar.startOfNextMonth(start)
                return daily.filter { $0.key >= start && $0.key < end }.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
            }
        }
        func series(_ team: String, perTrial: (Int) -> [Double], actual: [Double]) -> Series {
            Series(
                team: team,
                months: test.indices.map { m in
                    let sorted = perTrial(m).sorted()
                    return Month(
                        month: OrgCalendar.month(test[m]), p10: Stats.quantile(sorted: sorted, 0.1),
                        p50: Stats.quantile(sorted: sorted, 0.5), p90: Stats.quantile(sorted: sorted, 0.9), actual: actual[m])
                })
        }
        let teamNames = Array(Set(written.teamOfProfile.values)).sorted()
        teams = teamNames.map { team in
            let profiles = forecast.profiles.indices.filter { written.teamOfProfile[forecast.profiles[$0]] == team }
            return series(
                team,
                perTrial: { m in
                    var sum = [Double](repeating: 0, count: forecast.trials)
                    for p in profiles {
                        for (t, x) in forecast.profileMonthly(p, month: m).enumerated() { sum[t] += x }
                    }
                    return sum
                }, actual: actuals(team: team == "all" ? nil : team))
        }
        total = series("total", perTrial: { forecast.teamMonth($0) }, actual: actuals(team: nil))
        trainMonths = starts[0..<k].map { OrgCalendar.month($0) }
        testMonths = test.map { OrgCalendar.month($0) }
        self.fit = fit
        var notes = written.notes
        if whole < starts.count { notes.append("\(OrgCalendar.month(starts[whole])) is not whole in the panel and is left out") }
        notes.append(
            "the forecast holds the developers active at the end of training; new developers after it are not in it (see adoption in fit org)"
        )
        self.notes = notes
    }
}
