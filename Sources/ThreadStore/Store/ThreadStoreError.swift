/// Errors a user can cause with a database path or an import argument.
///
/// Each message names the path and says how to fix it. A database that is refused is never
/// written to.
public enum ThreadStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// An SQLite database that tokencast did not create.
    case foreignDatabase(path: String, detail: String)
    /// An SQLite file that SQLite cannot read.
    case damagedDatabase(path: String, reason: String)
    /// A thread database written by a newer tokencast.
    case newerSchema(path: String)
    /// The database file or its directory cannot be created or opened.
    case cannotOpen(path: String, reason: String)
    /// An import argument that does not exist.
    case noSuchPath(String)
    /// No default log directory exists for this kind of log.
    case noLogDirectory(kind: LogKind, looked: [String])
    /// A CSV file whose header is neither thread rows nor request rows.
    case unknownCSVHeader(path: String, found: [String])

    public var description: String {
        switch self {
        case let .notADatabase(path):
            return "\(path) is not a tokencast thread database (not an SQLite file); it was left untouched. "
                + "Move it away, or pass --db with another path."
        case let .foreignDatabase(path, detail):
            return "\(path) is an SQLite database that tokencast did not create (\(detail)); it was left untouched. "
                + "Pass --db with another path."
        case let .damagedDatabase(path, reason):
            return "\(path) is a damaged SQLite database (\(reason)); it was left untouched. "
                + "Restore it from a backup, or move it away and import your logs again."
        case let .newerSchema(path):
            return "\(path) was written by a newer version of tokencast; it was left untouched. "
                + "Upgrade tokencast, or pass --db with another path."
        case let .cannotOpen(path, reason):
            let reason = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
            return "cannot open the thread database \(path): \(reason). Pass --db with a writable path."
        case let .noSuchPath(path):
            return "\(path): no such file or directory: check the path."
        case let .noLogDirectory(kind, looked):
            return "no \(kind.displayName) logs found; looked in \(looked.joined(separator: ", ")). "
                + "Pass the log directory as an argument."
        case let .unknownCSVHeader(path, found):
            let seen = found.isEmpty ? "the file is empty" : "found: \(found.joined(separator: ", "))"
            return "\(path): not a CSV header tokencast knows (\(seen)). "
                + "Expected thread rows with columns \(CSVShape.threadColumnsText) "
                + "or request rows with columns \(CSVShape.requestColumnsText)."
        }
    }
}

/// The kinds of log tokencast imports; the raw value is stored in the database.
public enum LogKind: String, Sendable, CaseIterable, Codable {
    case claudeCode = "claude-code"
    case codex
    case csv

    public var displayName: String {
        switch self {
        case .claudeCode: "Claude Code"
        case .codex: "Codex"
        case .csv: "CSV"
        }
    }
}
