import Foundation

/// `tokencast fit org` as a terminal report: the profiles with 90 % intervals, then what lies
/// beside them.
public enum OrgFitText {
    public static func render(_ d: OrgFitDocument) -> String {
        func money(_ e: OrgFitDocument.Estimate) -> String {
            "\(Money.full(e.value)) (\(Money.full(e.low))-\(Money.full(e.high)))"
        }
        func percent(_ e: OrgFitDocument.Estimate) -> String {
            "\(Money.percent(e.value, digits: 0)) (\(Money.percent(e.low, digits: 0))-\(Money.percent(e.high, digits: 0)))"
        }
        var out = "Organisation fit: \(d.source), \(d.firstDay) to \(d.lastDay)\n"
        out += "\(d.developers) developers, \(d.developersFitted) with enough history to group; "
        out += "\(d.profiles.count) profile\(d.profiles.count == 1 ? "" : "s") by BIC ("
        out += d.bic.sorted { $0.key < $1.key }.map { "\($0.key): \(String(format: "%.0f", $0.value))" }.joined(separator: ", ")
        out += "); 90 % intervals from \(d.replicates) bootstrap replicates over developers\n\n"
        var rows = [
            [
                "profile", "developers", "now", "share", "active days", "spend/active day", "requests/active day",
                "spend/working day", "developer cv",
            ]
        ]
        for p in d.profiles {
            rows.append([
                p.name, "\(p.developers)", "\(p.headCount)", percent(p.share), percent(p.activeDayProbability),
                money(p.spendPerActiveDay),
                String(
                    format: "%.0f (%.0f-%.0f)", p.requestsPerActiveDay.value, p.requestsPerActiveDay.low,
                    p.requestsPerActiveDay.high),
                money(p.spendPerWorkingDay), String(format: "%.2f", p.developerCV),
            ])
        }
        out += PlainTable.render(rows)
        out += "\nAdoption (new active developers): "
        out += d.adoption.map { "\($0.month) \($0.developers)" }.joined(separator: ", ") + "\n"
        out += "Attrition: \(d.leavers.map(\.developers).reduce(0, +)) left (no use in the last 30 days), "
        out += "\(Money.percent(d.monthlyAttrition, digits: 1)) a month\n"
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        out += "Active days by weekday: "
        out += zip(days, d.weekdayShare).map { "\($0) \(Money.percent($1, digits: 0))" }.joined(separator: ", ") + "\n"
        out += "Model mix per team:\n"
        for t in d.teams {
            let mix = t.modelMix.sorted { $0.value > $1.value }.map { "\($0.key) \(Money.percent($0.value, digits: 0))" }
            out += "  \(t.name) (\(t.headCount) now): \(mix.joined(separator: ", "))\n"
        }
        if let s = d.scenario { out += "\nScenario written to \(s): run it with tokencast forecast \(s)\n" }
        for n in d.notes { out += "note: \(n)\n" }
        return out
    }
}

/// `tokencast fit org` as CSV: a row per profile.
public enum OrgFitCSV {
    public static func render(_ d: OrgFitDocument) -> String {
        var lines = [
            "profile,developers,head_count,share,share_low,share_high,active_day_probability,active_low,active_high,spend_per_active_day,spend_low,spend_high,requests_per_active_day,spend_per_working_day,spend_per_working_day_low,spend_per_working_day_high,developer_cv"
        ]
        for p in d.profiles {
            let fields: [Double] = [
                p.share.value, p.share.low, p.share.high, p.activeDayProbability.value, p.activeDayProbability.low,
                p.activeDayProbability.high, p.spendPerActiveDay.value, p.spendPerActiveDay.low, p.spendPerActiveDay.high,
                p.requestsPerActiveDay.value, p.spendPerWorkingDay.value, p.spendPerWorkingDay.low, p.spendPerWorkingDay.high,
                p.developerCV,
            ]
            lines.append(
                ([CSVField.quoted(p.name), "\(p.developers)", "\(p.headCount)"] + fields.map { "\($0)" }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
