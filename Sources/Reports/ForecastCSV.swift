import Simulation

/// The CSV rendering of a developer forecast: one statistic per row, tidy for spreadsheets.
///
/// Columns: `scope,model,month,statistic,value`. `scope` is `annual`, `month`, `thread` or
/// `model`; `model` and `month` are empty where they do not apply.
public enum ForecastCSV {
    public static func render(_ d: ForecastDocument) -> String {
        var rows = ["scope,model,month,statistic,value"]
        func add(_ scope: String, _ model: String, _ month: String, _ stat: String, _ value: Double) {
            rows.append("\(scope),\(escape(model)),\(month),\(stat),\(format(value))")
        }
        func summary(_ scope: String, _ model: String, _ month: String, _ s: SpendSummary) {
            let stats: [(String, Double)] = [
                ("mean", s.mean), ("standard_error", s.standardError), ("p5", s.p5), ("p10", s.p10), ("p50", s.p50),
                ("p90", s.p90), ("p95", s.p95), ("p99", s.p99),
            ]
            for (k, v) in stats { add(scope, model, month, k, v) }
        }
        summary("annual", "", "", d.annual)
        add("annual", "", "", "trials", Double(d.trials))
        add("annual", "", "", "seed", Double(d.seed))
        add("thread", "", "", "threads_per_year", d.threadsPerYear)
        add("thread", "", "", "cost_per_thread", d.costPerThread)
        add("thread", "", "", "cost_per_completed_task", d.costPerCompletedTask)
        add("thread", "", "", "waste_share", d.wasteShare)
        add("thread", "", "", "attempts_per_thread", d.attemptsPerThread)
        for m in d.monthly { summary("month", "", m.month, m.spend) }
        for m in d.models {
            add("model", m.name, "", "share_of_threads", m.shareOfThreads)
            add("model", m.name, "", "cost_per_thread", m.costPerThread)
            add("model", m.name, "", "cost_per_completed_task", m.costPerCompletedTask)
            add("model", m.name, "", "waste_share", m.wasteShare)
            add("model", m.name, "", "attempts_per_thread", m.attemptsPerThread)
            summary("model", m.name, "", m.annual)
        }
        return rows.joined(separator: "\n") + "\n"
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    /// A name field: quoted as ``CSVField`` quotes every field (a newline in a name used to
    /// split its row in two).
    static func escape(_ s: String) -> String { CSVField.quoted(s) }
}
