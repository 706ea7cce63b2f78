import Simulation

/// HTML pages for team forecasts (`forecast --format html`) and their diffs (`diff --format html`).
public enum TeamReport {
    public static func html(_ d: TeamForecastDocument) -> HTMLReport {
        let o = d.team
        var report = HTMLReport(
            title: "\(d.scenario): organisation forecast",
            subtitle:
                "\(Money.grouped(o.averageHeadCount)) developers on average, \(d.months.first ?? "")..\(d.months.last ?? "") · \(d.file)"
        )
        var figures = [
            HeadlineFigure(
                label: "Mean spend, whole horizon", value: Money.full(o.annual.mean),
                note: "± \(Money.full(o.annual.standardError)) (standard error)"),
            HeadlineFigure(label: "P50", value: Money.full(o.annual.p50), note: "half of outcomes below"),
            HeadlineFigure(label: "P90", value: Money.full(o.annual.p90), note: "9 in 10 outcomes below"),
            HeadlineFigure(label: "Per developer", value: Money.full(o.spendPerDeveloper.mean), note: "mean spend per developer"),
            HeadlineFigure(
                label: "Cost per completed task", value: Money.full(o.costPerCompletedTask),
                note: "waste share \(Money.percent(o.wasteShare))"),
            HeadlineFigure(
                label: "With developer time", value: Money.full(d.time.totalCost.mean),
                note: "tokens plus time lost to waste at \(Money.full(d.time.hourlyRate))/h"),
        ]
        if let b = d.budget {
            figures.append(
                HeadlineFigure(
                    label: "P(over budget)", value: Money.percent(b.probabilityOver, digits: 0),
                    note: "budget \(Money.full(b.annual)); P90 needs \(Money.full(b.neededP90))"))
        }
        report.add(HTMLSection(id: "headline", title: "Headline figures", blocks: [.figures(figures)]))

        let points = d.monthly.map {
            FanPoint(label: ForecastReport.shortMonth($0.month), p10: $0.spend.p10, p50: $0.spend.p50, p90: $0.spend.p90)
        }
        let line = d.budget.map { b in
            ChartMarker(
                label: "budget ÷ \(d.months.count)", value: (b.monthly?.max() ?? b.annual / Double(max(d.months.count, 1))),
                style: "budget")
        }
        var monthly: [HTMLBlock] = [
            .charts([FanChart.render(points, budget: line, yTitle: "Organisation spend per month (USD)")])
        ]
        var heads = HTMLTable(
            caption: "Head count and spend by month", header: ["month", "developers", "mean", "P10", "P50", "P90"],
            numeric: [1, 2, 3, 4, 5])
        for m in d.monthly {
            heads.add([
                m.month, String(m.headCount), Money.full(m.spend.mean), Money.full(m.spend.p10), Money.full(m.spend.p50),
                Money.full(m.spend.p90),
            ])
        }
        monthly.append(.table(heads))
        if let b = d.budget {
            monthly.append(
                .paragraph(
                    b.firstLikelyMonth.map {
                        "Cumulative spend is more likely than not to pass the budget to date first in \($0)."
                    } ?? "Cumulative spend is not likely to pass the budget to date in any month."))
        }
        report.add(HTMLSection(id: "monthly", title: "Month by month", blocks: monthly))

        let profileBars = d.profiles.map { Bar(label: $0.name, value: $0.annual.mean) }
        let modelBars = d.models.map { Bar(label: $0.name, value: $0.annual.mean) }
        var profiles = HTMLTable(
            header: [
                "profile", "developers", "method", "mean", "P10", "P90", "per developer", "cost/completed task", "waste share",
                "wasted hours/yr",
            ], numeric: Set(1...9))
        for p in d.profiles {
            profiles.add([
                p.name, String(format: "%.0f", p.averageHeadCount), p.method, Money.full(p.annual.mean), Money.full(p.annual.p10),
                Money.full(p.annual.p90), Money.full(p.spendPerDeveloper.mean), Money.full(p.costPerCompletedTask),
                Money.percent(p.wasteShare), Money.grouped(p.wastedHoursPerYear),
            ])
        }
        var models = HTMLTable(
            header: [
                "model", "price key", "mean", "threads/yr", "cost/thread", "cost/completed task", "with time", "waste share",
            ], numeric: Set(2...7))
        for m in d.models {
            models.add([
                m.name, m.priceKey, Money.full(m.annual.mean), Money.grouped(m.threadsPerYear), Money.full(m.costPerThread),
                Money.full(m.costPerCompletedTask), Money.full(m.totalCostPerCompletedTask), Money.percent(m.wasteShare),
            ])
        }
        var seats: [HTMLBlock] = []
        if d.profiles.contains(where: { $0.seat != nil }) {
            var t = HTMLTable(
                caption:
                    "Seat plans against API prices for the same threads (means over the horizon; saving = API cost of the threads served − fees − overage)",
                header: [
                    "profile", "plan", "serves", "fees", "overage", "API would cost", "saving P10", "saving P50", "saving P90",
                    "P(seats cheaper)", "blocked threads", "locked h/seat",
                ],
                numeric: Set(3...11))
            for p in d.profiles {
                guard let s = p.seat else { continue }
                t.add([
                    p.name, s.plan, s.covers.joined(separator: ", "), Money.full(s.fees), Money.full(s.overage.mean),
                    Money.full(s.coveredAPICost.mean),
                    Money.full(s.savingVersusAPI.p10), Money.full(s.savingVersusAPI.p50), Money.full(s.savingVersusAPI.p90),
                    Money.percent(s.probabilityCheaperThanAPI, digits: 0), Money.grouped(s.blockedThreadsPerYear),
                    String(format: "%.1f", s.hoursLockedOutPerSeat),
                ])
            }
            seats.append(.table(t))
        }
        report.add(
            HTMLSection(
                id: "breakdown", title: "By profile and model",
                blocks: [
                    .charts([
                        BarChart.render(profileBars, title: "Mean spend by profile", xTitle: "USD over the horizon"),
                        BarChart.render(modelBars, title: "Mean spend by model", xTitle: "USD over the horizon"),
                    ]),
                    .table(profiles), .table(models),
                ] + seats + d.notes.map { HTMLBlock.note($0) }))
        report.footer = [
            ("seed", String(d.seed)), ("trials", Money.grouped(Double(d.trials))),
            ("run time", String(format: "%.1f s", d.elapsedSeconds)), ("version", "tokencast \(d.version)"),
            ("reproduce", "tokencast forecast \(d.file) --seed \(d.seed) --trials \(d.trials)"),
        ]
        return report
    }

    public static func html(_ d: TeamDiffDocument) -> HTMLReport {
        var report = HTMLReport(
            title: "What changes: \(d.b) minus \(d.a)",
            subtitle: "common random numbers, seed \(d.seed), \(Money.grouped(Double(d.trials))) trials")
        let a = d.annual
        report.add(
            HTMLSection(
                id: "headline", title: "Headline figures",
                blocks: [
                    .figures([
                        HeadlineFigure(label: "Mean change", value: Money.full(a.mean), note: "B minus A, whole horizon"),
                        HeadlineFigure(
                            label: "P10 to P90", value: "\(Money.compact(a.p10)) to \(Money.compact(a.p90))",
                            note: "range of the change"),
                        HeadlineFigure(
                            label: "P(B is cheaper)", value: Money.percent(a.probabilityBCheaper, digits: 0),
                            note: "share of trials"),
                        HeadlineFigure(
                            label: "With developer time", value: Money.full(d.totalCost.mean),
                            note: "change in tokens plus lost time"),
                    ]),
                    .paragraph(
                        d.inputs.isEmpty
                            ? "The two scenarios have the same inputs."
                            : "Inputs that differ: " + d.inputs.joined(separator: "; ")),
                ]))
        func table(_ caption: String, _ rows: [TeamDiffDocument.Change]) -> HTMLBlock {
            var t = HTMLTable(caption: caption, header: ["", "mean", "P10", "P50", "P90", "P(B cheaper)"], numeric: Set(1...5))
            for r in rows {
                t.add([
                    r.name, Money.full(r.mean), Money.full(r.p10), Money.full(r.p50), Money.full(r.p90),
                    r.probabilityCell(digits: 0),
                ])
            }
            return .table(t)
        }
        report.add(
            HTMLSection(
                id: "changes", title: "Where it changes",
                blocks: [
                    table("By profile", d.profiles), table("By model", d.models), table("By month", d.monthly),
                ]))
        report.footer = [
            ("seed", String(d.seed)), ("trials", Money.grouped(Double(d.trials))), ("version", "tokencast \(d.version)"),
        ]
        return report
    }
}
