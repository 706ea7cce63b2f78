import Foundation

/// A value marked on a chart with a labelled vertical line (a percentile, a budget).
public struct ChartMarker: Sendable, Hashable {
    public var label: String
    public var value: Double
    public var style: String

    public init(label: String, value: Double, style: String = "marker") {
        self.label = label
        self.value = value
        self.style = style
    }
}

/// Histogram and cumulative-distribution charts of a sample of spend.
public enum DistributionCharts {
    /// A histogram: bars of the share of trials per bin, percentiles marked.
    ///
    /// - Parameters:
    ///   - histogram: the bins.
    ///   - markers: values to mark (P50, P90, P95, a budget).
    ///   - xTitle: the x axis's title, with its unit.
    public static func histogram(
        _ h: Histogram, markers: [ChartMarker], width: Double = 600, height: Double = 340,
        title: String = "Distribution of annual spend", xTitle: String = "Spend per developer over the horizon (USD)"
    ) -> Chart {
        var canvas = SVGCanvas(width: width, height: height)
        let frame = ChartFrame(width: width, height: height, top: 58)
        let shares = h.counts.map { h.total > 0 ? Double($0) / Double(h.total) : 0 }
        let xDomain = LinearScale.niceDomain(h.lower, h.upper)
        let x = frame.xScale(xDomain)
        let y = frame.yScale(LinearScale.niceDomain(0, shares.max() ?? 1, count: 4))
        frame.yAxis(&canvas, scale: y, ticks: y.ticks(4), format: AxisFormat.percent, title: "Share of trials")
        for (i, s) in shares.enumerated() where h.counts[i] > 0 {
            let x0 = x(h.edge(i)), x1 = x(h.edge(i + 1))
            canvas.rect(
                x: x0 + 0.5, y: y(s), width: max(x1 - x0 - 1, 0.5), height: frame.plotBottom - y(s), class: "bar",
                title: "\(AxisFormat.money(h.edge(i)))–\(AxisFormat.money(h.edge(i + 1))): \(h.counts[i]) trials")
        }
        frame.xAxis(&canvas, scale: x, ticks: x.ticks(6), format: AxisFormat.money, title: xTitle)
        drawMarkers(&canvas, frame: frame, x: x, markers: markers)
        if h.clipped > 0 {
            canvas.text(
                "\(h.clipped) trials above \(Money.compact(h.upper)) not shown", x: frame.plotRight, y: 14,
                size: 11, anchor: .end, class: "note")
        }
        let description =
            "Histogram of \(h.total) trials in \(h.counts.count) bins from \(Money.compact(h.lower)) to \(Money.compact(h.upper))"
        return Chart(title: title, canvas: canvas, description: description)
    }

    /// The empirical cumulative distribution: P(spend ≤ x) against x, percentiles marked.
    ///
    /// - Parameter sorted: the sample in increasing order; drawn through at most 400 points.
    public static func cdf(
        _ sorted: [Double], markers: [ChartMarker], upper: Double? = nil, width: Double = 600, height: Double = 340,
        title: String = "Cumulative distribution of annual spend", xTitle: String = "Spend per developer over the horizon (USD)"
    ) -> Chart {
        var canvas = SVGCanvas(width: width, height: height)
        let frame = ChartFrame(width: width, height: height, top: 58)
        let lo = sorted.first ?? 0
        let hi = upper ?? sorted.last ?? 1
        let x = frame.xScale(LinearScale.niceDomain(lo, hi))
        let y = frame.yScale(0...1)
        frame.yAxis(&canvas, scale: y, ticks: [0, 0.25, 0.5, 0.75, 1], format: AxisFormat.percent, title: "P(spend ≤ x)")
        if !sorted.isEmpty {
            var points: [(Double, Double)] = [(x(lo), y(0))]
            let n = sorted.count
            let steps = min(n, 400)
            for k in 1...steps {
                let i = min(n - 1, k * n / steps - 1)
                let v = sorted[i]
                if v > x.domain.upperBound { break }
                points.append((x(v), y(Double(i + 1) / Double(n))))
            }
            canvas.path(points, class: "cdf")
        }
        frame.xAxis(&canvas, scale: x, ticks: x.ticks(6), format: AxisFormat.money, title: xTitle)
        drawMarkers(&canvas, frame: frame, x: x, markers: markers)
        return Chart(title: title, canvas: canvas, description: "Empirical CDF of \(sorted.count) trials")
    }

    /// Vertical dashed lines with labels above the plot, stacked so that they never collide.
    static func drawMarkers(_ canvas: inout SVGCanvas, frame: ChartFrame, x: LinearScale, markers: [ChartMarker]) {
        var placer = LabelPlacer(avoiding: canvas.labels)
        for m in markers where m.value.isFinite {
            let px = x(m.value)
            guard px >= frame.plotLeft - 0.5, px <= frame.plotRight + 0.5 else { continue }
            canvas.line(x1: px, y1: frame.plotTop - 4, x2: px, y2: frame.plotBottom, class: m.style)
            let text = "\(m.label) \(Money.compact(m.value))"
            var candidates: [(x: Double, y: Double)] = []
            for row in 0..<3 {
                let baseline = frame.plotTop - 8 - Double(row) * 15
                candidates.append((px + 4, baseline))
                candidates.append((px - 4, baseline))
            }
            let size = 12.0
            // Anchor on the side that keeps the label inside the canvas.
            var chosen: (x: Double, y: Double) = (px, frame.plotTop - 8)
            var anchor = TextAnchor.start
            var fitted = false
            for (i, c) in candidates.enumerated() {
                let a: TextAnchor = i % 2 == 0 ? .start : .end
                let box = SVGCanvas.box(text, x: c.x, y: c.y, size: size, anchor: a)
                if box.x < 0 || box.x + box.width > frame.width || box.y < 0 { continue }
                if placer.placed.contains(where: { $0.intersects(box) }) { continue }
                chosen = c
                anchor = a
                fitted = true
                break
            }
            if !fitted { chosen = candidates[0] }
            _ = placer.place(text, candidates: [chosen], size: size, anchor: anchor)
            canvas.text(text, x: chosen.x, y: chosen.y, size: size, anchor: anchor, class: "marker-label \(m.style)-label")
        }
    }
}
