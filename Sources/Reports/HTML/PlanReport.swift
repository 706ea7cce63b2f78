import Pricing
import Simulation

/// The HTML page of a plan comparison (`tokencast plans --format html`): per profile, the
/// cost of each option as bars and the limits it would hit as a table.
public enum PlanReport {
    public static func html(_ d: PlanDocument) -> HTMLReport {
        var report = HTMLReport(
            title: "\(d.scenario): plans against API pricing",
            subtitle: "\(d.profiles.count) profile\(d.profiles.count == 1 ? "" : "s"), \(d.months) months · \(d.file)")
        let stale = d.stalePlans
        if !stale.isEmpty {
            // The same warning as the terminal table: figures older than the limit at the start.
            let lines = stale.map {
                "\($0.name): figures checked on \($0.asOf ?? "?"), \($0.daysOld ?? 0) days before the forecast starts (\(d.forecastStart))."
            }
            report.add(
                HTMLSection(
                    id: "stale-plans", title: "Plan figures to check",
                    blocks: lines.map { HTMLBlock.note($0) } + [
                        .paragraph(
                            "Older than \(Plan.staleAfterDays) days: check each plan's source (plans --format json) and give current figures under plans: with as_of."
                        )
                    ]))
        }
        for p in d.profiles {
            var bars = [Bar(label: "API (pay per token)", value: p.api.mean)]
            // The cheapest option that still does (nearly) all the work: a plan that blocks a
            // third of the threads is cheap only because the work is not done.
            let cheapest = p.options.filter { $0.blockedShare < 0.05 }.min { $0.cost.mean < $1.cost.mean }?.name
            for o in p.options {
                bars.append(
                    Bar(
                        label: o.name, value: o.cost.mean,
                        style: o.name == cheapest && o.cost.mean < p.api.mean ? "highlight" : ""))
            }
            var table = HTMLTable(
                caption: "Each option against API pricing, \(Money.grouped(Double(d.trials))) trials",
                header: [
                    "option", "cost mean", "P(cheaper)", "saving P10", "saving mean", "saving P90", "P(5h limit) per day",
                    "P(weekly limit) per week", "hours locked out / month", "threads blocked", "break-even threads/day",
                    "per completed thread", "with refused threads at API prices",
                ],
                numeric: Set(1...12))
            for o in p.options {
                table.add([
                    o.name, Money.full(o.cost.mean), Money.percent(o.probabilityCheaper, digits: 0),
                    Money.full(o.saving.p10), Money.full(o.saving.mean), Money.full(o.saving.p90),
                    o.fiveHourHitPerDay.map { Money.percent($0) } ?? "-", o.weeklyHitPerWeek.map { Money.percent($0) } ?? "-",
                    String(format: "%.1f", o.hoursLockedOutPerMonth), Money.percent(o.blockedShare),
                    o.breakEvenThreadsPerDay.map { String(format: "%.1f", $0) } ?? "-",
                    o.costPerCompletedThread.map(Money.full) ?? "-", Self.withAPI(o),
                ])
            }
            let section = ForecastReport.planComparison(
                bars,
                note:
                    "Cost per developer over \(d.months) months: API is the simulated API-equivalent spend (P10 \(Money.full(p.api.p10)), P90 \(Money.full(p.api.p90))); a plan is its fees plus any overage. A blocked plan's cost stays low because the work past its limits is not done: read it with the blocked share, the cost per completed thread and its cost with the refused threads at API prices (mean, P(cheaper))."
            )
            report.add(
                HTMLSection(
                    id: "plans-\(p.name)",
                    title: "\(p.name): \(String(format: "%.1f", p.threadsPerDayMean)) threads per working day",
                    blocks: section.blocks + [.table(table)]))
        }
        report.footer = [
            ("seed", String(d.seed)), ("trials", Money.grouped(Double(d.trials))),
            ("run time", String(format: "%.1f s", d.elapsedSeconds)), ("version", "tokencast \(d.version)"),
            ("reproduce", "tokencast plans \(d.file) --seed \(d.seed) --trials \(d.trials)"),
        ]
        return report
    }

    /// "$5,467 (100 %)": a blocked plan's mean cost and P(cheaper) with its refused threads at
    /// API prices; "-" for other options and plans that refused nothing.
    static func withAPI(_ o: PlanDocument.Option) -> String {
        guard let w = o.ifRefusedRunOnAPI, o.blockedThreadsMean > 0 else { return "-" }
        return "\(Money.full(w.cost.mean)) (\(Money.percent(w.probabilityCheaper, digits: 0)))"
    }
}
