import Scenario
import Simulation

/// The terminal rendering of a developer forecast.
public enum ForecastText {
    public static func render(_ d: ForecastDocument) -> String {
        var out: [String] = []
        let horizon = d.months.count == 12 ? "one year" : "\(d.months.count) months"
        out.append("tokencast \(d.version) · \(d.scenario) (\(d.file))")
        out.append(
            "\(Money.grouped(Double(d.trials))) trials, seed \(d.seed), \(d.months.first ?? "")..\(d.months.last ?? "") (\(horizon), \(d.workingDays.reduce(0, +)) working days), \(String(format: "%.1f", d.elapsedSeconds)) s"
        )
        out.append("")
        out.append("Spend per developer over \(horizon) (USD)")
        let a = d.annual
        out.append("  mean \(Money.full(a.mean))  (standard error \(Money.full(a.standardError)))")
        var p = TextTable(header: ["P5", "P10", "P50", "P90", "P95", "P99"], leftAligned: [])
        p.add([a.p5, a.p10, a.p50, a.p90, a.p95, a.p99].map(Money.full))
        out.append(p.render())
        out.append("")
        out.append("Threads")
        var t = TextTable(
            header: ["threads", "cost/thread", "cost/completed task", "attempts/thread", "completed", "waste share"],
            leftAligned: [])
        t.add([
            Money.grouped(d.threadsPerYear), Money.full(d.costPerThread),
            d.completionRate > 0 ? Money.full(d.costPerCompletedTask) : "n/a",
            String(format: "%.2f", d.attemptsPerThread), Money.percent(d.completionRate), Money.percent(d.wasteShare),
        ])
        out.append(t.render())
        out.append("")
        out.append("By model")
        var m = TextTable(
            header: [
                "model", "price key", "threads", "cost/thread", "cost/completed", "waste", "attempts", "turns/attempt",
                "spend share", "mean", "P50", "P90",
            ], leftAligned: [0, 1])
        for x in d.models {
            m.add([
                x.name, x.priceKey, Money.percent(x.shareOfThreads, digits: 0), Money.full(x.costPerThread),
                x.completionRate > 0 ? Money.full(x.costPerCompletedTask) : "n/a", Money.percent(x.wasteShare),
                String(format: "%.2f", x.attemptsPerThread),
                String(format: "%.1f", x.turnsPerAttempt), Money.percent(x.shareOfSpend, digits: 0),
                Money.full(x.annual.mean), Money.full(x.annual.p50), Money.full(x.annual.p90),
            ])
        }
        out.append(m.render())
        let published = d.models.filter { $0.published != nil }
        if !published.isEmpty {
            out.append("")
            let source = published.compactMap { $0.published?.source }.first.map { " (\($0))" } ?? ""
            out.append("Simulated against published\(source)")
            var c = TextTable(
                header: ["model", "cost/thread", "published", "diff", "waste share", "published", "diff", "p50 minutes"],
                leftAligned: [0])
            for x in published {
                guard let pub = x.published else { continue }
                c.add([
                    x.name, Money.full(x.costPerThread), pub.averageThreadCost.map(Money.full) ?? "-",
                    pub.averageThreadCost.map { relative(x.costPerThread, $0) } ?? "-",
                    Money.percent(x.wasteShare), pub.wasteShare.map { Money.percent($0) } ?? "-",
                    pub.wasteShare.map { relative(x.wasteShare, $0) } ?? "-",
                    (pub.threadMinutesP50 ?? x.threadMinutesP50).map { String(format: "%.1f", $0) } ?? "-",
                ])
            }
            out.append(c.render())
        }
        out.append("")
        out.append("By month (USD per developer)")
        var mt = TextTable(header: ["month", "days", "mean", "P10", "P50", "P90"], leftAligned: [0])
        for (i, month) in d.monthly.enumerated() {
            let s = month.spend
            mt.add([
                month.month, String(d.workingDays[i]), Money.full(s.mean), Money.full(s.p10), Money.full(s.p50),
                Money.full(s.p90),
            ])
        }
        out.append(mt.render())
        return out.joined(separator: "\n") + "\n"
    }

    static func relative(_ simulated: Double, _ published: Double) -> String {
        guard published != 0 else { return "-" }
        let r = (simulated / published - 1) * 100
        return String(format: "%+.1f %%", r)
    }
}
