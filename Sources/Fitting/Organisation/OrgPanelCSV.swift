import Foundation
import ThreadStore

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
        // Records through the store's RFC 4180 reader (a quoted field may hold commas, quotes
        // and line breaks), each with the line it starts on.
        var reader = CSVRecordReader()
        var records: [CSVRecordReader.Record] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Array(raw.utf8)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if !reader.isOpen, line.allSatisfy({ $0 == 0x20 }) { continue }
            if let record = line.withUnsafeBytes({ reader.feed($0, number: n + 1) }) { records.append(record) }
        }
        if reader.isOpen { throw .unclosedQuote(path: file, line: reader.openRecordLine) }
        guard let header = records.first else { throw .empty(path: file) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var column: [String: Int] = [:]
        for (key, options) in aliases {
            if let i = names.firstIndex(where: { options.contains($0) }) { column[key] = i }
        }
        for required in ["user", "day", "spend"] where column[required] == nil {
            throw .missingColumn(path: file, column: required, accepted: aliases[required] ?? [], found: names)
        }
        let u = column["user"] ?? 0, d = column["day"] ?? 0, s = column["spend"] ?? 0
        for record in records.dropFirst() {
            let f = record.fields
            func field(_ i: Int?) -> String? { i.flatMap { $0 < f.count ? f[$0].trimmingCharacters(in: .whitespaces) : nil } }
            let lineNumber = record.line
            if record.malformed { throw .unclosedQuote(path: file, line: lineNumber) }
            guard let user = field(u), !user.isEmpty else {
                throw .badField(
                    path: file, line: lineNumber, column: names[u], value: field(u) ?? "", expected: "a user name or id")
            }
            guard let dayText = field(d), let day = OrgCalendar.day(iso: dayText) else {
                throw .badField(
                    path: file, line: lineNumber, column: names[d], value: field(d) ?? "", expected: "a date such as 2026-03-14")
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
}

/// A panel CSV that cannot be read: the file, the line and the fix.
public enum OrgPanelCSVError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case empty(path: String)
    case missingColumn(path: String, column: String, accepted: [String], found: [String])
    case badField(path: String, line: Int, column: String, value: String, expected: String)
    /// A quote inside an unquoted field, or a quoted field never closed.
    case unclosedQuote(path: String, line: Int)

    public var description: String {
        switch self {
        case .unreadable(let path):
            return "\(path): cannot read the file: check the path and its permissions"
        case .empty(let path):
            return
                "\(path): the file is empty: give a header row (user,day,team,model,requests,spend) and one row per user, day and model"
        case let .missingColumn(path, column, accepted, found):
            return
                "\(path):1: no '\(column)' column (accepted names: \(accepted.joined(separator: ", "))); the header has \(found.joined(separator: ", "))"
        case let .unclosedQuote(path, line):
            return
                "\(path):\(line): a quote is out of place or never closed: quote the whole field and double any quote inside it (\"a \"\"b\"\"\")"
        case let .badField(path, line, column, value, expected):
            return "\(path):\(line): '\(column)' is '\(value)': expected \(expected); fix or remove the line"
        }
    }
}
