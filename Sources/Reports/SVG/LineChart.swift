/// A named series of points for a ``LineChart``.
public struct LineSeries: Sendable, Hashable {
    public var name: String
    public var points: [Point]
    public var style: String

    public struct Point: Sendable, Hashable {
        public var x: Double, y: Double
        public init(x: Double, y: Double) { self.x = x; self.y = y }
    }

    public init(name: String, points: [Point], style: String) {
        self.name = name
        self.points = points
        self.style = style
    }
}

/// Lines with points, money on the y axis: the running estimates of a convergence run.
public enum LineChart {
    public static func render(
        _ series: [LineSeries], title: String, xTitle: String, yTitle: String,
        xFormat: @escaping (Double) -> String, width: Double = 1000, height: Double = 300
    ) -> Chart {
        var canvas = SVGCanvas(width: width, height: height)
        let frame = ChartFrame(width: width, height: height, left: 74, right: 120, top: 20)
        let xs = series.flatMap { $0.points.map(\.x) }, ys = series.flatMap { $0.points.map(\.y) }
        let x = frame.xScale(LinearScale.niceDomain(0, xs.max() ?? 1))
        let yLo = ys.min() ?? 0, yHi = ys.max() ?? 1
        let pad = max((yHi - yLo) * 0.15, abs(yHi) * 0.02, 1e-9)
        let y = frame.yScale(LinearScale.niceDomain(max(0, yLo - pad), yHi + pad, count: 5))
        frame.yAxis(&canvas, scale: y, ticks: y.ticks(5), format: AxisFormat.money, title: yTitle)
        frame.xAxis(&canvas, scale: x, ticks: x.ticks(6), format: xFormat, title: xTitle)
        var placer = LabelPlacer(avoiding: canvas.labels)
        for s in series where !s.points.isEmpty {
            canvas.path(s.points.map { (x($0.x), y($0.y)) }, class: "line \(s.style)")
            for p in s.points { canvas.circle(cx: x(p.x), cy: y(p.y), r: 2.5, class: "point \(s.style)") }
            if let last = s.points.last {
                let cands = LabelPlacer.column(x: x(last.x) + 8, y: y(last.y) + 4, downFirst: false)
                let at = placer.place(s.name, candidates: cands, size: 12, anchor: .start)
                canvas.text(s.name, x: at.x, y: at.y, size: 12, anchor: .start, class: "legend \(s.style)-label")
            }
        }
        return Chart(
            title: title, canvas: canvas,
            description: series.map { "\($0.name): \($0.points.count) points" }.joined(separator: "; "))
    }
}
