/// One input of a tornado chart: the output at the input's low and high settings.
public struct TornadoBar: Sendable, Hashable {
    public var label: String
    /// Output when the input is at its low setting (P10).
    public var low: Double
    /// Output when the input is at its high setting (P90).
    public var high: Double
    /// How the input's settings read, e.g. `×0.82 – ×1.19`.
    public var range: String

    public init(label: String, low: Double, high: Double, range: String = "") {
        self.label = label
        self.low = low
        self.high = high
        self.range = range
    }

    public var swing: Double { abs(high - low) }
}

/// A tornado: one horizontal bar per input from the output at its low setting to the output at
/// its high setting, widest on top, around the base output.
public enum TornadoChart {
    /// - Parameter bars: drawn in the given order (sort them by swing first).
    public static func render(
        _ bars: [TornadoBar], base: Double, title: String = "Mean spend with each input at its P10 and at its P90",
        xTitle: String = "Mean spend per developer over the horizon (USD)", width: Double = 1000, rowHeight: Double = 28
    ) -> Chart {
        let labelWidth = min(
            360, (bars.map { Double(($0.label + "  " + $0.range).count) }.max() ?? 10) * 12 * SVGCanvas.characterWidth + 16)
        let height = 40 + Double(max(bars.count, 1)) * rowHeight + 52
        let frame = ChartFrame(width: width, height: height, left: labelWidth, right: 70, top: 40)
        var canvas = SVGCanvas(width: width, height: height)
        let lo = min(bars.map { min($0.low, $0.high) }.min() ?? base, base)
        let hi = max(bars.map { max($0.low, $0.high) }.max() ?? base, base)
        let pad = max((hi - lo) * 0.12, abs(base) * 0.01, 1e-9)
        let x = frame.xScale(LinearScale.niceDomain(lo - pad, hi + pad, count: 6))
        for t in x.ticks(6) { canvas.line(x1: x(t), y1: frame.plotTop, x2: x(t), y2: frame.plotBottom, class: "grid") }
        let bx = x(base)
        for (i, b) in bars.enumerated() {
            let top = frame.plotTop + Double(i) * rowHeight + 4
            let h = rowHeight - 8
            let xl = x(b.low), xh = x(b.high)
            // The part below the base and the part above it, coloured by which end of the input got there.
            canvas.rect(
                x: min(xl, bx), y: top, width: abs(xl - bx), height: h, class: "tornado-low",
                title: "\(b.label) at P10: \(Money.full(b.low))")
            canvas.rect(
                x: min(xh, bx), y: top, width: abs(xh - bx), height: h, class: "tornado-high",
                title: "\(b.label) at P90: \(Money.full(b.high))")
            let text = b.range.isEmpty ? b.label : "\(b.label)  \(b.range)"
            canvas.text(
                BarChart.truncated(text, to: Int((labelWidth - 12) / (12 * SVGCanvas.characterWidth))), x: frame.plotLeft - 8,
                y: top + h / 2 + 4, size: 12, anchor: .end, class: "bar-label")
            let left = min(xl, xh, bx), right = max(xl, xh, bx)
            let leftValue = b.low <= b.high ? b.low : b.high, rightValue = b.low <= b.high ? b.high : b.low
            if left < bx - 1 {
                canvas.text(Money.compact(leftValue), x: left - 4, y: top + h / 2 + 4, size: 11, anchor: .end, class: "value")
            }
            if right > bx + 1 {
                canvas.text(Money.compact(rightValue), x: right + 4, y: top + h / 2 + 4, size: 11, anchor: .start, class: "value")
            }
        }
        canvas.line(x1: bx, y1: frame.plotTop - 6, x2: bx, y2: frame.plotBottom, class: "base")
        canvas.text("base \(Money.compact(base))", x: bx, y: frame.plotTop - 12, size: 12, anchor: .middle, class: "marker-label")
        canvas.rect(x: frame.plotRight - 150, y: 8, width: 10, height: 10, class: "tornado-low", mark: false)
        canvas.text("input at P10", x: frame.plotRight - 136, y: 17, size: 11, anchor: .start, class: "legend")
        canvas.rect(x: frame.plotRight - 60, y: 8, width: 10, height: 10, class: "tornado-high", mark: false)
        canvas.text("at P90", x: frame.plotRight - 46, y: 17, size: 11, anchor: .start, class: "legend")
        frame.xAxis(&canvas, scale: x, ticks: x.ticks(6), format: AxisFormat.money, title: xTitle)
        return Chart(
            title: title, canvas: canvas, description: "Tornado of \(bars.count) inputs around a base of \(Money.compact(base))")
    }
}
