import Foundation

/// The two shapes of CSV file tokencast imports, told apart by the header.
enum CSVShape: Equatable {
    /// One row per thread, totals given.
    case threads
    /// One row per request (turn), threads summed from them.
    case requests

    static let threadRequired = ["thread_id", "model", "turns"]
    static let threadOptional = [
        "started_at", "ended_at", "developer", "project", "input_tokens", "cache_read_tokens", "cache_write_tokens",
        "cache_write_1h_tokens", "output_tokens", "reasoning_tokens", "cost_usd", "outcome",
    ]
    static let requestRequired = ["thread_id", "turn_index"]
    static let requestOptional = [
        "timestamp", "model", "developer", "project", "input_tokens", "cache_read_tokens", "cache_write_tokens",
        "cache_write_1h_tokens", "output_tokens", "reasoning_tokens", "cost_usd",
    ]

    static var threadColumnsText: String {
        threadRequired.joined(separator: ", ") + " (required), " + threadOptional.joined(separator: ", ")
    }

    static var requestColumnsText: String {
        requestRequired.joined(separator: ", ") + " (required), " + requestOptional.joined(separator: ", ")
    }

    /// The shape a header names, or nil if it is neither (missing a required column, or with a
    /// column tokencast does not know, which is likely a typo).
    init?(header: [String]) {
        let columns = Set(header)
        guard columns.count == header.count else { return nil }
        if columns.isSuperset(of: Self.requestRequired),
            columns.isSubset(of: Self.requestRequired + Self.requestOptional)
        {
            self = .requests
        } else if columns.isSuperset(of: Self.threadRequired),
            columns.isSubset(of: Self.threadRequired + Self.threadOptional)
        {
            self = .threads
        } else {
            return nil
        }
    }
}

/// Imports threads or requests from a CSV file (RFC 4180: comma-separated, fields with commas,
/// quotes or newlines in double quotes, `""` for a quote; a header row first).
///
/// See `docs/logs.md` for the columns. Bad rows are skipped and reported with `file:line`.
public struct CSVImporter: Sendable {
    public let store: ThreadStore
    /// Stored as the developer of threads whose rows do not name one.
    public var developer: String?

    public init(store: ThreadStore, developer: String? = nil) {
        self.store = store
        self.developer = developer
    }

    /// Imports one CSV file in one transaction.
    /// - Throws: ``ThreadStoreError/noSuchPath(_:)``, or
    ///   ``ThreadStoreError/unknownCSVHeader(path:found:)`` naming the expected columns.
    public func importFile(at path: String, progress: ((_ done: Int64, _ total: Int64) -> Void)? = nil) throws
        -> ImportReport
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ThreadStoreError.noSuchPath(path)
        }
        let header = try Self.readHeader(path: path)
        guard let shape = CSVShape(header: header) else {
            throw ThreadStoreError.unknownCSVHeader(path: path, found: header)
        }
        return try store.importFiles(
            [path], kind: .csv, developer: developer, report: ImportReport(), progress: progress
        ) { _ in CSVLineParser(shape: shape) }
    }

    /// The header's column names, trimmed and lowercased; empty for an empty file.
    static func readHeader(path: String) throws -> [String] {
        struct Done: Error {}
        var reader = CSVRecordReader()
        var header: [String] = []
        do {
            _ = try LineReader(path: path).forEachLine { line, number in
                guard case let .text(bytes, _) = line else { throw Done() }
                if let record = reader.feed(bytes, number: number) {
                    header = record.fields
                    throw Done()
                }
            }
        } catch is Done {
        } catch let error as FileReadError {
            throw ThreadStoreError.cannotOpen(path: path, reason: error.reason)
        }
        return header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }
}

/// Splits lines into RFC 4180 records; a quoted field may span lines. Shared by the CSV log
/// importer and `fit org`'s panel reader.
public struct CSVRecordReader: Sendable {
    public struct Record: Sendable {
        public var fields: [String]
        /// The line the record starts on.
        public var line: Int
        /// A quote inside an unquoted field.
        public var malformed: Bool
    }

    public init() {}

    private var fields: [String] = []
    private var field: [UInt8] = []
    private var inQuotes = false
    private var malformed = false
    private var startLine = 0

    /// Whether a record is open (a quoted field continues on the next line).
    public var isOpen: Bool { inQuotes }
    public var openRecordLine: Int { startLine }

    /// Feeds one line; returns the record it completes, if any.
    public mutating func feed(_ line: UnsafeRawBufferPointer, number: Int) -> Record? {
        if !inQuotes {
            startLine = number
            fields = []
            field = []
            malformed = false
        } else {
            field.append(UInt8(ascii: "\n"))
        }
        var i = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        // Strip a UTF-8 byte-order mark on the first line.
        if number == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF { i = 3 }
        var fieldStart = !inQuotes
        while i < line.count {
            let b = line[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < line.count, line[i + 1] == quote {
                        field.append(quote)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(b)
                }
            } else if b == comma {
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
                fieldStart = true
                i += 1
                continue
            } else if b == quote, fieldStart || field.allSatisfy({ $0 == 0x20 }) {
                field = []
                inQuotes = true
            } else {
                if b == quote { malformed = true }
                field.append(b)
            }
            fieldStart = false
            i += 1
        }
        if inQuotes { return nil }
        fields.append(String(decoding: field, as: UTF8.self))
        return Record(fields: fields, line: startLine, malformed: malformed)
    }
}

/// The line parser for one CSV file of either shape.
final class CSVLineParser: LogLineParser {
    private let shape: CSVShape
    private var reader = CSVRecordReader()
    private var columns: [String: Int] = [:]
    private var headerSeen = false

    init(shape: CSVShape) { self.shape = shape }

    func parse(_ line: LineReader.Line, number: Int, in session: ImportSession) throws {
        guard case let .text(bytes, _) = line else {
            session.skip("line longer than 64 MiB", line: number)
            return
        }
        guard UTF8Validation.isValid(bytes) else { session.skip("invalid UTF-8", line: number); return }
        if !reader.isOpen, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { session.ignore("blank"); return }
        guard let record = reader.feed(bytes, number: number) else { session.ignore("continued field"); return }
        if !headerSeen {
            headerSeen = true
            for (i, name) in record.fields.enumerated() {
                columns[name.trimmingCharacters(in: .whitespaces).lowercased()] = i
            }
            session.ignore("header")
            return
        }
        guard !record.malformed else { session.skip("quote inside an unquoted field", line: record.line); return }
        guard record.fields.count == columns.count else {
            session.skip("wrong number of fields (expected \(columns.count))", line: record.line)
            return
        }
        do {
            let row = Row(fields: record.fields, columns: columns)
            switch shape {
            case .threads: try storeThread(row, in: session)
            case .requests: try storeRequest(row, in: session)
            }
        } catch let problem as RowProblem {
            session.skip(problem.reason, line: record.line)
        }
    }

    func finish(in session: ImportSession) throws {
        if reader.isOpen { session.skip("unterminated quoted field", line: reader.openRecordLine) }
    }

    private struct RowProblem: Error { var reason: String }

    private struct Row {
        var fields: [String]
        var columns: [String: Int]

        func text(_ name: String) -> String? {
            guard let i = columns[name] else { return nil }
            let value = fields[i].trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }

        func required(_ name: String) throws -> String {
            guard let value = text(name) else { throw RowProblem(reason: "missing value for '\(name)'") }
            return value
        }

        func count(_ name: String) throws -> Int64 {
            guard let value = text(name) else { return 0 }
            guard let n = Int64(value), n >= 0, n <= TokenCounts.maxLogged else {
                throw RowProblem(reason: "invalid count in '\(name)'")
            }
            return n
        }

        func number(_ name: String) throws -> Double? {
            guard let value = text(name) else { return nil }
            guard let d = Double(value), d.isFinite, d >= 0 else {
                throw RowProblem(reason: "invalid number in '\(name)'")
            }
            return d
        }

        func date(_ name: String) throws -> Date? {
            guard let value = text(name) else { return nil }
            guard let d = Timestamp.parse(value) else {
                throw RowProblem(reason: "invalid date in '\(name)' (expected ISO 8601, e.g. 2025-10-02T09:14:03Z)")
            }
            return d
        }

        var tokens: TokenCounts {
            get throws {
                TokenCounts(
                    input: try count("input_tokens"), cacheRead: try count("cache_read_tokens"),
                    cacheWrite5m: try count("cache_write_tokens"), cacheWrite1h: try count("cache_write_1h_tokens"),
                    output: try count("output_tokens"), reasoning: try count("reasoning_tokens"))
            }
        }
    }

    private func storeThread(_ row: Row, in session: ImportSession) throws {
        let id = try row.required("thread_id")
        let model = try row.required("model")
        guard let turns = Int(try row.required("turns")), turns >= 1 else {
            throw RowProblem(reason: "invalid count in 'turns' (expected an integer >= 1)")
        }
        var outcome: String?
        if let text = row.text("outcome") {
            guard let o = ThreadOutcome(rawValue: text.lowercased()) else {
                throw RowProblem(reason: "invalid outcome (expected success, failure or abandoned)")
            }
            outcome = o.rawValue
        }
        let tokens = try row.tokens
        let startedAt = try row.date("started_at")
        let endedAt = try row.date("ended_at")
        let cost = try row.number("cost_usd")
        let threadID = try session.threadID(externalID: id, developer: row.text("developer"))
        try session.db.execute(
            sql: """
                UPDATE threads SET developer = ?, project = ?, model = ?, started_at = ?, ended_at = ?, turns = ?,
                    input_tokens = ?, cache_read_tokens = ?, cache_write_5m_tokens = ?, cache_write_1h_tokens = ?,
                    output_tokens = ?, reasoning_tokens = ?, cost_usd = ?, outcome = ?
                WHERE id = ?
                """,
            arguments: [
                row.text("developer") ?? session.developer, row.text("project"), model, startedAt,
                endedAt ?? startedAt, turns, tokens.input, tokens.cacheRead, tokens.cacheWrite5m, tokens.cacheWrite1h,
                tokens.output, tokens.reasoning, cost, outcome, threadID,
            ])
        session.report.usedLines += 1
    }

    private func storeRequest(_ row: Row, in session: ImportSession) throws {
        let id = try row.required("thread_id")
        guard let turn = Int(try row.required("turn_index")), turn >= 1 else {
            throw RowProblem(reason: "invalid count in 'turn_index' (expected an integer >= 1)")
        }
        let tokens = try row.tokens
        let timestamp = try row.date("timestamp")
        let cost = try row.number("cost_usd")
        let threadID = try session.threadID(externalID: id, developer: row.text("developer"))
        if let project = row.text("project") { session.setProject(project, externalID: id) }
        try session.store(
            PendingRequest(
                key: "csv:\(id):\(turn)", threadID: threadID, timestamp: timestamp,
                model: row.text("model") ?? "unknown", tokens: tokens, costUSD: cost, turnIndex: turn),
            replace: true)
    }
}
