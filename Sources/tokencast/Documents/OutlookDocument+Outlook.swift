import Fitting
import Foundation
import Reports

extension OutlookDocument.Forecast {
    init(_ o: PeriodForecast.Outcome) {
        func date(_ t: Double?) -> Date? { t.map(Date.init(timeIntervalSince1970:)) }
        self.init(
            probabilityOfHit: o.probabilityOfHit, hitTimeP10: date(o.hitTimeP10), hitTimeMedian: date(o.hitTimeMedian),
            hitTimeP90: date(o.hitTimeP90), endP10: o.endP10, endP50: o.endP50, endP90: o.endP90, endMean: o.endMean,
            priorLevel: o.priorLevel, posteriorLevel: o.posteriorLevel, pastPeriods: o.pastPeriods, trials: o.trials)
    }
}

extension OutlookDocument {
    /// The `outlook` document of the fitting layer's now-cast.
    init(_ o: Outlook, timeZone: String) {
        self.init(
            now: o.now, vendor: o.vendor, timeZone: timeZone, uses: o.uses,
            windows: o.windows.map { w in
                Window(
                    window: w.window == .fiveHour ? "5-hour" : "weekly", opened: w.start, resets: w.end, usedPercent: w.used,
                    basis: w.basis, readingAt: w.readingAt, readingPercent: w.readingPercent, scale: w.scale,
                    apiEquivalentUSD: w.dollars, forecast: w.forecast.map(Forecast.init), note: w.note)
            },
            month: Month(
                start: o.month.start, end: o.month.end, spentUSD: o.month.spent, budgetUSD: o.month.budget,
                forecast: o.month.forecast.map(Forecast.init), unpricedModels: o.month.unpriced),
            backtest: nil)
    }

    /// The `outlook --backtest` document.
    init(backtest outcomes: [Outlook.BacktestOutcome], now: Date, vendor: String, timeZone: String) {
        self.init(
            now: now, vendor: vendor, timeZone: timeZone, uses: 0, windows: [], month: nil,
            backtest: outcomes.map { b in
                let r = b.result
                func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
                return Backtest(
                    window: b.window == .fiveHour ? "5-hour" : "weekly", readings: b.readings, scale: b.scale,
                    predictions: r?.predictions ?? 0, skipped: r?.skipped ?? 0, windows: r?.windows ?? 0,
                    windowsHit: r?.windowsHit ?? 0, brier: finite(r?.brier), climatologyBrier: finite(r?.climatologyBrier),
                    calibrationError: finite(r?.calibrationError),
                    bins: (r?.bins ?? []).map {
                        CalibrationBin(
                            lower: $0.lower, upper: $0.upper, predictions: $0.count, meanPredicted: $0.meanPredicted,
                            observed: $0.observed)
                    }, note: b.note)
            })
    }
}
