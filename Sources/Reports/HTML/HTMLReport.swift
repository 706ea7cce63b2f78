/// A self-contained HTML report: a title, sections in order, and a footer of run facts.
///
/// The page carries its own CSS and inline SVG charts, fetches nothing (no scripts, fonts or
/// images from anywhere), and prints cleanly. Commands build one with the sections they own:
///
/// ```swift
/// var report = HTMLReport(title: "Solo developer", subtitle: "tokencast run · scenarios/solo.yaml")
/// report.add(ForecastReport.headline(document))
/// report.add(HTMLSection(id: "plans", title: "Plans", blocks: [.charts([PlanCharts.bars(...)])]))
/// try output.emit(report.render())
/// ```
///
/// **Adding a section from another command.** Build an ``HTMLSection`` from ``HTMLBlock``s:
/// paragraphs (escaped text), headline figures, ``HTMLTable``s and ``Chart``s (draw them with
/// the chart types in `Reports/SVG`, or any ``SVGCanvas``). Give it a unique `id`. Nothing
/// else is needed: the page's CSS styles every block, and ``problems`` collects the layout
/// checks of every chart for `scripts/report-check.sh`.
public struct HTMLReport: Sendable {
    public var title: String
    public var subtitle: String
    public private(set) var sections: [HTMLSection] = []
    /// Facts about the run for the footer: seed, trials, run time, version.
    public var footer: [(String, String)] = []

    public init(title: String, subtitle: String) {
        self.title = title
        self.subtitle = subtitle
    }

    public mutating func add(_ section: HTMLSection) { sections.append(section) }

    /// Layout problems of every chart (overlapping labels, charts without data).
    public var problems: [String] { sections.flatMap { $0.blocks.flatMap(\.problems) } }

    /// The whole page.
    public func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"tokencast\">\n"
        out += "<title>\(e(title))</title>\n<style>\n\(HTMLStyle.css)</style>\n</head>\n<body>\n<main>\n"
        out += "<header><h1>\(e(title))</h1><p class=\"subtitle\">\(e(subtitle))</p>"
        if sections.count > 2 {
            out += "<nav><ul>" + sections.map { "<li><a href=\"#\(e($0.id))\">\(e($0.title))</a></li>" }.joined() + "</ul></nav>"
        }
        out += "</header>\n"
        for s in sections { out += s.render() + "\n" }
        if !footer.isEmpty {
            out +=
                "<footer><dl>" + footer.map { "<div><dt>\(e($0.0))</dt><dd>\(e($0.1))</dd></div>" }.joined() + "</dl></footer>\n"
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    func e(_ s: String) -> String { SVGCanvas.escape(s) }
}

/// One section of an ``HTMLReport``: a heading and its blocks.
public struct HTMLSection: Sendable {
    /// The anchor, unique in the page (`headline`, `distribution`, `plans`...).
    public var id: String
    public var title: String
    public var blocks: [HTMLBlock]

    public init(id: String, title: String, blocks: [HTMLBlock]) {
        self.id = id
        self.title = title
        self.blocks = blocks
    }

    func render() -> String {
        "<section id=\"\(SVGCanvas.escape(id))\"><h2>\(SVGCanvas.escape(title))</h2>" + blocks.map { $0.render() }.joined()
            + "</section>"
    }
}

/// A headline figure: a big number, what it is, and a note under it.
public struct HeadlineFigure: Sendable, Hashable {
    public var label: String
    public var value: String
    public var note: String

    public init(label: String, value: String, note: String = "") {
        self.label = label
        self.value = value
        self.note = note
    }
}

/// The content of a section.
public enum HTMLBlock: Sendable {
    /// A paragraph of plain text (escaped).
    case paragraph(String)
    /// A row of big figures.
    case figures([HeadlineFigure])
    case table(HTMLTable)
    /// Charts side by side when there is room, stacked otherwise.
    case charts([Chart])
    /// A small print note (escaped).
    case note(String)

    var problems: [String] {
        if case let .charts(charts) = self { return charts.flatMap(\.problems) }
        return []
    }

    func render() -> String {
        switch self {
        case let .paragraph(text):
            return "<p>\(SVGCanvas.escape(text))</p>"
        case let .note(text):
            return "<p class=\"note\">\(SVGCanvas.escape(text))</p>"
        case let .figures(figures):
            return "<div class=\"figures\">"
                + figures.map {
                    "<div class=\"figure\"><div class=\"figure-label\">\(SVGCanvas.escape($0.label))</div><div class=\"figure-value\">\(SVGCanvas.escape($0.value))</div>"
                        + ($0.note.isEmpty ? "" : "<div class=\"figure-note\">\(SVGCanvas.escape($0.note))</div>") + "</div>"
                }.joined() + "</div>"
        case let .table(table):
            return table.render()
        case let .charts(charts):
            let cls = charts.count > 1 ? "charts pair" : "charts"
            return "<div class=\"\(cls)\">"
                + charts.map {
                    "<figure class=\"chart\"><figcaption>\(SVGCanvas.escape($0.title))</figcaption>\($0.svg)</figure>"
                }.joined() + "</div>"
        }
    }
}

/// A table of text cells; columns listed in `numeric` are right-aligned.
public struct HTMLTable: Sendable {
    public var caption: String?
    public var header: [String]
    public var rows: [[String]] = []
    public var numeric: Set<Int>

    public init(caption: String? = nil, header: [String], numeric: Set<Int> = []) {
        self.caption = caption
        self.header = header
        self.numeric = numeric
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        func cell(_ tag: String, _ i: Int, _ s: String) -> String {
            "<\(tag)\(numeric.contains(i) ? " class=\"num\"" : "")>\(SVGCanvas.escape(s))</\(tag)>"
        }
        var out = "<div class=\"table-wrap\"><table>"
        if let caption { out += "<caption>\(SVGCanvas.escape(caption))</caption>" }
        out += "<thead><tr>" + header.enumerated().map { cell("th", $0.offset, $0.element) }.joined() + "</tr></thead><tbody>"
        for r in rows { out += "<tr>" + r.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>" }
        return out + "</tbody></table></div>"
    }
}
