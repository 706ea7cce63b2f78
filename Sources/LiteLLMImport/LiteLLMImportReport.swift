import Foundation
import ThreadStore

/// What one `import litellm` read and what the panel holds after it.
public struct LiteLLMImportReport: Sendable {
    /// The URL read, redacted.
    public var url: String
    public var source: String
    /// The day the import re-read from (the previous mark, or --since); nil for a first import.
    public var from: String?
    /// The first and last day of spend logs read.
    public var firstDay: String?
    public var lastDay: String?
    /// Spend-log rows aggregated (the sum of the requests read).
    public var spendLogRows: Int64
    /// Panel rows written (new or replaced).
    public var panelRows: Int
    public var missingOptional: [String]
    public var cacheSource: SpendLogsQuery.CacheSource
    public var seconds: Double
    public var totals: OrgUsageTotals

    public var rowsPerSecond: Double { seconds > 0 ? Double(spendLogRows) / seconds : 0 }

    public var summary: String {
        let n = Self.grouped
        var lines: [String] = []
        let range = firstDay.map { first in " (\(first)..\(lastDay ?? first))" } ?? ""
        let rate = spendLogRows > 0 ? ", \(n(Int64(rowsPerSecond))) rows/s" : ""
        lines.append(
            "litellm: \(n(spendLogRows)) spend-log rows\(range) read as \(n(Int64(panelRows))) "
                + "user-day-model-team rows in " + String(format: "%.1f s", seconds) + rate)
        lines.append("  from \(url)")
        if let from {
            lines.append("  re-read from \(from) on (the last day of the previous import, read again whole)")
        }
        if spendLogRows == 0 { lines.append("  nothing new") }
        lines.append(
            "  optional columns missing: " + (missingOptional.isEmpty ? "none" : missingOptional.joined(separator: ", ")))
        lines.append("  cache tokens from: \(cacheSource.rawValue)")
        let cents = Int64((totals.spendUSD * 100).rounded())
        let spend = "$\(n(cents / 100)).\(String(format: "%02d", Int(abs(cents % 100))))"
        let days = totals.firstDay.map { " (\($0)..\(totals.lastDay ?? $0))" } ?? ""
        lines.append(
            "  panel '\(source)': \(n(Int64(totals.rows))) rows, \(n(Int64(totals.users))) users, "
                + "\(n(Int64(totals.days))) days\(days), \(totals.models) models, \(totals.teams) teams, "
                + "\(n(totals.requests)) requests, \(spend)")
        return lines.joined(separator: "\n")
    }

    /// 1234567 -> "1,234,567", whatever the locale (the summary is read in logs and tests).
    static func grouped(_ v: Int64) -> String {
        let digits = String(v.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (v < 0 ? "-" : "") + out
    }
}
