/// One month of a fan chart: the band and the middle line.
public struct FanPoint: Sendable, Hashable {
    public var label: String
    public var p10: Double, p50: Double, p90: Double

    public init(label: String, p10: Double, p50: Double, p90: Double) {
        self.label = label
        self.p10 = p10
        self.p50 = p50
        self.p90 = p90
    }
}

/// Monthly spend as a fan: the P10–P90 band, the P50 line, and a budget line when there is one.
public enum FanChart {
    public static func render(
        _ points: [FanPoint], budget: ChartMarker? = nil, width: Double = 1000, height: Double = 340,
        title: String = "Monthly spend", yTitle: String = "Spend per developer per month (USD)",
        actual: [Double]? = nil
    ) -> Chart {
        var canvas = SVGCanvas(width: width, height: height)
        let frame = ChartFrame(width: width, height: height, left: 74, right: 110, top: 24)
        let top = max(points.map(\.p90).max() ?? 1, budget?.value ?? 0, actual?.max() ?? 0)
        let y = frame.yScale(LinearScale.niceDomain(0, top, count: 5))
        frame.yAxis(&canvas, scale: y, ticks: y.ticks(5), format: AxisFormat.money, title: yTitle)
        let n = max(points.count, 1)
        let step = (frame.plotRight - frame.plotLeft) / Double(n)
        func x(_ i: Int) -> Double { frame.plotLeft + (Double(i) + 0.5) * step }
        if !points.isEmpty {
            let upper = points.enumerated().map { (x($0.offset), y($0.element.p90)) }
            let lower = points.enumerated().reversed().map { (x($0.offset), y($0.element.p10)) }
            canvas.path(upper + lower, class: "band", closed: true)
            canvas.path(points.enumerated().map { (x($0.offset), y($0.element.p50)) }, class: "median")
            for (i, p) in points.enumerated() {
                canvas.circle(
                    cx: x(i), cy: y(p.p50), r: 3, class: "median-point",
                    title: "\(p.label): P10 \(Money.compact(p.p10)), P50 \(Money.compact(p.p50)), P90 \(Money.compact(p.p90))")
            }
        }
        // What happened, for a backtest: a dark point per month over the band.
        if let actual {
            for (i, a) in actual.enumerated() where i < points.count {
                canvas.circle(
                    cx: x(i), cy: y(a), r: 4, class: "actual-point", title: "\(points[i].label): actual \(Money.compact(a))")
            }
        }
        // Month labels: every k-th so that they never touch.
        canvas.line(x1: frame.plotLeft, y1: frame.plotBottom, x2: frame.plotRight, y2: frame.plotBottom, class: "axis")
        let widest = points.map { Double($0.label.count) }.max() ?? 1
        let every = max(1, Int((widest * ChartFrame.tickSize * SVGCanvas.characterWidth + 8) / step) + 1)
        for (i, p) in points.enumerated() where i % every == 0 {
            canvas.text(p.label, x: x(i), y: frame.plotBottom + 18, size: ChartFrame.tickSize, anchor: .middle, class: "tick")
        }
        canvas.text(
            "Month", x: (frame.plotLeft + frame.plotRight) / 2, y: height - 10, size: ChartFrame.titleSize, anchor: .middle,
            class: "axis-title")
        // Legend at the right end of the band, stacked clear of each other. The budget label
        // goes first: it belongs to a line, and the P-labels can move around it. Rows are 16 px
        // apart, a 12 px label's rendered line box with room to spare (14 px let the browser's
        // boxes touch when the budget sat just above P90).
        if let last = points.last {
            var placer = LabelPlacer(avoiding: canvas.labels)
            let lx = x(points.count - 1) + 10
            if let budget {
                let by = y(budget.value)
                canvas.line(x1: frame.plotLeft, y1: by, x2: lx - 6, y2: by, class: "budget")
                let text = "\(budget.label) \(Money.compact(budget.value))"
                let cands = LabelPlacer.column(x: lx, y: by + 4, step: 16, downFirst: false)
                let at = placer.place(text, candidates: cands, size: 12, anchor: .start)
                canvas.text(text, x: at.x, y: at.y, size: 12, anchor: .start, class: "legend budget-label")
            }
            for (text, v, cls) in [
                ("P90", last.p90, "legend"), ("P50", last.p50, "legend median-label"), ("P10", last.p10, "legend"),
            ] {
                let cands = LabelPlacer.column(x: lx, y: y(v) + 4, step: 16, downFirst: text != "P90")
                let at = placer.place(text, candidates: cands, size: 12, anchor: .start)
                canvas.text(text, x: at.x, y: at.y, size: 12, anchor: .start, class: cls)
            }
        }
        return Chart(
            title: title, canvas: canvas,
            description: "P10 to P90 band and P50 line of spend per month over \(points.count) months")
    }
}
