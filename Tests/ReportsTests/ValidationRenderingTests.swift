import Foundation
import Testing

@testable import Reports

// Tests: ValidationText.swift, ValidationCSV.swift, ValidationCells.swift, ValidationDocument.swift
/// `tokencast validate` as text and CSV: the split, the dependence, errors with their
/// intervals, the tests and the coverage, as fitted and independent side by side.
@Suite struct ValidationRenderingTests {
    static func figures(_ shift: Double) -> ValidationDocument.Figures {
        ValidationDocument.Figures(
            rows: [
                .init(
                    metric: "cost", quantile: "P50", heldOut: 0.5, simulated: 0.5 * (1 + shift), relativeError: shift,
                    lower: shift - 0.05, upper: shift + 0.05),
                .init(
                    metric: "cost", quantile: "P90", heldOut: 2.25, simulated: 2.5, relativeError: 0.25 / 2.25,
                    lower: .nan, upper: .nan),
            ],
            tests: [.init(metric: "cost", ks: 0.0271, ksP: 0.0004, ad: 1.234, adP: 0.25)],
            coverage: [.init(band: "P10-P90", nominal: 0.8, observed: 0.7912)])
    }

    static func document(independent: Bool, folds: Int? = nil) -> ValidationDocument {
        ValidationDocument(
            model: "claude-sonnet-4-5", priceKey: "claude-sonnet-4-5", threads: 300, trainingThreads: 150,
            heldOutThreads: 150, holdout: 0.5, folds: folds, seed: 42, simulatedThreads: 20_000,
            dependence: independent ? "gaussian_copula" : "independence", dependenceReason: "chosen by the held-out score",
            figures: figures(-0.018), independent: independent ? figures(0.12) : nil, costQuantiles: [])
    }

    @Test func theTextSaysWhatWasSplitAndShowsBothSettings() {
        let text = ValidationText.render(Self.document(independent: true))
        #expect(
            text.hasPrefix(
                "Out-of-sample check of claude-sonnet-4-5: 300 threads, 150 fitted and 150 held out (--holdout 0.5, split by "
                    + "thread id), 20000 simulated single attempts at claude-sonnet-4-5 base prices, seed 42\n"))
        #expect(text.contains("dependence: Gaussian copula; chosen by the held-out score\n"))
        #expect(text.contains("-1.8%") && text.contains("-6.8% to +3.2%"))
        #expect(text.contains("+12.0%") && text.contains("+7.0% to +17.0%"))
        #expect(text.contains("<0.001") && text.contains("0.250") && text.contains("0.027") && text.contains("1.23"))
        #expect(text.contains("80%") && text.contains("79.1%"))
        // An interval that could not be computed is a dash, not nan.
        #expect(!text.contains("nan"))
        let folds = ValidationText.render(Self.document(independent: false, folds: 5))
        #expect(folds.contains("5-fold cross-validation by thread id: every thread held out once, about 150 fitted per fold"))
        #expect(folds.contains("dependence: independent draws;") && !folds.contains("independent  "))
    }

    @Test func aSingleSplitShowsItsPartsAndWarnsWhenTheyDiffer() {
        var d = Self.document(independent: false)
        d.replicatesSimulated = 50
        d.splitTests = [
            .init(metric: "cost_usd", trainingP50: 0.14, heldOutP50: 0.175, ks: 0.18, ksP: 0.013),
            .init(metric: "turns", trainingP50: 23, heldOutP50: 29, ks: 0.183, ksP: 0.011),
        ]
        let text = ValidationText.render(d)
        #expect(
            text.contains(
                "95% intervals: held-out threads resampled, each resample against one of 50 fit bootstrap replicates' simulated threads\n"
            ))
        #expect(text.contains("the split itself: logged training threads against logged held-out threads\n"))
        #expect(text.contains("turns                 23.00         29.00      -20.7%  0.183  0.011\n"))
        #expect(
            text.hasSuffix(
                "The training and held-out threads differ by themselves (turns: KS 0.183, p 0.011): no fit to one part reproduces the other closer than that; cross-validation (--folds 5) holds every thread out once.\n"
            ))
        // Parts that could be one sample: the table, no warning.
        d.splitTests = d.splitTests?.map {
            var t = $0; t.ksP = 0.4; return t
        }
        let calm = ValidationText.render(d)
        #expect(calm.contains("the split itself") && !calm.contains("differ by themselves"))
        // Cross-validated, or without replicates.
        let folds = ValidationText.render(Self.document(independent: false, folds: 5))
        #expect(!folds.contains("the split itself"))
        #expect(
            folds.contains(
                "95% intervals: held-out threads resampled only (no fit bootstrap replicates to simulate; --bootstrap sets how many)\n"
            ))
    }

    /// What forecasts draw (the replicates pooled) gets its own table, with each metric's KS on
    /// its first row, and a note on what it is; without replicates there is none.
    @Test func theForecastMixHasItsOwnTable() {
        var d = Self.document(independent: true)
        #expect(!ValidationText.render(d).contains("what forecasts draw"))
        d.replicatesSimulated = 50
        d.forecastMix = Self.figures(0.031)
        let text = ValidationText.render(d)
        #expect(text.contains("\nwhat forecasts draw: held-out threads against the fit's bootstrap replicates pooled\n"))
        #expect(text.contains("metric       held out  forecast mix   error    95% interval     KS    KS p\n"))
        #expect(text.contains("cost    P50    0.5000        0.5155   +3.1%  -1.9% to +8.1%  0.027  <0.001\n"))
        #expect(text.contains("cost    P90     2.250         2.500  +11.1%               -\n"))
        #expect(
            text.contains(
                "forecast mix: the 50 fit bootstrap replicates' simulated threads pooled (a forecast draws one replicate per trial); 95% intervals resample the held-out threads; held out inside its bands: P10-P90 79.1%\n"
            ))
        let csv = ValidationCSV.render(d).split(separator: "\n").map(String.init)
        #expect(csv.count == 7 && csv[5].hasPrefix("claude-sonnet-4-5,forecast_mix,cost,P50,0.5,0.5155"))
        let html = ValidationReport.html(d).render()
        #expect(html.contains("What forecasts draw") && html.contains("forecast mix"))
    }

    @Test func theCSVHasBothSettingsAndQuotesNames() {
        var d = Self.document(independent: true)
        let lines = ValidationCSV.render(d).split(separator: "\n").map(String.init)
        #expect(lines[0] == "model,dependence,metric,quantile,held_out,simulated,relative_error,lower_95,upper_95")
        #expect(lines.count == 5)
        #expect(lines[1].hasPrefix("claude-sonnet-4-5,as_fitted,cost,P50,0.5,"))
        #expect(lines[3].hasPrefix("claude-sonnet-4-5,independent,cost,P50,0.5,"))
        d.model = "vendor/model, v2"
        #expect(ValidationCSV.render(d).split(separator: "\n")[1].hasPrefix("\"vendor/model, v2\",as_fitted,"))
        #expect(ValidationCSV.render(Self.document(independent: false)).split(separator: "\n").count == 3)
    }
}
