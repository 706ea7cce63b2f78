/// A file given to an admin-export import that is not what the command reads: nothing of it
/// (nor of the files after it) is written, and the message names the file, the line and the fix.
public enum OrgExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A page of another source's shape (`import anthropic-usage` given an OpenAI page).
    case otherSource(path: String, line: Int, page: Int, expected: OrgExportSource, found: OrgExportSource)
    /// No page of the file could be read as the source's shape.
    case notThisShape(path: String, line: Int, expected: OrgExportSource, reason: String)
    /// A CSV header without a column the source needs.
    case missingColumns(path: String, line: Int, source: OrgExportSource, missing: [String], found: [String])
    /// An empty file.
    case empty(path: String, source: OrgExportSource)
    /// A CSV given to a source that has JSON only (OTLP).
    case notJSON(path: String, source: OrgExportSource)
    case cannotRead(path: String, reason: String)

    public var description: String {
        switch self {
        case let .otherSource(path, line, page, expected, found):
            return "\(path):\(line) (page \(page)): this looks like \(found.displayName), not \(expected.displayName); "
                + "use `tokencast import \(found.rawValue) \(path)`. Nothing was imported from it."
        case let .notThisShape(path, line, expected, reason):
            return "\(path):\(line): not \(expected.displayName) (\(reason)). Give the API's JSON response as saved "
                + "by curl (one page, pages one per line, or a JSON array of pages)"
                + (expected == .otlp ? "" : " or the console's CSV export")
                + "; see docs/organisation-data.md. Nothing was imported from it."
        case let .missingColumns(path, line, source, missing, found):
            return "\(path):\(line): a CSV header without the column(s) \(source.rawValue) needs: "
                + missing.joined(separator: "; ") + " (found: \(found.joined(separator: ", "))). "
                + "Rename the column, or use the import command of the export's source; see docs/organisation-data.md."
        case let .empty(path, source):
            return "\(path): the file is empty; expected \(source.displayName)."
        case let .notJSON(path, source):
            return "\(path):1: not JSON; expected \(source.displayName): one ExportMetricsServiceRequest JSON object "
                + "per line, as the collector's file exporter writes (format: json)."
        case let .cannotRead(path, reason):
            return "cannot read \(path): \(reason). Check the path and its permissions."
        }
    }
}
