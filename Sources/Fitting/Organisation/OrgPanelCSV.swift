import Foundation

/// Reads an organisation panel from CSV: a header row, then one row per user, day and model.
///
/// Columns (any order, names case-insensitive): `user` (or `user_id`, `email`), `day` (or
/// `date`, `usage_date`; `YYYY-MM-DD`, a longer ISO time keeps its date), `spend` (or
/// `cost`, `spend_usd`, `cost_usd`); optional `team` (or `team_id`), `model`, `requests` (or
/// `api_requests`, `request_count`). Fields may be quoted. Any other column is ignored.
public enum OrgPanelCSV {
    static let aliases: [String: [String]] = [
        "user": ["user", "user_id", "email", "user_email", "actor"],
        "day": ["day", "date", "usage_date", "starting_at"],
        "spend": ["spend", "cost", "spend_usd", "cost_usd", "amount"],
        "team": ["team", "team_id", "team_alias", "workspace"],
        "model": ["model"],
        "requests": ["requests", "api_requests", "request_count", "num_requests"],
    ]

    /// Adds the rows of the file at `path` to `panel`.
    public static func read(path: String, into panel: inout OrgPanel) throws(OrgPanelCSVError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path)
        }
        try read(String(decoding: data, as: UTF8.self), file: path, into: &panel)
    }

    public static func read(_ text: String, file: String, into panel: inout OrgPanel) throws(OrgPanelCSVError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else { throw .empty(path: file) }
        let names = fields(header).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var column: [String: Int] = [:]
        for (key, options) in aliases {
            if let i = names.firstIndex(where: { options.contains($0) }) { column[key] = i }
        }
        for required in ["user", "day", "spend"] where column[required] == nil {
            throw .missingColumn(path: file, column: required, accepted: aliases[required] ?? [], found: names)
        }
        let u = column["user"] ?? 0, d = column["day"] ?? 0, s = column["spend"] ?? 0
        for (n, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let f = fields(line)
            func field(_ i: Int?) -> String? { i.flatMap { $0 < f.count ? f[$0].trimmingCharacters(in: .whitespaces) : nil } }
            let lineNumber = n + 1
            guard let user = field(u), !user.isEmpty else {
                throw .badField(path: file, line: lineNumber, column: names[u], value: field(u) ?? "", expected: "a user name or id")
            }
            guard let dayText = field(d), let day = OrgCalendar.day(iso: dayText) else {
                throw .badField(path: file, line: lineNumber, column: names[d], value: field(d) ?? "", expected: "a date such as 2026-03-14")
            }
            guard let spendText = field(s), let spend = Double(spendText), spend.isFinite, spend >= 0, spend < 1e9 else {
                throw .badField(
                    path: file, line: lineNumber, column: names[s], value: field(s) ?? "",
                    expected: "dollars, a number from 0 to 1e9")
            }
            var requests = 0.0
            if let text = field(column["requests"]), !text.isEmpty {
                guard let r = Double(text), r.isFinite, r >= 0 else {
                    throw .badField(
                        path: file, line: lineNumber, column: "requests", value: text, expected: "a non-negative count")
                }
                requests = r
            }
            panel.add(
                user: user, team: field(column["team"]) ?? "", day: day, model: field(column["model"]) ?? "",
                requests: requests, spend: spend)
        }
    }

    /// Splits one CSV line, honouring double quotes (a doubled quote is a quote).
    static func fields(_ line: String) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        var chars = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                out.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        out.append(field)
        return out
    }
}

/// A panel CSV that cannot be read: the file, the line and the fix.
public enum OrgPanelCSVError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case empty(path: String)
    case missingColumn(path: String, column: String, accepted: [String], found: [String])
    case badField(path: String, line: Int, column: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unreadable(let path):
            return "\(path): cannot read the file: check the path and its permissions"
        case .empty(let path):
            return "\(path): the file is empty: give a header row (user,day,team,model,requests,spend) and one row per user, day and model"
        case let .missingColumn(path, column, accepted, found):
            return
                "\(path):1: no '\(column)' column (accepted names: \(accepted.joined(separator: ", "))); the header has \(found.joined(separator: ", "))"
        case let .badField(path, line, column, value, expected):
            return "\(path):\(line): '\(column)' is '\(value)': expected \(expected); fix or remove the line"
        }
    }
}
