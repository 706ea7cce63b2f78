/// The plot area of a chart inside its canvas, and the axes around it.
///
/// Every chart in a report uses the same fonts and margins so that they line up on a page.
public struct ChartFrame: Sendable {
    public var width: Double
    public var height: Double
    public var left: Double, right: Double, top: Double, bottom: Double

    public static let tickSize = 12.0
    public static let titleSize = 13.0

    public init(width: Double, height: Double, left: Double = 70, right: Double = 20, top: Double = 34, bottom: Double = 52) {
        self.width = width
        self.height = height
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
    }

    public var plotLeft: Double { left }
    public var plotRight: Double { width - right }
    public var plotTop: Double { top }
    public var plotBottom: Double { height - bottom }

    public func xScale(_ domain: ClosedRange<Double>) -> LinearScale {
        LinearScale(domain: domain, range: plotLeft...plotRight)
    }

    public func yScale(_ domain: ClosedRange<Double>) -> LinearScale {
        LinearScale(domain: domain, range: plotTop...plotBottom, flipped: true)
    }

    /// A horizontal axis along the bottom with tick labels formatted by `format`, and its title.
    /// Tick labels that would collide with the previous one are skipped.
    public func xAxis(_ canvas: inout SVGCanvas, scale: LinearScale, ticks: [Double], format: (Double) -> String, title: String) {
        canvas.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, class: "axis")
        var last: LabelBox?
        for t in ticks {
            let x = scale(t)
            let label = format(t)
            let box = SVGCanvas.box(label, x: x, y: plotBottom + 18, size: Self.tickSize, anchor: .middle)
            if let last, box.x < last.x + last.width + 6 { continue }
            if box.x < 0 || box.x + box.width > width { continue }
            canvas.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 5, class: "axis")
            last = canvas.text(label, x: x, y: plotBottom + 18, size: Self.tickSize, anchor: .middle, class: "tick")
        }
        canvas.text(
            title, x: (plotLeft + plotRight) / 2, y: height - 10, size: Self.titleSize, anchor: .middle, class: "axis-title")
    }

    /// A vertical axis on the left with light grid lines, tick labels and a rotated title.
    public func yAxis(_ canvas: inout SVGCanvas, scale: LinearScale, ticks: [Double], format: (Double) -> String, title: String) {
        canvas.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, class: "axis")
        var last: LabelBox?
        for t in ticks {
            let y = scale(t)
            canvas.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, class: "grid")
            let box = SVGCanvas.box(format(t), x: plotLeft - 8, y: y + 4, size: Self.tickSize, anchor: .end)
            if let last, box.y + box.height > last.y - 2 { continue }
            last = canvas.text(format(t), x: plotLeft - 8, y: y + 4, size: Self.tickSize, anchor: .end, class: "tick")
        }
        canvas.text(
            title, x: 16, y: (plotTop + plotBottom) / 2, size: Self.titleSize, anchor: .middle, class: "axis-title", rotate: -90)
    }
}

/// Places labels so that they do not collide: each label tries its preferred spot, then spots
/// one row further away, until it fits.
public struct LabelPlacer: Sendable {
    public private(set) var placed: [LabelBox] = []

    public init(avoiding existing: [LabelBox] = []) { placed = existing }

    /// Baselines at `x`, from `y` outward in both directions by `step`: `y, y-step, y+step, ...`;
    /// `downFirst` tries `y+step` before `y-step`.
    public static func column(x: Double, y: Double, step: Double = 14, rows: Int = 6, downFirst: Bool = true) -> [(
        x: Double, y: Double
    )] {
        var out: [(x: Double, y: Double)] = [(x, y)]
        for k in 1..<max(rows, 2) {
            let d = Double(k) * step
            out.append((x, downFirst ? y + d : y - d))
            out.append((x, downFirst ? y - d : y + d))
        }
        return out
    }

    /// The first of `candidates` (baseline positions) where `text` collides with nothing placed
    /// so far, or the last candidate when none is free.
    public mutating func place(_ text: String, candidates: [(x: Double, y: Double)], size: Double, anchor: TextAnchor) -> (
        x: Double, y: Double
    ) {
        for c in candidates {
            let box = SVGCanvas.box(text, x: c.x, y: c.y, size: size, anchor: anchor)
            // Checked with room above and below: a browser's line box is taller than the font
            // size the estimate uses, and labels 13 px apart touched on the rendered page.
            var padded = box
            padded.y -= size * 0.15
            padded.height += size * 0.3
            if !placed.contains(where: { $0.intersects(padded) }) {
                placed.append(box)
                return c
            }
        }
        let c = candidates.last ?? (0, 0)
        placed.append(SVGCanvas.box(text, x: c.x, y: c.y, size: size, anchor: anchor))
        return c
    }
}
