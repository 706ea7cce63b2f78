import Foundation

/// A box a text label occupies on a chart, in the chart's own coordinates (SVG user units).
///
/// Browsers measure text only when they render it; the layout estimates a label's width from
/// its length (``SVGCanvas/characterWidth`` of the font size per character, generous for the
/// digits and capitals charts use) so that overlaps can be found, and avoided, in Swift.
public struct LabelBox: Sendable, Hashable {
    public var text: String
    public var x: Double, y: Double, width: Double, height: Double

    public init(text: String, x: Double, y: Double, width: Double, height: Double) {
        self.text = text
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// True when the two boxes share some area (touching edges do not count).
    public func intersects(_ other: LabelBox) -> Bool {
        x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
    }
}

/// Where a text label is anchored horizontally, as SVG's `text-anchor`.
public enum TextAnchor: String, Sendable {
    case start, middle, end
}

/// Builds one SVG chart: elements are appended in order, text labels are recorded with their
/// boxes, and data marks (bars, lines, points that show data) are counted so that a chart
/// without data can be detected.
public struct SVGCanvas: Sendable {
    public let width: Double
    public let height: Double
    private var elements: [String] = []
    public private(set) var labels: [LabelBox] = []
    /// Elements that show data (class `mark`).
    public private(set) var dataMarks = 0

    /// Width of one character as a share of the font size: an upper estimate for sans-serif digits.
    public static let characterWidth = 0.62

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The box `text` would occupy at `(x, y)` (y is the baseline).
    public static func box(_ text: String, x: Double, y: Double, size: Double, anchor: TextAnchor) -> LabelBox {
        let w = Double(text.count) * size * characterWidth
        let left: Double
        switch anchor {
        case .start: left = x
        case .middle: left = x - w / 2
        case .end: left = x - w
        }
        return LabelBox(text: text, x: left, y: y - size * 0.8, width: w, height: size)
    }

    public mutating func rect(
        x: Double, y: Double, width w: Double, height h: Double, class cls: String, mark: Bool = true, title: String? = nil
    ) {
        let t = title.map { "<title>\(SVGCanvas.escape($0))</title>" } ?? ""
        let c = mark ? "mark \(cls)" : cls
        let open = "<rect class=\"\(c)\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(max(w, 0)))\" height=\"\(f(max(h, 0)))\""
        elements.append(t.isEmpty ? open + "/>" : open + ">\(t)</rect>")
        if mark { dataMarks += 1 }
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, class cls: String, mark: Bool = false) {
        elements.append(
            "<line class=\"\(mark ? "mark " : "")\(cls)\" x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\"/>")
        if mark { dataMarks += 1 }
    }

    /// A polyline through `points`; `closed` fills it as an area.
    public mutating func path(_ points: [(Double, Double)], class cls: String, closed: Bool = false, mark: Bool = true) {
        guard let first = points.first else { return }
        var d = "M\(f(first.0)),\(f(first.1))"
        for p in points.dropFirst() { d += "L\(f(p.0)),\(f(p.1))" }
        if closed { d += "Z" }
        elements.append("<path class=\"\(mark ? "mark " : "")\(cls)\" d=\"\(d)\"/>")
        if mark { dataMarks += 1 }
    }

    public mutating func circle(cx: Double, cy: Double, r: Double, class cls: String, title: String? = nil) {
        let t = title.map { "<title>\(SVGCanvas.escape($0))</title>" } ?? ""
        elements.append("<circle class=\"mark \(cls)\" cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"\(f(r))\">\(t)</circle>")
        dataMarks += 1
    }

    /// A text label; its box is recorded for the overlap check. Rotated labels (`rotate: -90`,
    /// for a y-axis title) are recorded with their rotated box.
    @discardableResult
    public mutating func text(
        _ s: String, x: Double, y: Double, size: Double = 12, anchor: TextAnchor = .start, class cls: String = "label",
        rotate: Double? = nil
    ) -> LabelBox {
        var box = Self.box(s, x: x, y: y, size: size, anchor: anchor)
        var transform = ""
        if let rotate {
            transform = " transform=\"rotate(\(f(rotate)) \(f(x)) \(f(y)))\""
            // A quarter turn swaps the box's sides about the anchor point.
            box = LabelBox(text: s, x: x - size * 0.8, y: y - (box.x + box.width - x), width: size, height: box.width)
        }
        elements.append(
            "<text class=\"\(cls)\" x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" text-anchor=\"\(anchor.rawValue)\"\(transform)>\(Self.escape(s))</text>"
        )
        labels.append(box)
        return box
    }

    /// Appends raw, already well-formed SVG (a `<g>` of decorations, a `<defs>`).
    public mutating func raw(_ svg: String) { elements.append(svg) }

    /// The finished `<svg>` element, scalable to its container's width.
    public func render(title: String, description: String) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" "
        out += "aria-label=\"\(Self.escape(title))\" data-marks=\"\(dataMarks)\" preserveAspectRatio=\"xMidYMid meet\">"
        out += "<title>\(Self.escape(title))</title><desc>\(Self.escape(description))</desc>"
        out += elements.joined()
        out += "</svg>"
        return out
    }

    /// Pairs of labels whose boxes overlap.
    public var overlappingLabels: [(LabelBox, LabelBox)] {
        var pairs: [(LabelBox, LabelBox)] = []
        for i in labels.indices {
            for j in labels.indices where j > i && labels[i].intersects(labels[j]) {
                pairs.append((labels[i], labels[j]))
            }
        }
        return pairs
    }

    /// Labels that stick out of the canvas.
    public var labelsOutside: [LabelBox] {
        labels.filter { $0.x < -0.5 || $0.y < -0.5 || $0.x + $0.width > width + 0.5 || $0.y + $0.height > height + 0.5 }
    }

    /// Escapes text for SVG/HTML content and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Coordinates to two decimals: enough for a screen, short enough to keep files small.
    func f(_ v: Double) -> String { SVGCanvas.number(v) }

    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        var text = String(format: "%.2f", r)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

/// A finished chart: its SVG and what the layout checks found.
public struct Chart: Sendable {
    public var title: String
    public var svg: String
    public var dataMarks: Int
    /// Layout problems found while drawing: overlapping labels, labels outside the canvas, no data.
    public var problems: [String]

    public init(title: String, canvas: SVGCanvas, description: String) {
        self.title = title
        self.svg = canvas.render(title: title, description: description)
        self.dataMarks = canvas.dataMarks
        var problems: [String] = []
        if canvas.dataMarks == 0 { problems.append("\(title): the chart has no data marks") }
        for (a, b) in canvas.overlappingLabels {
            problems.append("\(title): labels '\(a.text)' and '\(b.text)' overlap")
        }
        for l in canvas.labelsOutside { problems.append("\(title): label '\(l.text)' sticks out of the chart") }
        self.problems = problems
    }
}
