/// One bar of a horizontal bar chart.
public struct Bar: Sendable, Hashable {
    public var label: String
    public var value: Double
    /// Text written at the bar's end; the value in compact money when nil.
    public var valueLabel: String?
    /// Extra CSS class (e.g. `highlight` for the cheapest plan).
    public var style: String

    public init(label: String, value: Double, valueLabel: String? = nil, style: String = "") {
        self.label = label
        self.value = value
        self.valueLabel = valueLabel
        self.style = style
    }
}

/// Horizontal bars, labelled on the left, values at the bars' ends: plan comparisons, cost per
/// completed task and waste share by model.
public enum BarChart {
    public static func render(
        _ bars: [Bar], title: String, xTitle: String, format: @escaping (Double) -> String = AxisFormat.money,
        width: Double = 600, rowHeight: Double = 30
    ) -> Chart {
        let labelWidth = min(240, (bars.map { Double($0.label.count) }.max() ?? 4) * 12 * SVGCanvas.characterWidth + 16)
        let valueWidth =
            (bars.map { Double(($0.valueLabel ?? format($0.value)).count) }.max() ?? 4) * 12 * SVGCanvas.characterWidth + 12
        let height = 24 + Double(max(bars.count, 1)) * rowHeight + 52
        let frame = ChartFrame(width: width, height: height, left: labelWidth, right: max(20, valueWidth), top: 16)
        var canvas = SVGCanvas(width: width, height: height)
        let hi = max(bars.map(\.value).max() ?? 1, 0)
        let x = frame.xScale(LinearScale.niceDomain(0, hi > 0 ? hi : 1, count: 4))
        for t in x.ticks(4) { canvas.line(x1: x(t), y1: frame.plotTop, x2: x(t), y2: frame.plotBottom, class: "grid") }
        for (i, b) in bars.enumerated() {
            let top = frame.plotTop + Double(i) * rowHeight + 5
            let h = rowHeight - 10
            let end = x(max(b.value, 0))
            canvas.rect(
                x: frame.plotLeft, y: top, width: end - frame.plotLeft, height: h, class: "bar \(b.style)",
                title: "\(b.label): \(b.valueLabel ?? format(b.value))")
            let label = truncated(b.label, to: Int((labelWidth - 12) / (12 * SVGCanvas.characterWidth)))
            canvas.text(label, x: frame.plotLeft - 8, y: top + h / 2 + 4, size: 12, anchor: .end, class: "bar-label")
            canvas.text(b.valueLabel ?? format(b.value), x: end + 6, y: top + h / 2 + 4, size: 12, anchor: .start, class: "value")
        }
        frame.xAxis(&canvas, scale: x, ticks: x.ticks(4), format: format, title: xTitle)
        return Chart(
            title: title, canvas: canvas,
            description: "\(bars.count) bars: "
                + bars.map { "\($0.label) \($0.valueLabel ?? format($0.value))" }.joined(separator: "; "))
    }

    static func truncated(_ s: String, to n: Int) -> String {
        s.count <= n || n < 2 ? s : String(s.prefix(n - 1)) + "…"
    }
}
