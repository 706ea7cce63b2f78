// Tests: OrgBacktest.swift
import Composition
import Fitting
import SyntheticData
import Testing

@Suite struct OrgBacktestTests {
    /// Smaller spends than OrgFitTests' profiles: fewer simulated threads, the same shapes.
    static let profiles: [SyntheticOrganisation.Profile] = [
        .init(share: 0.5, activeDayProbability: 0.35, spendPerActiveDay: 2),
        .init(share: 0.35, activeDayProbability: 0.7, spendPerActiveDay: 8),
        .init(share: 0.15, activeDayProbability: 0.9, spendPerActiveDay: 30),
    ]

    static func org(drift: Double, days: Int = 365) -> OrgPanel {
        var org = SyntheticOrganisation(profiles: profiles, developers: 80, firstDay: OrgFitTests.monday - 4, days: days)
        org.monthlyDrift = drift
        org.seed = 5
        return OrgFitTests.panel(org)
    }

    @Test func coverageIsNearNominalOnDataWithoutDrift() throws {
        let b = try OrgBacktest(panel: Self.org(drift: 0), trainMonths: 6, trials: 200, replicates: 5, seed: 3)
        #expect(b.testMonths.count == 6)
        let cells = (b.teams + [b.total]).flatMap(\.months)
        let coverage = Double(cells.filter(\.inside).count) / Double(cells.count)
        // Nominal 80 %: 18 team-months, so anything from about 60 % is consistent with it.
        #expect(coverage >= 0.6, "coverage \(coverage): \(cells)")
        #expect(b.total.meanAbsoluteP50Error < 0.15, "\(b.total.months)")
    }

    @Test func aDriftTheModelLacksFailsVisibly() throws {
        let b = try OrgBacktest(panel: Self.org(drift: 0.12), trainMonths: 6, trials: 200, replicates: 5, seed: 3)
        #expect(b.total.coverage <= 0.34, "\(b.total.months)")
        // Spend grows 12 % a month: the forecast, flat at the training level, is low.
        #expect(b.total.months.allSatisfy { $0.p50 < $0.actual }, "\(b.total.months)")
    }

    @Test func tooFewMonthsIsAnError() throws {
        // 2026-01-01 for 90 days: January to March whole, 31 March the last day.
        #expect(throws: FittingError.backtestMonths(months: 3, train: 3)) {
            try OrgBacktest(panel: Self.org(drift: 0, days: 90), trainMonths: 3, trials: 50, replicates: 2)
        }
    }

    /// The forecast's trials and seed reach it: another seed, other bands.
    @Test func seedAndTrialsReachTheForecast() throws {
        let panel = Self.org(drift: 0, days: 200)
        let a = try OrgBacktest(panel: panel, trainMonths: 4, trials: 200, replicates: 2, seed: 3)
        let b = try OrgBacktest(panel: panel, trainMonths: 4, trials: 200, replicates: 2, seed: 4)
        let c = try OrgBacktest(panel: panel, trainMonths: 4, trials: 400, replicates: 2, seed: 3)
        #expect(a.total.months.map(\.p10) != b.total.months.map(\.p10))
        #expect(a.total.months.map(\.p10) != c.total.months.map(\.p10))
    }
}
