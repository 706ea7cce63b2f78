import Testing

@testable import Simulation

/// A team's spend against its budget: yearly against the whole amount, monthly against the
/// budget to date, and the first month more likely than not over.
@Suite struct BudgetOutlookTests {
    /// Four trials of three months; trial t spends `monthly[t]` each month.
    static func forecast(_ monthly: [[Double]]) -> TeamForecast {
        TeamForecast(
            trials: monthly.count, seed: 1, months: ["2027-01", "2027-02", "2027-03"], profiles: [], models: [],
            methods: [], headCount: [], fullUseEquivalents: [], cellMonthly: [], teamMonthly: monthly.flatMap { $0 },
            teamAnnual: monthly.map { $0.reduce(0, +) }, wastedHours: [], seatFees: [], seatFigures: [], seatPlans: [],
            cellTotals: [], hourlyRate: 0, elapsedSeconds: 0)
    }

    static let spend: [[Double]] = [[10, 10, 10], [20, 20, 20], [30, 30, 30], [40, 40, 40]]

    @Test func monthlyBudgetsAreComparedToDate() {
        let o = BudgetOutlook(forecast: Self.forecast(Self.spend), annual: 75, monthly: [25, 25, 25])
        #expect(o.budgetToDate == [25, 50, 75])
        #expect(o.medianToDate == [25, 50, 75])
        // Trials 3 and 4 (30 and 40 a month) run ahead every month: exactly half, not more.
        #expect(o.probabilityOverToDate == [0.5, 0.5, 0.5])
        #expect(o.firstLikelyMonth == nil)
        #expect(o.probabilityOver == 0.5)
    }

    @Test func aYearlyBudgetIsComparedWithTheWholeAmount() {
        // 55 for the year: two trials of four are past it after month 2 (60, 80), three after
        // month 3 (60, 90, 120), so month 3 (index 2) is the first more likely than not.
        let o = BudgetOutlook(forecast: Self.forecast(Self.spend), annual: 55, monthly: nil)
        #expect(o.budgetToDate == [55, 55, 55])
        #expect(o.probabilityOverToDate == [0, 0.5, 0.75])
        #expect(o.firstLikelyMonth == 2)
        #expect(o.probabilityOver == 0.75)
        #expect(o.neededP90 > 90 && o.neededP90 <= 120)
    }
}
