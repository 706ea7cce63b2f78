import Simulation

/// The terminal rendering of a team's forecast.
public enum TeamForecastText {
    public static func render(_ d: TeamForecastDocument) -> String {
        var out: [String] = []
        let horizon = d.months.count == 12 ? "one year" : "\(d.months.count) months"
        out.append("tokencast \(d.version) · \(d.scenario) (\(d.file))")
        out.append(
            "\(Money.grouped(Double(d.trials))) trials, seed \(d.seed), \(d.months.first ?? "")..\(d.months.last ?? "") (\(horizon)), \(String(format: "%.1f", d.elapsedSeconds)) s"
        )
        out.append("")
        let o = d.team
        out.append(
            "Organisation spend over \(horizon) (USD), \(String(format: "%.1f", o.averageHeadCount)) developers on average")
        out.append("  mean \(Money.full(o.annual.mean))  (standard error \(Money.full(o.annual.standardError)))")
        var p = TextTable(header: ["", "P5", "P10", "P50", "P90", "P95", "P99"], leftAligned: [0])
        p.add(
            ["organisation"]
                + [o.annual.p5, o.annual.p10, o.annual.p50, o.annual.p90, o.annual.p95, o.annual.p99].map(Money.full))
        let s = o.spendPerDeveloper
        p.add(["per developer"] + [s.p5, s.p10, s.p50, s.p90, s.p95, s.p99].map(Money.full))
        out.append(p.render())
        out.append("")
        var t = TextTable(header: ["threads", "cost/thread", "cost/completed task", "waste share"], leftAligned: [])
        t.add([
            Money.grouped(o.threadsPerYear), Money.full(o.costPerThread), Money.full(o.costPerCompletedTask),
            Money.percent(o.wasteShare),
        ])
        out.append(t.render())
        if let b = d.budget {
            out.append("")
            out.append("Budget \(Money.full(b.annual))\(b.monthly == nil ? " for the horizon" : " (monthly amounts)")")
            out.append(
                "  P(spend > budget) \(Money.percent(b.probabilityOver))   budget needed at P90 \(Money.full(b.neededP90)), at P95 \(Money.full(b.neededP95))"
            )
            out.append("  first month likely over the budget to date: \(b.firstLikelyMonth ?? "none within the horizon")")
        }
        out.append("")
        out.append("Time (hourly rate \(Money.full(d.time.hourlyRate)))")
        var tm = TextTable(
            header: ["agent hours", "hours lost off the rails", "lost time cost", "tokens + lost time P50", "P90"],
            leftAligned: [])
        tm.add([
            Money.grouped(d.time.agentHoursPerYear), Money.grouped(d.time.wastedHours.mean),
            Money.full(d.time.wastedTimeCost.mean),
            Money.full(d.time.totalCost.p50), Money.full(d.time.totalCost.p90),
        ])
        out.append(tm.render())
        out.append("")
        out.append("By profile")
        var pt = TextTable(
            header: [
                "profile", "method", "devs", "mean", "P10", "P50", "P90", "per dev P50", "cost/completed", "waste", "seat plan",
            ], leftAligned: [0, 1, 10])
        for x in d.profiles {
            pt.add([
                x.name, x.method, String(format: "%.1f", x.averageHeadCount), Money.full(x.annual.mean), Money.full(x.annual.p10),
                Money.full(x.annual.p50), Money.full(x.annual.p90), Money.full(x.spendPerDeveloper.p50),
                Money.full(x.costPerCompletedTask), Money.percent(x.wasteShare), x.seatPlan ?? "API",
            ])
        }
        out.append(pt.render())
        let seats = d.profiles.filter { $0.seat != nil }
        if !seats.isEmpty {
            out.append("")
            out.append("Seats against API prices for the same threads (mean over the horizon)")
            var st = TextTable(
                header: [
                    "profile", "plan", "serves", "fees", "overage", "API would cost", "saving P10", "P50", "P90",
                    "P(seats cheaper)", "blocked threads", "locked h/seat",
                ], leftAligned: [0, 1, 2])
            for x in seats {
                guard let s = x.seat else { continue }
                st.add([
                    x.name, s.plan, s.covers.isEmpty ? "-" : s.covers.joined(separator: ", "), Money.full(s.fees),
                    Money.full(s.overage.mean),
                    Money.full(s.coveredAPICost.mean), Money.full(s.savingVersusAPI.p10), Money.full(s.savingVersusAPI.p50),
                    Money.full(s.savingVersusAPI.p90), Money.percent(s.probabilityCheaperThanAPI, digits: 0),
                    Money.grouped(s.blockedThreadsPerYear), String(format: "%.1f", s.hoursLockedOutPerSeat),
                ])
            }
            out.append(st.render())
            var seen = Set<String>()
            let limits = seats.compactMap { x -> String? in
                guard let s = x.seat, let a = s.allowances, seen.insert(s.plan).inserted else { return nil }
                return "\(s.plan): \(a)"
            }
            if !limits.isEmpty { out.append("Seat plan allowances: " + limits.joined(separator: "; ")) }
        }
        out.append("")
        out.append("By model")
        var mt = TextTable(
            header: [
                "model", "price key", "threads", "cost/thread", "cost/completed", "waste", "p50 min", "+ lost time/completed",
                "mean", "P50", "P90",
            ], leftAligned: [0, 1])
        for x in d.models where x.threadsPerYear > 0 {
            mt.add([
                x.name, x.priceKey, Money.grouped(x.threadsPerYear), Money.full(x.costPerThread),
                Money.full(x.costPerCompletedTask),
                Money.percent(x.wasteShare), x.threadMinutesP50.map { String(format: "%.1f", $0) } ?? "-",
                Money.full(x.totalCostPerCompletedTask), Money.full(x.annual.mean), Money.full(x.annual.p50),
                Money.full(x.annual.p90),
            ])
        }
        out.append(mt.render())
        out.append("")
        out.append("By month (USD, organisation)")
        var mo = TextTable(
            header: ["month", "devs", "mean", "P10", "P50", "P90"] + (d.budget != nil ? ["P(over to date)"] : []),
            leftAligned: [0])
        for (i, m) in d.monthly.enumerated() {
            var row = [
                m.month, String(m.headCount), Money.full(m.spend.mean), Money.full(m.spend.p10), Money.full(m.spend.p50),
                Money.full(m.spend.p90),
            ]
            if let b = d.budget { row.append(Money.percent(b.toDate[i].probabilityOver)) }
            mo.add(row)
        }
        out.append(mo.render())
        if !d.notes.isEmpty {
            out.append("")
            out.append("Notes")
            for n in d.notes { out.append("  - \(n)") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
