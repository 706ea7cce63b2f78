import Foundation
import Scenario
import Simulation

/// The HTML report of `tokencast run --format html`: one developer's forecast, section by section.
///
/// Each section is a public function so that other commands can reuse them (a team forecast
/// can show the same distribution charts) and add their own.
public enum ForecastReport {
    /// What the report shows beyond the JSON document.
    public struct Extras: Sendable {
        /// Spend over the horizon of every trial, for the histogram and CDF.
        public var annualByTrial: [Double]
        /// A budget per developer over the horizon (USD).
        public var budget: Double?
        public var sensitivity: SensitivityResult?
        /// The looks a `--target-rse` run took.
        public var convergence: [Convergence.Step]?
        public var convergenceTarget: Double?
        /// Plans to compare (see ``planComparison(_:)``).
        public var plans: [Bar]?

        public init(
            annualByTrial: [Double], budget: Double? = nil, sensitivity: SensitivityResult? = nil,
            convergence: [Convergence.Step]? = nil, convergenceTarget: Double? = nil, plans: [Bar]? = nil
        ) {
            self.annualByTrial = annualByTrial
            self.budget = budget
            self.sensitivity = sensitivity
            self.convergence = convergence
            self.convergenceTarget = convergenceTarget
            self.plans = plans
        }
    }

    public static func build(_ d: ForecastDocument, scenario: Scenario, extras: Extras) -> HTMLReport {
        var report = HTMLReport(
            title: "\(d.scenario): cost forecast",
            subtitle: "One developer, \(horizon(d)) from \(d.months.first ?? "") · \(d.file)")
        report.add(headline(d, budget: extras.budget, values: extras.annualByTrial))
        report.add(distribution(d, values: extras.annualByTrial, budget: extras.budget))
        report.add(monthly(d, budget: extras.budget))
        report.add(models(d))
        if let plans = extras.plans { report.add(planComparison(plans)) }
        if let s = extras.sensitivity { report.add(sensitivity(s)) }
        if let steps = extras.convergence { report.add(convergence(steps, target: extras.convergenceTarget)) }
        report.add(inputs(scenario))
        report.footer = footer(d)
        return report
    }

    static func horizon(_ d: ForecastDocument) -> String {
        d.months.count == 12 ? "one year" : "\(d.months.count) months"
    }

    /// Seed, trials, run time, version: what it takes to reproduce the numbers.
    public static func footer(_ d: ForecastDocument) -> [(String, String)] {
        [
            ("seed", String(d.seed)), ("trials", Money.grouped(Double(d.trials))),
            ("run time", String(format: "%.1f s", d.elapsedSeconds)), ("version", "tokencast \(d.version)"),
            ("reproduce", "tokencast run \(d.file) --seed \(d.seed) --trials \(d.trials)"),
        ]
    }

    public static func headline(_ d: ForecastDocument, budget: Double?, values: [Double] = []) -> HTMLSection {
        let a = d.annual
        var figures = [
            HeadlineFigure(
                label: "Mean spend, \(horizon(d))", value: Money.full(a.mean),
                note: "± \(Money.full(a.standardError)) (standard error)"),
            HeadlineFigure(label: "Median (P50)", value: Money.full(a.p50), note: "half of outcomes below"),
            HeadlineFigure(label: "P90", value: Money.full(a.p90), note: "9 in 10 outcomes below"),
            HeadlineFigure(label: "P95", value: Money.full(a.p95), note: "budget for a bad year"),
            HeadlineFigure(
                label: "Cost per completed task", value: Money.full(d.costPerCompletedTask),
                note: "\(Money.percent(d.completionRate)) of tasks completed"),
            HeadlineFigure(label: "Waste share", value: Money.percent(d.wasteShare), note: "spend on off-the-rails attempts"),
        ]
        var blocks: [HTMLBlock] = []
        if let budget {
            figures.append(
                HeadlineFigure(
                    label: "Chance of exceeding \(Money.full(budget))",
                    value: Money.percent(SpendSummary.exceedance(values, budget)), note: "the budget given with --budget"))
        }
        blocks.append(.figures(figures.filter { !$0.value.isEmpty }))
        blocks.append(
            .paragraph(
                "\(Money.grouped(d.threadsPerYear)) agent threads a year at \(Money.full(d.costPerThread)) a thread on average, \(String(format: "%.2f", d.attemptsPerThread)) attempts each."
            ))
        return HTMLSection(id: "headline", title: "Headline figures", blocks: blocks)
    }

    public static func markers(_ a: SpendSummary, budget: Double?) -> [ChartMarker] {
        var m = [
            ChartMarker(label: "P50", value: a.p50), ChartMarker(label: "P90", value: a.p90),
            ChartMarker(label: "P95", value: a.p95),
        ]
        if let budget { m.append(ChartMarker(label: "budget", value: budget, style: "budget")) }
        return m
    }

    public static func distribution(_ d: ForecastDocument, values: [Double], budget: Double?) -> HTMLSection {
        let h = Histogram(values, bins: 40)
        let sorted = values.sorted()
        let m = markers(d.annual, budget: budget)
        let xTitle = "Spend per developer, \(horizon(d)) (USD)"
        var blocks: [HTMLBlock] = [
            .charts([
                DistributionCharts.histogram(h, markers: m, xTitle: xTitle),
                DistributionCharts.cdf(sorted, markers: m, upper: h.upper, xTitle: xTitle),
            ])
        ]
        var text =
            "Each of \(Money.grouped(Double(d.trials))) trials is one possible year for this developer: how many threads they run, how each thread goes, and where behaviour and prices land."
        if let budget {
            let p = SpendSummary.exceedance(values, budget)
            text += " The chance of spending more than the budget of \(Money.full(budget)) is \(Money.percent(p))."
        }
        blocks.append(.paragraph(text))
        var t = HTMLTable(header: ["P5", "P10", "P50", "P90", "P95", "P99", "mean", "standard error"], numeric: Set(0..<8))
        let a = d.annual
        t.add([a.p5, a.p10, a.p50, a.p90, a.p95, a.p99, a.mean, a.standardError].map(Money.full))
        blocks.append(.table(t))
        return HTMLSection(id: "distribution", title: "Spend over \(horizon(d))", blocks: blocks)
    }

    public static func monthly(_ d: ForecastDocument, budget: Double?) -> HTMLSection {
        let points = d.monthly.map {
            FanPoint(label: shortMonth($0.month), p10: $0.spend.p10, p50: $0.spend.p50, p90: $0.spend.p90)
        }
        let months = Double(max(d.months.count, 1))
        let line = budget.map { ChartMarker(label: "budget ÷ \(d.months.count)", value: $0 / months, style: "budget") }
        var blocks: [HTMLBlock] = [.charts([FanChart.render(points, budget: line)])]
        blocks.append(
            .note(
                "The band holds 80 % of outcomes each month (P10 to P90); the line is the median. Months differ by their working days."
            ))
        return HTMLSection(id: "monthly", title: "Month by month", blocks: blocks)
    }

    /// `2027-01` → `Jan 2027`.
    static func shortMonth(_ m: String) -> String {
        let parts = m.split(separator: "-")
        guard parts.count == 2, let k = Int(parts[1]), (1...12).contains(k) else { return m }
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(names[k - 1]) \(parts[0])"
    }

    public static func models(_ d: ForecastDocument) -> HTMLSection {
        let cost = BarChart.render(
            d.models.map { Bar(label: $0.name, value: $0.costPerCompletedTask, valueLabel: Money.full($0.costPerCompletedTask)) },
            title: "Cost per completed task", xTitle: "USD per completed task", format: AxisFormat.money, width: 560)
        let waste = BarChart.render(
            d.models.map { Bar(label: $0.name, value: $0.wasteShare, valueLabel: Money.percent($0.wasteShare), style: "waste") },
            title: "Waste share", xTitle: "Share of spend on off-the-rails attempts", format: AxisFormat.percent, width: 560)
        var t = HTMLTable(
            header: [
                "model", "price key", "share of threads", "cost/thread", "cost/completed task", "waste share", "attempts/thread",
                "turns/attempt", "share of spend", "mean spend", "P90 spend",
            ], numeric: Set(2..<11))
        for m in d.models {
            t.add([
                m.name, m.priceKey, Money.percent(m.shareOfThreads, digits: 0), Money.full(m.costPerThread),
                Money.full(m.costPerCompletedTask),
                Money.percent(m.wasteShare), String(format: "%.2f", m.attemptsPerThread),
                String(format: "%.1f", m.turnsPerAttempt),
                Money.percent(m.shareOfSpend, digits: 0), Money.full(m.annual.mean), Money.full(m.annual.p90),
            ])
        }
        var blocks: [HTMLBlock] = [.charts([cost, waste]), .table(t)]
        let published = d.models.compactMap { m in m.published.map { (m, $0) } }
        if !published.isEmpty {
            var p = HTMLTable(
                caption: "Against published figures",
                header: ["model", "cost/thread", "published", "waste share", "published", "source"], numeric: [1, 2, 3, 4])
            for (m, pub) in published {
                p.add([
                    m.name, Money.full(m.costPerThread), pub.averageThreadCost.map(Money.full) ?? "–",
                    Money.percent(m.wasteShare), pub.wasteShare.map { Money.percent($0) } ?? "–", pub.source ?? "",
                ])
            }
            blocks.append(.table(p))
        }
        return HTMLSection(id: "models", title: "By model", blocks: blocks)
    }

    /// Plans side by side: one bar per plan (cost per developer over the horizon). The plan
    /// comparison command owns the numbers; this only draws them. The first bar with style
    /// `highlight` is drawn green.
    public static func planComparison(_ bars: [Bar], note: String? = nil) -> HTMLSection {
        var blocks: [HTMLBlock] = [
            .charts([BarChart.render(bars, title: "Plans compared", xTitle: "Cost per developer (USD)", width: 1000)])
        ]
        if let note { blocks.append(.note(note)) }
        return HTMLSection(id: "plans", title: "Plans", blocks: blocks)
    }

    public static func sensitivity(_ s: SensitivityResult) -> HTMLSection {
        var blocks: [HTMLBlock] = []
        if s.material.isEmpty && s.immaterial.isEmpty {
            blocks.append(
                .paragraph(
                    "This scenario gives no uncertainty for any input (no 'uncertainty' block, no price-path spread, no developer CV), so there is nothing to swing: every trial differs only by per-thread and per-day chance."
                ))
        } else if s.material.isEmpty {
            blocks.append(
                .paragraph("No uncertain input moves the mean spend by \(Money.percent(s.materialShare, digits: 0)) or more."))
        } else {
            let bars = s.material.map { TornadoBar(label: $0.input.name, low: $0.low, high: $0.high, range: $0.input.rangeText) }
            blocks.append(.charts([TornadoChart.render(bars, base: s.base)]))
        }
        if !(s.material.isEmpty && s.immaterial.isEmpty) {
            blocks.append(
                .note(
                    "Each input swung alone from its P10 to its P90 with the others at their median, \(Money.grouped(Double(s.trials))) trials per run, the same random numbers in every run (seed \(s.seed))."
                ))
        }
        if !s.immaterial.isEmpty {
            blocks.append(
                .paragraph(
                    "No material effect (swing under \(Money.percent(s.materialShare, digits: 0)) of the base): "
                        + s.immaterial.map(\.input.name).joined(separator: ", ") + "."))
        }
        if !s.fixed.isEmpty {
            blocks.append(
                .paragraph("Fixed in this scenario (no uncertainty given): " + s.fixed.map(\.name).joined(separator: ", ") + "."))
        }
        if !s.varianceShares.isEmpty {
            let bars = s.varianceShares.map { Bar(label: $0.name, value: $0.share, valueLabel: Money.percent($0.share)) }
            blocks.append(
                .charts([
                    BarChart.render(
                        bars, title: "Share of the variance of spend", xTitle: "Share of variance explained",
                        format: AxisFormat.percent, width: 1000)
                ]))
            blocks.append(
                .note(
                    "Squared standardised regression coefficients of spend on each trial's shared draws over \(Money.grouped(Double(s.regressionTrials))) trials (least squares, LAPACK). Together the draws explain \(Money.percent(s.rSquared)) of the variance; the rest is per-thread and per-day chance."
                ))
        }
        return HTMLSection(id: "sensitivity", title: "What moves the forecast", blocks: blocks)
    }

    public static func convergence(_ steps: [Convergence.Step], target: Double?) -> HTMLSection {
        let mean = LineSeries(name: "mean", points: steps.map { .init(x: Double($0.trials), y: $0.mean) }, style: "mean")
        let p90 = LineSeries(name: "P90", points: steps.map { .init(x: Double($0.trials), y: $0.p90) }, style: "p90")
        let chart = LineChart.render(
            [p90, mean], title: "Running estimates", xTitle: "Trials", yTitle: "Spend per developer (USD)",
            xFormat: { Money.grouped($0) })
        var t = HTMLTable(header: ["trials", "mean", "RSE of mean", "P90", "RSE of P90"], numeric: Set(0..<5))
        for s in steps {
            t.add([
                Money.grouped(Double(s.trials)), Money.full(s.mean), Money.percent(s.meanRSE, digits: 2), Money.full(s.p90),
                Money.percent(s.p90RSE, digits: 2),
            ])
        }
        let last = steps.last
        let reached = last.map { s in target.map { s.worst <= $0 } ?? true } ?? false
        let text =
            target.map {
                "Trials were added until the relative standard error of the mean and of the P90 were both under \(Money.percent($0, digits: 2)): "
                    + (reached
                        ? "reached at \(Money.grouped(Double(last?.trials ?? 0))) trials."
                        : "not reached within the trial limit.")
            } ?? ""
        return HTMLSection(id: "convergence", title: "Convergence", blocks: [.paragraph(text), .charts([chart]), .table(t)])
    }

    public static func inputs(_ s: Scenario) -> HTMLSection {
        var general = HTMLTable(caption: "Scenario", header: ["setting", "value"])
        general.add(["name", s.name])
        if let summary = s.summary { general.add(["description", summary]) }
        general.add(["file", s.file])
        general.add(["months", "\(s.calendar.months.first ?? "")..\(s.calendar.months.last ?? "") (\(s.calendar.months.count))"])
        general.add(["working days", String(s.calendar.totalWorkingDays)])
        general.add([
            "threads per day",
            String(format: "mean %.2f", s.demand.meanPerDay)
                + (s.demand.dayDispersion.map { String(format: ", day dispersion %.2f", $0) } ?? ", Poisson days")
                + String(format: ", developer CV %.2f", s.demand.developerCV),
        ])
        general.add(["mix", zip(s.models, s.mix).map { "\($0.name) \(Money.percent($1, digits: 1))" }.joined(separator: ", ")])
        general.add(["price correlation", String(format: "%.2f", s.priceCorrelation)])
        var models = HTMLTable(caption: "Models", header: ["model", "setting", "value"])
        for m in s.models {
            models.add([m.name, "price key", m.priced.price.model])
            if let p = m.preset { models.add([m.name, "preset", p]) }
            for (k, v) in m.behaviourSpecs { models.add([m.name, k, v]) }
            // Each cell is computed before the row: a ternary inside the array literal made
            // swift-format move the trailing comma on each run (`make format` was not a fixed point).
            let u = m.uncertainty
            let uncertainty =
                u.isNone
                ? "none"
                : String(
                    format:
                        "turns CV %.2f, tokens CV %.2f, cache hit log-odds sd %.2f, one-shot sd %.3f, off-the-rails sd %.3f, turns–tokens correlation %.2f",
                    u.turnsCV, u.tokensCV, u.cacheHitLogitSD, u.oneShotSD, u.offTheRailsSD, u.turnsTokensCorrelation)
            models.add([m.name, "uncertainty", uncertainty])
            let path = m.pricePath
            let pricePath =
                path.isFlat
                ? "flat" : String(format: "%+.0f %% a year ± %.0f points", path.annualChange * 100, path.annualChangeSD * 100)
            models.add([m.name, "price path", pricePath])
        }
        return HTMLSection(id: "inputs", title: "Inputs", blocks: [.table(general), .table(models)])
    }
}
