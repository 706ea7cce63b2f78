// Tests: BarChart.swift, DistributionCharts.swift, FanChart.swift, Histogram.swift, LineChart.swift, TornadoChart.swift
import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses `text` as XML; true when it is well-formed.
func isWellFormedXML(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
}

@Suite struct ChartTests {
    let values: [Double] = [0, 1, 1, 2, 2, 2, 3, 3, 3, 3]

    @Test func histogramBinsATinyDistribution() {
        let h = Histogram(values, bins: 4, upperQuantile: 1)
        #expect(h.lower == 0)
        #expect(h.binWidth == 0.75)
        #expect(h.counts == [1, 2, 3, 4])
        #expect(h.clipped == 0)
    }

    @Test func histogramBarsSitWhereTheScalesSay() {
        // Plot area: x 70...580 for $0...$3, y 58...288 for 40 %...0 %.
        let chart = DistributionCharts.histogram(Histogram(values, bins: 4, upperQuantile: 1), markers: [])
        #expect(chart.svg.contains(#"<rect class="mark bar" x="70.5" y="230.5" width="126.5" height="57.5">"#))
        #expect(chart.svg.contains(#"<rect class="mark bar" x="453" y="58" width="126.5" height="230">"#))
        #expect(chart.dataMarks == 4)
        #expect(chart.problems.isEmpty)
    }

    @Test func cdfEndsAtOne() {
        let chart = DistributionCharts.cdf(values, markers: [], upper: 3)
        // The last point is ($3, 100 %) = (580, 58).
        #expect(chart.svg.contains("L580,58\""))
    }

    @Test(arguments: [0.6, 3.0, 0.07, 1234.0])
    func niceSteps(_ raw: Double) {
        let step = LinearScale.niceStep(raw)
        let mantissa = step / pow(10, log10(step).rounded(.down))
        #expect([1, 2, 2.5, 5].contains { abs($0 - mantissa) < 1e-9 })
        #expect(step >= raw * (1 - 1e-12) && step < raw * 2.6)
    }

    @Test func everyChartIsWellFormedSVG() {
        let charts = [
            DistributionCharts.histogram(Histogram(values), markers: [ChartMarker(label: "P90", value: 3)]),
            DistributionCharts.cdf(values, markers: [ChartMarker(label: "P50", value: 2)]),
            FanChart.render(
                [FanPoint(label: "Jan <27>", p10: 1, p50: 2, p90: 3), FanPoint(label: "Feb & co", p10: 1, p50: 2, p90: 4)],
                budget: ChartMarker(label: "budget", value: 3.5, style: "budget")),
            BarChart.render(
                [Bar(label: "Max \"20x\"", value: 200), Bar(label: "API", value: 150, style: "highlight")], title: "Plans",
                xTitle: "USD"),
            TornadoChart.render(
                [TornadoBar(label: "turns", low: 80, high: 130), TornadoBar(label: "price", low: 120, high: 90)], base: 100),
            LineChart.render(
                [LineSeries(name: "mean", points: [.init(x: 1000, y: 10), .init(x: 2000, y: 11)], style: "mean")],
                title: "Running", xTitle: "Trials", yTitle: "USD", xFormat: Money.grouped),
        ]
        for c in charts {
            #expect(isWellFormedXML(c.svg), "\(c.title) is not well-formed")
            #expect(c.dataMarks > 0)
            #expect(c.problems.isEmpty, "\(c.problems)")
        }
    }

    @Test func closeMarkersAreStackedNotOverlapped() {
        // P90 and P95 a pixel apart: their labels must be moved apart.
        let h = Histogram((0..<1000).map(Double.init), bins: 20)
        let chart = DistributionCharts.histogram(
            h,
            markers: [
                ChartMarker(label: "P90", value: 900), ChartMarker(label: "P95", value: 901),
                ChartMarker(label: "P99", value: 902),
            ])
        #expect(chart.problems.isEmpty, "\(chart.problems)")
    }

    @Test func overlapIsDetected() {
        var canvas = SVGCanvas(width: 200, height: 100)
        canvas.rect(x: 0, y: 0, width: 10, height: 10, class: "bar")
        canvas.text("$1,234", x: 50, y: 50)
        canvas.text("$5,678", x: 60, y: 52)
        let chart = Chart(title: "t", canvas: canvas, description: "")
        #expect(chart.problems.count == 1)
        var empty = SVGCanvas(width: 100, height: 100)
        empty.text("nothing", x: 10, y: 20)
        #expect(Chart(title: "e", canvas: empty, description: "").problems == ["e: the chart has no data marks"])
    }

    @Test func reportHasNoExternalURLsAndIsWellFormed() throws {
        var report = HTMLReport(title: "T & <t>", subtitle: "s")
        report.add(
            HTMLSection(
                id: "a", title: "A",
                blocks: [
                    .figures([HeadlineFigure(label: "Mean", value: "$1")]), .paragraph("see https://example.com"),
                    .charts([DistributionCharts.histogram(Histogram(values), markers: [])]),
                ]))
        var t = HTMLTable(header: ["x"])
        t.add(["<script>"])
        report.add(HTMLSection(id: "b", title: "B", blocks: [.table(t)]))
        report.footer = [("seed", "1")]
        let html = report.render()
        let external = try Regex(#"(src|href)\s*=\s*"(https?:)?//"#)
        #expect(html.firstMatch(of: external) == nil)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("@media print"))
        // The body minus the doctype is XHTML-compatible apart from the void <meta> tags.
        let svgs = html.components(separatedBy: "<svg").dropFirst().map {
            "<svg" + $0.components(separatedBy: "</svg>")[0] + "</svg>"
        }
        #expect(!svgs.isEmpty && svgs.allSatisfy(isWellFormedXML))
    }

    @Test func axisMoney() {
        #expect(AxisFormat.money(0) == "$0")
        #expect(AxisFormat.money(2) == "$2")
        #expect(AxisFormat.money(2.5) == "$2.5")
        #expect(AxisFormat.money(1200) == "$1.2k")
        #expect(AxisFormat.money(3_400_000) == "$3.4M")
        #expect(AxisFormat.money(4250) == "$4.25k")
        #expect(AxisFormat.percent(0.025) == "2.5%")
    }
}
