/// The report's stylesheet: system fonts only, a screen layout for a laptop (charts in pairs
/// from 1,100 px) and a print layout (A4/Letter, charts stacked, no page break inside a chart).
enum HTMLStyle {
    static let css = """
        :root { --ink: #1d2430; --muted: #5b6573; --line: #d6dbe3; --accent: #2f6fb3; --accent-soft: #b9d3ee;
                --warm: #d2691e; --warm-soft: #f3c9a5; --ok: #2e8b57; --bg: #ffffff; --panel: #f5f7fa; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--ink);
               font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 40px; }
        header h1 { font-size: 26px; margin: 0 0 2px; }
        .subtitle { color: var(--muted); margin: 0 0 10px; overflow-wrap: anywhere; }
        nav ul { list-style: none; padding: 0; margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; }
        nav a { color: var(--accent); text-decoration: none; }
        section { border-top: 1px solid var(--line); padding: 14px 0 6px; }
        h2 { font-size: 19px; margin: 0 0 10px; }
        p { margin: 6px 0 10px; max-width: 80ch; }
        .note { color: var(--muted); font-size: 13px; }
        .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; }
        .figure { background: var(--panel); border-radius: 6px; padding: 10px 14px; }
        .figure-label { color: var(--muted); font-size: 13px; }
        .figure-value { font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .figure-note { color: var(--muted); font-size: 12px; }
        .charts { display: grid; grid-template-columns: 1fr; gap: 16px; }
        .charts.pair { grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); }
        figure.chart { margin: 0; min-width: 0; }
        figcaption { font-weight: 600; font-size: 14px; margin-bottom: 2px; }
        svg { width: 100%; height: auto; display: block; overflow: visible; }
        svg text { fill: var(--ink); font-family: inherit; }
        svg .tick, svg .note, svg .legend { fill: var(--muted); }
        svg .axis { stroke: #8a94a3; stroke-width: 1; }
        svg .grid { stroke: #e8ebf0; stroke-width: 1; }
        svg .bar { fill: var(--accent); }
        svg .bar.highlight { fill: var(--ok); }
        svg .bar.waste { fill: var(--warm); }
        svg .cdf { fill: none; stroke: var(--accent); stroke-width: 2; }
        svg .band { fill: var(--accent-soft); stroke: none; opacity: 0.8; }
        svg .median { fill: none; stroke: var(--accent); stroke-width: 2.5; }
        svg .median-point { fill: var(--accent); }
        svg .actual-point { fill: #111; stroke: #fff; stroke-width: 1; }
        svg .marker { stroke: var(--ink); stroke-width: 1.2; stroke-dasharray: 4 3; }
        svg .marker-label { font-weight: 600; }
        svg .budget { stroke: var(--warm); stroke-width: 2; stroke-dasharray: 6 4; }
        svg .budget-label { fill: var(--warm); font-weight: 600; }
        svg .base { stroke: var(--ink); stroke-width: 1.5; }
        svg .tornado-low { fill: var(--accent); }
        svg .tornado-high { fill: var(--warm); }
        svg .line { fill: none; stroke-width: 2; }
        svg .line.mean { stroke: var(--accent); } svg .point.mean { fill: var(--accent); }
        svg .line.p90 { stroke: var(--warm); } svg .point.p90 { fill: var(--warm); }
        svg .line.dashed { stroke-dasharray: 6 4; }
        .table-wrap { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; margin: 4px 0 12px; font-size: 13.5px; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
        th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { color: var(--muted); font-weight: 600; }
        td.num, th.num { text-align: right; }
        footer { border-top: 1px solid var(--line); margin-top: 16px; padding-top: 10px; color: var(--muted); font-size: 13px; }
        footer dl { display: flex; flex-wrap: wrap; gap: 6px 24px; margin: 0; }
        footer dt { display: inline; font-weight: 600; } footer dd { display: inline; margin: 0 0 0 6px; }
        @media print {
          @page { margin: 14mm; }
          body { font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          nav { display: none; }
          section { break-inside: auto; }
          figure.chart, .figures, table { break-inside: avoid; }
          h2 { break-after: avoid; }
          .charts.pair { grid-template-columns: 1fr 1fr; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        @media (max-width: 700px) { .charts.pair { grid-template-columns: 1fr; } main { padding: 14px; } }

        """
}
