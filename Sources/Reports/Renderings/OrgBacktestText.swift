import Foundation

/// `tokencast backtest org` as a terminal report: a summary row per team, then each month.
public enum OrgBacktestText {
    public static func render(_ d: OrgBacktestDocument) -> String {
        var out = "Organisation backtest: \(d.source)\n"
        out += "trained on \(d.trainMonths.first ?? "")..\(d.trainMonths.last ?? "") (\(d.profiles) profiles), "
        out += "compared on \(d.testMonths.first ?? "")..\(d.testMonths.last ?? "")\n\n"
        var summary = [["team", "months in P10-P90", "P50 error (mean abs)"]]
        for s in d.series {
            summary.append([
                s.team, "\(s.months.filter(\.inside).count)/\(s.months.count) (\(Money.percent(s.coverage, digits: 0)))",
                Money.percent(s.meanAbsoluteP50Error, digits: 1),
            ])
        }
        out += PlainTable.render(summary) + "\n"
        var rows = [["team", "month", "P10", "P50", "P90", "actual", "inside"]]
        for s in d.series {
            for m in s.months {
                rows.append([
                    s.team, m.month, Money.full(m.p10), Money.full(m.p50), Money.full(m.p90), Money.full(m.actual),
                    m.inside ? "yes" : (m.actual > m.p90 ? "above" : "below"),
                ])
            }
        }
        out += PlainTable.render(rows)
        for n in d.notes { out += "note: \(n)\n" }
        return out
    }
}

/// `tokencast backtest org` as CSV: a row per team and month.
public enum OrgBacktestCSV {
    public static func render(_ d: OrgBacktestDocument) -> String {
        var lines = ["team,month,p10,p50,p90,actual,inside"]
        for s in d.series {
            for m in s.months {
                lines.append("\(CSVField.quoted(s.team)),\(m.month),\(m.p10),\(m.p50),\(m.p90),\(m.actual),\(m.inside)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
