// Tests: ForecastReport.swift, HTMLReport.swift, TeamReport.swift
import Foundation
import Testing

@testable import Reports

/// The HTML pages of `run` and `forecast`: self-contained, their charts inline, and no text the
/// user wrote (the scenario's name, a profile's name) left unescaped.
@Suite struct HTMLPageTests {
    static let escapedName = "Small &lt;b&gt;team&lt;/b&gt; &amp; &quot;quotes&quot;, commas"

    /// The inline SVG documents of a page.
    func svgs(_ html: String) -> [String] {
        html.components(separatedBy: "<svg").dropFirst().map { "<svg" + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }

    @Test func theForecastPageHoldsItsChartsAndEscapesTheScenarioName() throws {
        let (scenario, forecast, d) = try SmallForecasts.developer()
        let report = ForecastReport.build(d, scenario: scenario, extras: .init(annualByTrial: forecast.annualByTrial))
        let html = report.render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>\(Self.escapedName): cost forecast</title>"))
        #expect(!html.contains("<b>team"))
        let charts = svgs(html)
        #expect(charts.count >= 2, "a histogram and a monthly chart at least")
        #expect(charts.allSatisfy(isWellFormedXML))
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(!html.contains("<script"))
        #expect(html.contains(Money.full(d.annual.p50)) || html.contains(Money.compact(d.annual.p50)))
    }

    @Test func theTeamPageHoldsItsChartsAndEscapesProfileNames() throws {
        let (_, d) = try SmallForecasts.team()
        let html = TeamReport.html(d).render()
        #expect(html.contains("<title>\(Self.escapedName): organisation forecast</title>"))
        #expect(!html.contains("<b>team"))
        #expect(html.contains("core, &quot;platform&quot;"))
        #expect(!html.contains("core, \"platform\""))
        let charts = svgs(html)
        #expect(!charts.isEmpty && charts.allSatisfy(isWellFormedXML))
        #expect(TeamReport.html(d).problems.isEmpty)
    }

    @Test func aFooterAndANavigationAppearOnlyWhenThereIsSomethingToShow() {
        var report = HTMLReport(title: "t", subtitle: "s")
        report.add(HTMLSection(id: "one", title: "One", blocks: [.paragraph("a < b")]))
        #expect(!report.render().contains("<nav>"))
        #expect(!report.render().contains("<footer>"))
        #expect(report.render().contains("a &lt; b"))
        report.add(HTMLSection(id: "two", title: "Two", blocks: []))
        report.add(HTMLSection(id: "three", title: "Three & more", blocks: []))
        report.footer = [("seed", "42")]
        let html = report.render()
        #expect(html.contains("<nav><ul><li><a href=\"#one\">One</a></li>"))
        #expect(html.contains("<a href=\"#three\">Three &amp; more</a>"))
        #expect(html.contains("<footer><dl><div><dt>seed</dt><dd>42</dd></div></dl></footer>"))
    }
}
