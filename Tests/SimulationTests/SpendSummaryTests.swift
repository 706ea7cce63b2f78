import Testing

@testable import Simulation

/// SpendSummary against numpy (`np.quantile`, type 7; `std(ddof=1)`) and the ratios of
/// ThreadTotals and CellTotals, which share one definition (SpendTotals).
@Suite struct SpendSummaryTests {
    @Test func oneToTenMatchesNumpy() {
        // np.arange(1, 11): std(ddof=1) 3.0276503540974917; quantiles at
        // 0.05, 0.1, 0.5, 0.9, 0.95, 0.99 are 1.45, 1.9, 5.5, 9.1, 9.55, 9.91.
        let s = SpendSummary((1...10).reversed().map(Double.init))
        #expect(s.count == 10)
        #expect(s.mean == 5.5)
        #expect(abs(s.standardDeviation - 3.0276503540974917) < 1e-15)
        #expect(abs(s.standardError - 3.0276503540974917 / 10.0.squareRoot()) < 1e-15)
        let got = [s.p5, s.p10, s.p50, s.p90, s.p95, s.p99]
        for (g, want) in zip(got, [1.45, 1.9, 5.5, 9.1, 9.55, 9.91]) { #expect(abs(g - want) < 1e-12, "\(got)") }
        #expect(s.min == 1 && s.max == 10)
    }

    @Test func emptyAndSingleValuesGiveNoSpread() {
        let empty = SpendSummary([])
        #expect(empty.count == 0 && empty.mean == 0 && empty.p99 == 0 && empty.standardError == 0)
        let one = SpendSummary([42])
        #expect(one.mean == 42 && one.p5 == 42 && one.p99 == 42 && one.standardDeviation == 0)
        #expect(SpendSummary.quantile([], 0.5) == 0)
        #expect(SpendSummary.quantile([1, 2, 3, 4], 1) == 4)
        #expect(SpendSummary.quantile([1, 2, 3, 4], 0) == 1)
    }

    @Test func exceedanceCountsValuesStrictlyAbove() {
        #expect(SpendSummary.exceedance([1, 2, 3, 4], 2) == 0.5)
        #expect(SpendSummary.exceedance([1, 2, 3, 4], 4) == 0)
        #expect(SpendSummary.exceedance([], 1) == 0)
    }

    @Test func threadAndCellTotalsReportTheSameRatiosForTheSameSums() {
        var t = ThreadTotals()
        t.threads = 8
        t.completed = 6
        t.attempts = 12
        t.offTheRailsAttempts = 2
        t.cost.add(24)
        t.waste.add(6)
        #expect(t.costPerThread == 3)
        #expect(t.costPerCompletedTask == 4)
        #expect(t.wasteShare == 0.25)
        let cell = CellTotals(t, minutesPerAttempt: 30)
        #expect(cell.costPerThread == t.costPerThread)
        #expect(cell.costPerCompletedTask == t.costPerCompletedTask)
        #expect(cell.wasteShare == t.wasteShare)
        #expect(cell.agentHours.value == 6 && cell.wastedHours.value == 1)
        // Nothing simulated: no cost per thread, no task to divide by, no waste.
        let none = ThreadTotals()
        #expect(none.costPerThread == 0 && none.costPerCompletedTask.isNaN && none.wasteShare == 0)
        #expect(CellTotals().costPerCompletedTask.isNaN)
    }
}
