// Tests: TeamForecast+Usage.swift
// Tests: PlanReport.swift, OrgBacktestReport.swift, ValidationReport.swift, UsageReportPage.swift, QuantileCharts.swift, ChartFrame.swift, LiteLLMBudgets.swift
import Foundation
import Scenario
import Simulation
import Testing

@testable import Reports

/// The HTML pages of `plans`, `backtest org`, `validate` and `report`, the charts they draw,
/// and the LiteLLM budgets `forecast --budgets litellm` writes.
@Suite struct HTMLReportsTests {
    static func svgs(_ html: String) -> [String] {
        html.components(separatedBy: "<svg").dropFirst().map { "<svg" + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }

    /// What every page must be: one self-contained document, charts that parse as XML, no
    /// script, no number that failed to format, and the user's text escaped.
    static func checkPage(_ report: HTMLReport, title: String, charts: Int) {
        let html = report.render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>\(title)</title>"), "\(html.prefix(400))")
        #expect(!html.contains("<script"))
        #expect(!html.contains("NaN") && !html.contains("nan%") && !html.contains(">inf"))
        let svg = svgs(html)
        #expect(svg.count == charts, "\(svg.count) charts")
        #expect(svg.allSatisfy(isWellFormedXML))
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    @Test func thePlansPageComparesEveryOptionPerProfile() throws {
        let yaml = """
            name: 'Max <vs> API'
            trials: 200
            seed: 3
            calendar: {start: 2027-01, months: 12, working_days: 230}
            profiles:
              heavy: {threads_per_day: {mean: 15}, mix: {opus: 1}}
              light: {threads_per_day: {mean: 3}, mix: {opus: 1}}
            plans: [claude-pro, claude-max-5x]
            models:
              opus: {preset: opus-4.5, price: claude-opus-4-5}
            """
        let scenario = try ScenarioLoader.parse(yaml, file: "plans.yaml")
        let spec = scenario.planComparisonSpec()
        let comparison = try PlanComparator.run(spec)
        let d = PlanDocument(scenario: scenario, comparison: comparison, profiles: spec.profiles, version: "test")
        let report = PlanReport.html(d)
        let html = report.render()
        #expect(html.contains("Max &lt;vs&gt; API") && !html.contains("Max <vs> API"))
        #expect(html.contains("heavy") && html.contains("light"))
        #expect(html.contains("Claude Max 5x") || html.contains("claude-max-5x"))
        Self.checkPage(report, title: "Max &lt;vs&gt; API: plans against API pricing", charts: Self.svgs(html).count)
        #expect(Self.svgs(html).count >= 2, "a chart per profile at least")
        // Every option of every profile is on the page.
        #expect(d.profiles.count == 2)
        for p in d.profiles {
            #expect(p.options.count >= 2, "API and a plan at least")
            for o in p.options {
                #expect(html.contains(o.outcome.name.replacingOccurrences(of: "&", with: "&amp;")), "\(o.outcome.name)")
            }
        }
    }

    @Test func theOrgBacktestPageHasAFanPerSeriesAndEveryMonth() {
        let months = ["2026-04", "2026-05"]
        func series(_ team: String, _ scale: Double) -> OrgBacktestDocument.Series {
            OrgBacktestDocument.Series(
                team: team, coverage: 0.5, meanAbsoluteP50Error: 0.125,
                months: [
                    .init(
                        month: months[0], p10: 90 * scale, p50: 100 * scale, p90: 110 * scale, actual: 105 * scale, inside: true),
                    .init(
                        month: months[1], p10: 90 * scale, p50: 100 * scale, p90: 110 * scale, actual: 130 * scale, inside: false),
                ])
        }
        let d = OrgBacktestDocument(
            source: "litellm <prod>", trainMonths: ["2026-01", "2026-03"], testMonths: months, profiles: 3,
            series: [series("web & api", 1), series("total", 2)], notes: ["a note"])
        let report = OrgBacktestReport.html(d)
        let html = report.render()
        Self.checkPage(report, title: "Backtest: litellm &lt;prod&gt;", charts: 2)
        #expect(html.contains("Trained on 2026-01..2026-03, compared on 2026-04..2026-05"))
        #expect(html.contains("1/2") && html.contains("50 %") || html.contains("50%"))
        #expect(html.contains("web &amp; api") && html.contains("above"))
        #expect(html.contains("a note"))
    }

    @Test func theValidationPageHasItsQuantilePlots() {
        var d = ValidationRenderingTests.document(independent: true)
        d.costQuantiles = (1...99).map { i in
            let p = Double(i) / 100
            return [p, -log(1 - p), -1.1 * log(1 - p)]
        }
        let report = ValidationReport.html(d)
        let html = report.render()
        Self.checkPage(report, title: report.title.replacingOccurrences(of: "&", with: "&amp;"), charts: 2)
        #expect(html.contains("QQ plot, 1st to 99th percentile") && html.contains("Cumulative distributions"))
        #expect(html.contains("claude-sonnet-4-5"))
        #expect(!html.contains("The split itself"))
        d.splitTests = [.init(metric: "turns", trainingP50: 23, heldOutP50: 29, ks: 0.183, ksP: 0.011)]
        let split = ValidationReport.html(d).render()
        #expect(split.contains("The split itself") && split.contains("differ by themselves (turns: KS 0.183, p 0.011)"))
        // Without quantiles there is nothing to plot, and no empty chart.
        d.costQuantiles = []
        #expect(Self.svgs(ValidationReport.html(d).render()).isEmpty)
    }

    @Test func theUsagePageHasBarsForPricedPeriodsAndEveryRow() {
        let d = UsageReportRenderingTests.document
        let report = UsageReportPage.html(d)
        let html = report.render()
        Self.checkPage(report, title: "Usage by day", charts: 1)
        #expect(html.contains("claude-imaginary-9") && html.contains("claude-opus-4-6"))
        #expect(html.contains(d.total.costText))
        // Days keep to one line: no-break space and non-breaking hyphens.
        #expect(html.contains("2025\u{2011}12\u{2011}01"))
    }

    @Test func quantileChartsDrawAPointPerQuantileAndTheDiagonal() {
        let pairs = (1...9).map { (Double($0), 1.1 * Double($0)) }
        let qq = QuantileCharts.qq(pairs, title: "qq", unit: "USD")
        let svg = qq.svg
        #expect(svg.components(separatedBy: "<circle").count - 1 == 9)
        #expect(svg.contains("class=\"marker\""))
        #expect(isWellFormedXML(svg))
        let cdf = QuantileCharts.cdfs(
            pairs.enumerated().map { (Double($0.offset + 1) / 10, $0.element.0, $0.element.1) },
            title: "cdf", xTitle: "cost")
        let c = cdf.svg
        #expect(c.contains("held out") && c.contains("simulated") && c.contains("dashed"))
        #expect(isWellFormedXML(c))
    }

    @Test func labelsArePlacedWhereNothingElseIs() {
        var placer = LabelPlacer()
        let spots = LabelPlacer.column(x: 100, y: 50, step: 14, rows: 3)
        #expect(spots.map(\.y) == [50, 64, 36, 78, 22])
        #expect(LabelPlacer.column(x: 0, y: 0, rows: 2, downFirst: false).map(\.y) == [0, -14, 14])
        let first = placer.place("P90 $1,200", candidates: spots, size: 12, anchor: .start)
        let second = placer.place("P50 $900", candidates: spots, size: 12, anchor: .start)
        #expect(first.y == 50)
        #expect(second.y != 50, "the second label moves off the first")
        #expect(placer.placed.count == 2)
        // Nowhere free: the last candidate, still recorded so later labels avoid it.
        var full = LabelPlacer(avoiding: placer.placed)
        let forced = full.place("P50 $900", candidates: [spots[0]], size: 12, anchor: .start)
        #expect(forced.y == 50 && full.placed.count == 3)
        let frame = ChartFrame(width: 520, height: 380, top: 20)
        let x = frame.xScale(0...10)
        #expect(x(0) == frame.plotLeft && x(10) == frame.plotRight && frame.plotRight == 500)
    }

    @Test func budgetsAreTheHighestMonthsQuantileAndTeamNamesAreQuoted() throws {
        let scenario = try ScenarioLoader.parse(SmallForecasts.teamYAML, file: "team.yaml")
        let forecast = try TeamForecaster.run(scenario.teamSpec())
        let p95 = LiteLLMBudgets(scenario: scenario, forecast: forecast)
        let p90 = LiteLLMBudgets(scenario: scenario, forecast: forecast, level: .p90)
        #expect(p95.quantile == "p95" && p90.quantile == "p90")
        #expect(p95.teams.count == 2 && p95.withoutBudget.isEmpty)
        #expect(p95.proxy.maxBudget >= p90.proxy.maxBudget)
        // The proxy's budget is the highest month's P95, rounded up to the cent.
        let highest =
            forecast.months.indices.map { m in
                let sorted = forecast.teamMonthUsage(m).sorted()
                return sorted[Int((0.95 * Double(sorted.count - 1)).rounded(.down))]
            }.max() ?? 0
        #expect(p95.proxy.maxBudget >= highest - 0.01 && p95.proxy.maxBudget <= highest * 1.02 + 0.01)
        #expect(p95.proxy.maxBudget == (p95.proxy.p95 * 100).rounded(.up) / 100)
        #expect(p95.proxy.developers == 5)
        let yaml = p95.yaml()
        #expect(yaml.contains("  - team_alias: \"core, \\\"platform\\\"\"\n"))
        #expect(yaml.contains("  - team_alias: juniors\n"))
        #expect(yaml.contains("budget_duration: 30d"))
        let json = String(decoding: try JSONEncoder().encode(p95), as: UTF8.self)
        #expect(json.contains("\"max_budget\"") && json.contains("\"without_budget\""))
    }
}
