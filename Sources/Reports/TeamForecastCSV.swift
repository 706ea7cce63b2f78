import Simulation

/// The CSV rendering of a team's forecast, tidy like ``ForecastCSV``.
///
/// Columns: `scope,name,month,statistic,value`. `scope` is `organisation`, `month`, `profile`,
/// `model`, `time` or `budget`; seat profiles add `seat_*` statistics to their `profile` rows.
public enum TeamForecastCSV {
    public static func render(_ d: TeamForecastDocument) -> String {
        var rows = ["scope,name,month,statistic,value"]
        func add(_ scope: String, _ name: String, _ month: String, _ stat: String, _ value: Double) {
            rows.append("\(scope),\(ForecastCSV.escape(name)),\(month),\(stat),\(ForecastCSV.format(value))")
        }
        func summary(_ scope: String, _ name: String, _ month: String, _ s: SpendSummary, prefix: String = "") {
            let stats: [(String, Double)] = [
                ("mean", s.mean), ("standard_error", s.standardError), ("p5", s.p5), ("p10", s.p10), ("p50", s.p50),
                ("p90", s.p90), ("p95", s.p95), ("p99", s.p99),
            ]
            for (k, v) in stats { add(scope, name, month, prefix + k, v) }
        }
        let o = d.team
        summary("organisation", "", "", o.annual)
        summary("organisation", "", "", o.spendPerDeveloper, prefix: "per_developer_")
        add("organisation", "", "", "trials", Double(d.trials))
        add("organisation", "", "", "seed", Double(d.seed))
        add("organisation", "", "", "average_head_count", o.averageHeadCount)
        add("organisation", "", "", "threads_per_year", o.threadsPerYear)
        add("organisation", "", "", "cost_per_completed_task", o.costPerCompletedTask)
        add("organisation", "", "", "waste_share", o.wasteShare)
        for m in d.monthly {
            add("month", "", m.month, "head_count", Double(m.headCount))
            summary("month", "", m.month, m.spend)
        }
        for p in d.profiles {
            add("profile", p.name, "", "average_head_count", p.averageHeadCount)
            summary("profile", p.name, "", p.annual)
            summary("profile", p.name, "", p.spendPerDeveloper, prefix: "per_developer_")
            add("profile", p.name, "", "cost_per_completed_task", p.costPerCompletedTask)
            add("profile", p.name, "", "waste_share", p.wasteShare)
            if let s = p.seat {
                add("profile", p.name, "", "seat_fees", s.fees)
                summary("profile", p.name, "", s.overage, prefix: "seat_overage_")
                summary("profile", p.name, "", s.coveredAPICost, prefix: "seat_covered_api_cost_")
                summary("profile", p.name, "", s.savingVersusAPI, prefix: "seat_saving_versus_api_")
                add("profile", p.name, "", "seat_probability_cheaper_than_api", s.probabilityCheaperThanAPI)
                add("profile", p.name, "", "seat_blocked_threads", s.blockedThreadsPerYear)
                add("profile", p.name, "", "seat_blocked_api_cost", s.blockedAPICost)
                add("profile", p.name, "", "seat_hours_locked_out_per_seat", s.hoursLockedOutPerSeat)
            }
        }
        for m in d.models {
            summary("model", m.name, "", m.annual)
            add("model", m.name, "", "threads_per_year", m.threadsPerYear)
            add("model", m.name, "", "cost_per_completed_task", m.costPerCompletedTask)
            add("model", m.name, "", "total_cost_per_completed_task", m.totalCostPerCompletedTask)
            add("model", m.name, "", "waste_share", m.wasteShare)
            add("model", m.name, "", "wasted_hours_per_year", m.wastedHoursPerYear)
        }
        add("time", "", "", "hourly_rate", d.time.hourlyRate)
        summary("time", "", "", d.time.wastedHours, prefix: "wasted_hours_")
        summary("time", "", "", d.time.totalCost, prefix: "total_cost_")
        if let b = d.budget {
            add("budget", "", "", "annual", b.annual)
            add("budget", "", "", "probability_over", b.probabilityOver)
            add("budget", "", "", "needed_p90", b.neededP90)
            add("budget", "", "", "needed_p95", b.neededP95)
            for x in b.toDate {
                add("budget", "", x.month, "budget_to_date", x.budget)
                add("budget", "", x.month, "median_spend_to_date", x.medianSpend)
                add("budget", "", x.month, "probability_over_to_date", x.probabilityOver)
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }
}
