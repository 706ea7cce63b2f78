/// Charts that compare two samples: held-out (logged) threads against simulated ones.
public enum QuantileCharts {
    /// Quantile-quantile plot: simulated quantile against held-out quantile, with the line
    /// y = x on which a perfect forecast lies.
    ///
    /// - Parameter pairs: (held-out quantile, simulated quantile) at increasing probabilities.
    public static func qq(_ pairs: [(Double, Double)], title: String, unit: String, width: Double = 520, height: Double = 380)
        -> Chart
    {
        var canvas = SVGCanvas(width: width, height: height)
        let frame = ChartFrame(width: width, height: height, top: 20)
        let hi = max(pairs.map(\.0).max() ?? 1, pairs.map(\.1).max() ?? 1)
        let x = frame.xScale(LinearScale.niceDomain(0, hi))
        let y = frame.yScale(LinearScale.niceDomain(0, hi))
        frame.yAxis(&canvas, scale: y, ticks: y.ticks(5), format: AxisFormat.money, title: "Simulated quantile (\(unit))")
        frame.xAxis(&canvas, scale: x, ticks: x.ticks(5), format: AxisFormat.money, title: "Held-out quantile (\(unit))")
        let top = min(x.domain.upperBound, y.domain.upperBound)
        canvas.path([(x(0), y(0)), (x(top), y(top))], class: "marker", mark: false)
        for (a, b) in pairs where a <= x.domain.upperBound && b <= y.domain.upperBound {
            canvas.circle(cx: x(a), cy: y(b), r: 2.5, class: "point mean")
        }
        return Chart(title: title, canvas: canvas, description: "QQ plot of \(pairs.count) quantiles")
    }

    /// Two empirical CDFs overlaid: held out (solid) and simulated (dashed).
    ///
    /// - Parameter quantiles: (probability, held-out quantile, simulated quantile) rows.
    public static func cdfs(
        _ quantiles: [(Double, Double, Double)], title: String, xTitle: String, width: Double = 520, height: Double = 380
    ) -> Chart {
        var canvas = SVGCanvas(width: width, height: height)
        let frame = ChartFrame(width: width, height: height, top: 40)
        let hi = max(quantiles.map(\.1).max() ?? 1, quantiles.map(\.2).max() ?? 1)
        let x = frame.xScale(LinearScale.niceDomain(0, hi))
        let y = frame.yScale(0...1)
        frame.yAxis(&canvas, scale: y, ticks: [0, 0.25, 0.5, 0.75, 1], format: AxisFormat.percent, title: "P(cost ≤ x)")
        frame.xAxis(&canvas, scale: x, ticks: x.ticks(5), format: AxisFormat.money, title: xTitle)
        canvas.path(quantiles.map { (x($0.1), y($0.0)) }, class: "line mean")
        canvas.path(quantiles.map { (x($0.2), y($0.0)) }, class: "line p90 dashed")
        let legendY = 16.0
        canvas.line(x1: frame.left, y1: legendY - 4, x2: frame.left + 24, y2: legendY - 4, class: "line mean", mark: false)
        _ = canvas.text("held out", x: frame.left + 30, y: legendY, size: 12, class: "legend")
        canvas.line(
            x1: frame.left + 110, y1: legendY - 4, x2: frame.left + 134, y2: legendY - 4, class: "line p90 dashed", mark: false)
        _ = canvas.text("simulated", x: frame.left + 140, y: legendY, size: 12, class: "legend")
        return Chart(title: title, canvas: canvas, description: "Held-out and simulated CDFs")
    }
}
