import Foundation
import SyntheticData
import TestSupport
import Testing
import ThreadStore

@testable import Fitting

@Suite struct BacktestTests {
    @Test func coverageOnStationarySyntheticDataIsReasonable() throws {
        var logs = SyntheticLogs()
        logs.developers = 16
        logs.weekdays = 40
        logs.threadsPerDay = 2
        logs.seed = 31
        let store = try SyntheticStore.make(logs, name: "backtest")
        // 2025-09-01 plus four weeks: 20 training weekdays, then 28 days (20 weekdays) of horizon.
        var backtest = Backtest(trainUntil: logs.start.addingTimeInterval(28 * 86_400), horizonDays: 28)
        backtest.bootstrap = 40
        backtest.trials = 400
        let report = try backtest.run(store: store)
        #expect(report.developers.count == 16)
        #expect(report.horizonWorkingDays == 20)
        // Nominal 80 %: with 16 developers anything from 9 to 16 inside is consistent with it.
        #expect(report.coverage >= 9.0 / 16.0, "\(report.developers + [report.total])")
        #expect(
            report.total.p10 <= report.total.actual && report.total.actual <= report.total.p90 * 1.2,
            "\(report.developers + [report.total])")
    }

    @Test func weekdaysInAHorizon() {
        // 2025-09-01 is a Monday.
        let monday = Date(timeIntervalSince1970: 1_756_684_800)
        #expect(Backtest.weekdays(from: monday, days: 7) == 5)
        #expect(Backtest.weekdays(from: monday.addingTimeInterval(5 * 86_400), days: 2) == 0)
        #expect(Backtest.weekdays(from: monday, days: 30) == 22)
    }
}
