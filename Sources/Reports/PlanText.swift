import Foundation
import Pricing
import Simulation

/// The terminal rendering of a plan comparison: per profile, a cost table and a limits table.
public enum PlanText {
    public static func render(_ d: PlanDocument) -> String {
        var out: [String] = []
        let horizon = d.months == 12 ? "year" : "\(d.months) months"
        out.append("tokencast \(d.version) · \(d.scenario) (\(d.file))")
        out.append(
            "\(Money.grouped(Double(d.trials))) trials, seed \(d.seed), \(d.months) months, \(d.workingDays) working days in \(d.weeks) weeks, \(String(format: "%.1f", d.elapsedSeconds)) s"
        )
        out.append(
            "Threads start uniformly in each working day's window; a 5-hour window opens at the first thread after the last one closed."
        )
        for o in d.stalePlans {
            out.append(
                "warning: \(o.name): figures checked on \(o.asOf ?? "?"), \(o.daysOld ?? 0) days before the forecast starts (\(d.forecastStart)), more than \(Plan.staleAfterDays); check its source (--format json) and give current ones under plans: with as_of"
            )
        }
        // Whose limits were measured: a calibrated allowance is the user's own, an estimate is not.
        var seen = Set<String>()
        for o in d.profiles.flatMap(\.options) where o.allowanceBasis != nil && seen.insert(o.name).inserted {
            out.append("\(o.name): allowances \(o.allowanceBasis ?? "")")
        }
        for p in d.profiles {
            out.append("")
            out.append(
                "\(p.name): \(String(format: "%.1f", p.threadsPerDayMean)) threads per working day (\(hour(p.workdayStartHour)) + \(String(format: "%g", p.workdayHours)) h), \(Money.grouped(p.threads.mean)) threads a \(horizon), \(Money.full(p.costPerThread)) per thread at API prices"
            )
            out.append("  Cost over the \(horizon) (USD); saving = API cost - option's cost")
            var t = TextTable(
                header: [
                    "option", "fee/month", "mean", "P10", "P90", "P(cheaper)", "saving mean", "saving P10", "saving P90",
                    "break-even threads/day", "per completed thread",
                ], leftAligned: [0])
            let a = p.api
            t.add([
                "API (pay as you go)", "-", Money.full(a.mean), Money.full(a.p10), Money.full(a.p90), "-", "-", "-", "-", "-",
                Money.full(p.costPerThread),
            ])
            for o in p.options {
                t.add([
                    o.name, o.feePerMonth.map(Money.full) ?? "-", Money.full(o.cost.mean), Money.full(o.cost.p10),
                    Money.full(o.cost.p90),
                    Money.percent(o.probabilityCheaper, digits: 0), Money.full(o.saving.mean), Money.full(o.saving.p10),
                    Money.full(o.saving.p90),
                    breakEven(o), o.costPerCompletedThread.map(Money.full) ?? "-",
                ])
            }
            out.append(t.render(indent: "    "))
            // A blocked plan's cost leaves out the work it refused, so its P(cheaper) compares a
            // fee with less work than the API does; the same trials with the refused threads at
            // API prices say what the work costs.
            let refusing = p.options.filter { $0.ifRefusedRunOnAPI != nil && $0.blockedThreadsMean > 0 }
            if !refusing.isEmpty {
                out.append(
                    "  Blocked plans refuse threads, so the costs above leave that work out. With the refused threads run at API prices (over_limit: fallback_to_api):"
                )
                var f = TextTable(
                    header: [
                        "plan", "blocked share", "mean", "P10", "P90", "P(cheaper)", "saving mean", "per completed thread",
                    ], leftAligned: [0])
                for o in refusing {
                    guard let w = o.ifRefusedRunOnAPI else { continue }
                    f.add([
                        o.name, Money.percent(o.blockedShare), Money.full(w.cost.mean), Money.full(w.cost.p10),
                        Money.full(w.cost.p90), Money.percent(w.probabilityCheaper, digits: 0), Money.full(w.saving.mean),
                        w.costPerCompletedThread.map(Money.full) ?? "-",
                    ])
                }
                out.append(f.render(indent: "    "))
            }
            let limited = p.options.filter {
                $0.fiveHourHitPerDay != nil || $0.weeklyHitPerWeek != nil || $0.monthlyHitPerMonth != nil
            }
            if !limited.isEmpty {
                let anyFallback = limited.contains { $0.fallbackThreadsMean != nil }
                out.append("  Limits")
                var l = TextTable(
                    header: [
                        "plan", "P(5h hit)/day", "5h hits/\(d.months == 12 ? "yr" : "period")", "peak 5h P50",
                        "P(weekly hit)/week", "peak week P50", "P(peak week<80%)", "P(included out)/month", "locked out h/month",
                        "blocked threads", "blocked share",
                    ] + (anyFallback ? ["threads to API"] : []), leftAligned: [0])
                for o in limited {
                    var toAPI: [String] = []
                    if anyFallback { toAPI.append(o.fallbackThreadsMean.map { String(format: "%.1f", $0) } ?? "-") }
                    let cells: [String] = [
                        o.name, o.fiveHourHitPerDay.map { Money.percent($0) } ?? "-",
                        o.fiveHourHits.map { String(format: "%.1f", $0.mean) } ?? "-",
                        o.peakFiveHourShare.map { Money.percent($0.p50, digits: 0) } ?? "-",
                        o.weeklyHitPerWeek.map { Money.percent($0) } ?? "-",
                        o.peakWeeklyShare.map { Money.percent($0.p50, digits: 0) } ?? "-",
                        o.peakWeeklyBelow80.map { Money.percent($0, digits: 0) } ?? "-",
                        o.monthlyHitPerMonth.map { Money.percent($0) } ?? "-",
                        String(format: "%.1f", o.hoursLockedOutPerMonth), String(format: "%.1f", o.blockedThreadsMean),
                        Money.percent(o.blockedShare),
                    ]
                    l.add(cells + toAPI)
                }
                out.append(l.render(indent: "    "))
            }
            let hosted = p.options.filter { $0.kind == "self_hosting" }
            if !hosted.isEmpty {
                out.append(
                    "  Self-hosting (tokens counted: \(hosted.compactMap(\.tokensCounted).first ?? "uncached"); \(compactTokens(p.tokens)) tokens of all classes a \(horizon))"
                )
                var h = TextTable(
                    header: ["setup", "boxes mean", "boxes max", "utilisation needed", "USD per million tokens", "cost mean"],
                    leftAligned: [0])
                for o in hosted {
                    h.add([
                        o.name, String(format: "%.2f", o.boxes?.mean ?? 0), String(format: "%.0f", o.boxes?.max ?? 0),
                        Money.percent(o.utilisationNeeded?.mean ?? 0), Money.full(o.usdPerMillionTokens?.mean ?? 0),
                        Money.full(o.cost.mean),
                    ])
                }
                out.append(h.render(indent: "    "))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func breakEven(_ o: PlanDocument.Option) -> String {
        if let m = o.breakEvenThreadsPerDay { return String(format: "%.1f", m) }
        if let up = o.breakEvenSearchedUpTo { return "none up to \(String(format: "%.0f", up))" }
        return "never"
    }

    static func hour(_ h: Double) -> String {
        let minutes = Int((h * 60).rounded())
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    static func compactTokens(_ t: Double) -> String {
        switch t {
        case 1e12...: return String(format: "%.2f T", t / 1e12)
        case 1e9...: return String(format: "%.2f B", t / 1e9)
        case 1e6...: return String(format: "%.1f M", t / 1e6)
        default: return Money.grouped(t)
        }
    }
}

/// The CSV rendering of a plan comparison: `profile,option,statistic,value`, one statistic per row.
public enum PlanCSV {
    public static func render(_ d: PlanDocument) -> String {
        var rows = ["profile,option,statistic,value"]
        func add(_ p: String, _ o: String, _ s: String, _ v: Double?) {
            guard let v else { return }
            rows.append("\(ForecastCSV.escape(p)),\(ForecastCSV.escape(o)),\(s),\(ForecastCSV.format(v))")
        }
        func summary(_ p: String, _ o: String, _ prefix: String, _ s: SpendSummary?) {
            guard let s else { return }
            for (k, v) in [("mean", s.mean), ("p10", s.p10), ("p50", s.p50), ("p90", s.p90)] { add(p, o, "\(prefix)_\(k)", v) }
        }
        for p in d.profiles {
            add(p.name, "api", "threads_per_day_mean", p.threadsPerDayMean)
            add(p.name, "api", "threads_mean", p.threads.mean)
            add(p.name, "api", "cost_per_thread", p.costPerThread)
            add(p.name, "api", "cost_per_completed_thread", p.costPerThread)
            summary(p.name, "api", "cost", p.api)
            for o in p.options {
                add(p.name, o.name, "fee_per_month", o.feePerMonth)
                summary(p.name, o.name, "cost", o.cost)
                summary(p.name, o.name, "saving", o.saving)
                add(p.name, o.name, "probability_cheaper", o.probabilityCheaper)
                add(p.name, o.name, "break_even_threads_per_day", o.breakEvenThreadsPerDay)
                add(p.name, o.name, "overage_mean", o.overageMean)
                add(p.name, o.name, "five_hour_hit_per_day", o.fiveHourHitPerDay)
                add(p.name, o.name, "five_hour_hits_mean", o.fiveHourHits?.mean)
                add(p.name, o.name, "weekly_hit_per_week", o.weeklyHitPerWeek)
                add(p.name, o.name, "peak_weekly_share_p50", o.peakWeeklyShare?.p50)
                add(p.name, o.name, "peak_weekly_below_80_percent", o.peakWeeklyBelow80)
                add(p.name, o.name, "monthly_hit_per_month", o.monthlyHitPerMonth)
                add(p.name, o.name, "hours_locked_out_per_month", o.hoursLockedOutPerMonth)
                add(p.name, o.name, "blocked_threads_mean", o.blockedThreadsMean)
                add(p.name, o.name, "blocked_share", o.blockedShare)
                add(p.name, o.name, "fallback_threads_mean", o.fallbackThreadsMean)
                add(p.name, o.name, "completed_threads_mean", o.completedThreadsMean)
                add(p.name, o.name, "cost_per_completed_thread", o.costPerCompletedThread)
                if let w = o.ifRefusedRunOnAPI {
                    summary(p.name, o.name, "if_refused_run_on_api_cost", w.cost)
                    add(p.name, o.name, "if_refused_run_on_api_probability_cheaper", w.probabilityCheaper)
                    add(p.name, o.name, "if_refused_run_on_api_cost_per_completed_thread", w.costPerCompletedThread)
                }
                add(p.name, o.name, "days_old", o.daysOld.map(Double.init))
                add(p.name, o.name, "boxes_mean", o.boxes?.mean)
                add(p.name, o.name, "usd_per_million_tokens_mean", o.usdPerMillionTokens?.mean)
                add(p.name, o.name, "utilisation_needed_mean", o.utilisationNeeded?.mean)
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }
}
