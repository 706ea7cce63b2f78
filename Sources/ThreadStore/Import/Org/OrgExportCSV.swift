import Foundation

/// The CSV exports of the consoles (and CSVs a script writes from the APIs), one column set per
/// source. Column names are matched case-insensitively against each role's accepted names (the
/// console's own and the API's field names); other columns are kept in the bucket key only.
///
/// Each row is a bucket keyed by its day and every column that is not a measure, so the same
/// row imported again from another file replaces itself; rows of one file with the same key are
/// summed (an export may split a day's usage over rows that differ in a column we drop).
struct OrgExportCSV {
    enum Role: String, CaseIterable {
        case day, user, apiKey, workspace, project, model, lineItem
        case input, inputWithCached, cached, cacheWrite5m, cacheWrite1h, cacheWrite, cacheRead, output, requests
        case costUSD, costCents, currency
    }

    struct Spec {
        var columns: [(Role, [String])]
        /// Roles of which each entry needs one (an entry's roles are alternatives).
        var required: [[Role]]
    }

    static let day: (Role, [String]) = (
        .day, ["date", "day", "usage_date_utc", "usage_date", "starting_at", "start_time", "bucket_start", "timestamp"]
    )
    static let model: (Role, [String]) = (.model, ["model", "model_version", "model_name"])

    static func spec(_ source: OrgExportSource) -> Spec? {
        switch source {
        case .anthropicUsage:
            return Spec(
                columns: [
                    day, model,
                    (.user, ["account", "account_id", "account_email", "user", "user_email", "email"]),
                    (.apiKey, ["api_key", "api_key_id", "api_key_name"]),
                    (.workspace, ["workspace", "workspace_id", "workspace_name"]),
                    (.input, ["usage_input_tokens_no_cache", "uncached_input_tokens", "input_tokens_no_cache"]),
                    (
                        .cacheWrite5m,
                        ["usage_input_tokens_cache_write_5m", "cache_creation_5m_input_tokens", "ephemeral_5m_input_tokens"]
                    ),
                    (
                        .cacheWrite1h,
                        ["usage_input_tokens_cache_write_1h", "cache_creation_1h_input_tokens", "ephemeral_1h_input_tokens"]
                    ),
                    (.cacheRead, ["usage_input_tokens_cache_read", "cache_read_input_tokens", "cache_read_tokens"]),
                    (.output, ["usage_output_tokens", "output_tokens"]),
                ], required: [[.day], [.input, .output]])
        case .anthropicCost:
            return Spec(
                columns: [
                    day, model,
                    (.workspace, ["workspace", "workspace_id", "workspace_name"]),
                    (.costUSD, ["cost_usd", "cost", "amount_usd", "usd"]),
                    (.costCents, ["amount", "amount_cents", "cost_cents"]),
                    (.currency, ["currency"]),
                ], required: [[.day], [.costUSD, .costCents]])
        case .claudeCodeAnalytics:
            return Spec(
                columns: [
                    day, model,
                    (.user, ["user_email", "email", "email_address", "actor", "actor_email", "user", "api_key_name"]),
                    (.input, ["input_tokens", "input"]),
                    (.output, ["output_tokens", "output"]),
                    (.cacheRead, ["cache_read_tokens", "cache_read"]),
                    (.cacheWrite, ["cache_creation_tokens", "cache_creation", "cache_write_tokens"]),
                    (.costUSD, ["estimated_cost_usd", "cost_usd", "cost"]),
                    (.costCents, ["estimated_cost_cents", "estimated_cost_amount", "amount_cents", "amount"]),
                    (.currency, ["currency", "estimated_cost_currency"]),
                ], required: [[.day], [.user]])
        case .openaiUsage:
            return Spec(
                columns: [
                    day, model,
                    (.user, ["user_id", "user", "email"]),
                    (.apiKey, ["api_key_id", "api_key"]),
                    (.project, ["project_id", "project"]),
                    (.inputWithCached, ["input_tokens"]),
                    (.cached, ["input_cached_tokens", "cached_tokens"]),
                    (.output, ["output_tokens"]),
                    (.requests, ["num_model_requests", "requests"]),
                ], required: [[.day], [.inputWithCached]])
        case .openaiCosts:
            return Spec(
                columns: [
                    day,
                    (.project, ["project_id", "project"]),
                    (.lineItem, ["line_item"]),
                    (.costUSD, ["amount_value", "cost_usd", "cost", "amount", "value"]),
                    (.currency, ["amount_currency", "currency"]),
                ], required: [[.day], [.costUSD]])
        case .otlp:
            return nil
        }
    }

    static let measureRoles: Set<Role> = [
        .input, .inputWithCached, .cached, .cacheWrite5m, .cacheWrite1h, .cacheWrite, .cacheRead, .output, .requests,
        .costUSD, .costCents,
    ]

    /// The columns a spec accepts, for messages and docs.
    static func columnsText(_ source: OrgExportSource) -> String {
        guard let spec = spec(source) else { return "" }
        return spec.columns.map { "\($0.0.rawValue) (\($0.1.joined(separator: "|")))" }.joined(separator: ", ")
    }

    var buckets: [OrgExportBucket] = []
    var rows = 0
    var skipped: [(line: Int, reason: String)] = []

    /// Reads `text`; throws ``OrgExportError/missingColumns`` when the header lacks a required role.
    init(text: String, path: String, source: OrgExportSource) throws(OrgExportError) {
        guard let spec = Self.spec(source) else { throw .notJSON(path: path, source: source) }
        var reader = CSVRecordReader()
        var records: [CSVRecordReader.Record] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Array(raw.utf8)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if !reader.isOpen, line.allSatisfy({ $0 == 0x20 }) { continue }
            if let record = line.withUnsafeBytes({ reader.feed($0, number: n + 1) }) { records.append(record) }
        }
        if reader.isOpen { skipped.append((reader.openRecordLine, "a quoted field that never closes")) }
        guard let header = records.first else { throw .empty(path: path, source: source) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var column: [Role: Int] = [:]
        for (role, aliases) in spec.columns {
            for alias in aliases {
                if let i = names.firstIndex(of: alias), !column.values.contains(i) {
                    column[role] = i
                    break
                }
            }
        }
        let missing = spec.required.filter { roles in roles.allSatisfy { column[$0] == nil } }
        if !missing.isEmpty {
            let wanted = missing.map { roles in
                roles.map { role in
                    let aliases = spec.columns.first { $0.0 == role }?.1 ?? []
                    return aliases.joined(separator: " or ")
                }.joined(separator: ", or ")
            }
            throw .missingColumns(path: path, line: header.line, source: source, missing: wanted, found: names)
        }
        let keyColumns = names.indices.filter { i in !column.contains { Self.measureRoles.contains($0.key) && $0.value == i } }
        var byKey: [String: Int] = [:]
        for record in records.dropFirst() {
            rows += 1
            do throws(OrgExportPageProblem) {
                let bucket = try Self.bucket(record, names: names, column: column, keyColumns: keyColumns)
                if let at = byKey[bucket.key] {
                    buckets[at].add(bucket)
                } else {
                    byKey[bucket.key] = buckets.count
                    buckets.append(bucket)
                }
            } catch {
                skipped.append((record.line, error.reason))
            }
        }
    }

    static func bucket(_ record: CSVRecordReader.Record, names: [String], column: [Role: Int], keyColumns: [Int])
        throws(OrgExportPageProblem) -> OrgExportBucket
    {
        if record.malformed { throw OrgExportPageProblem("a quote inside an unquoted field") }
        let f = record.fields
        func text(_ role: Role) -> String? {
            guard let i = column[role], i < f.count else { return nil }
            let t = f[i].trimmingCharacters(in: .whitespaces)
            return t.isEmpty || t.lowercased() == "null" ? nil : t
        }
        func count(_ role: Role) throws(OrgExportPageProblem) -> Int64 {
            guard let t = text(role) else { return 0 }
            guard let v = Double(t.replacingOccurrences(of: ",", with: "")), v >= 0, v.isFinite else {
                throw OrgExportPageProblem("\(names[column[role] ?? 0]) \"\(t)\" is not a count")
            }
            // Over a trillion is no real count, and far beyond Int64 the conversion would trap.
            guard v <= Double(TokenCounts.maxLogged) else {
                throw OrgExportPageProblem("\(names[column[role] ?? 0]) \"\(t)\" is over a trillion, not a real count")
            }
            return Int64(v.rounded())
        }
        func money(_ role: Role) throws(OrgExportPageProblem) -> Double? {
            guard let t = text(role) else { return nil }
            guard let v = Double(t.replacingOccurrences(of: "$", with: "")), v.isFinite else {
                throw OrgExportPageProblem("\(names[column[role] ?? 0]) \"\(t)\" is not an amount")
            }
            return v
        }
        guard let dayText = text(.day), let day = OrgExportFields.day(anyText: dayText) else {
            throw OrgExportPageProblem(
                "\(names[column[.day] ?? 0]) \"\(text(.day) ?? "")\" is not a date (YYYY-MM-DD, RFC 3339 or Unix seconds)")
        }
        if let currency = text(.currency), currency.uppercased() != "USD" {
            throw OrgExportPageProblem("currency \(currency), not USD")
        }
        let team = text(.workspace) ?? text(.project) ?? ""
        let user = text(.user) ?? text(.apiKey) ?? (team.isEmpty ? "" : team)
        let model = text(.model) ?? OpenAICostsPage.model(lineItem: text(.lineItem))
        let key =
            "csv|\(day)|"
            + keyColumns.filter { $0 != column[.day] }.map { "\(names[$0])=\($0 < f.count ? f[$0] : "")" }
            .joined(separator: "|")
        var b = OrgExportBucket(key: key, day: day, user: user, model: model, team: team)
        let cached = try count(.cached)
        b.inputTokens = try count(.input) + max(0, try count(.inputWithCached) - cached)
        b.cacheReadTokens = try count(.cacheRead) + cached
        let w1h = try count(.cacheWrite1h)
        b.cacheWriteTokens = try count(.cacheWrite) + count(.cacheWrite5m) + w1h
        b.cacheWrite1hTokens = w1h
        b.outputTokens = try count(.output)
        b.requests = try count(.requests)
        if let usd = try money(.costUSD) {
            b.spendUSD = usd
        } else if let cents = try money(.costCents) {
            b.spendUSD = cents / 100
        }
        return b
    }
}
