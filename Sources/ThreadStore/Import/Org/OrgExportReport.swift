import Foundation

/// What one admin-export import read, skipped and priced, and what the panel holds after it.
public struct OrgExportReport: Sendable {
    public struct File: Sendable {
        public var path: String
        /// Pages (JSON) or data rows (CSV) read.
        public var units: Int
        public var isCSV: Bool
        public var buckets: Int
        public var firstDay: String?
        public var lastDay: String?
    }

    public struct Skipped: Sendable, Equatable {
        public var position: String
        public var reason: String
    }

    public struct Unpriced: Sendable, Equatable {
        public var model: String
        public var tokens: Int64
        public var buckets: Int
    }

    public var source: OrgExportSource
    public var panelSource: String
    public var files: [File] = []
    public var skipped: [Skipped] = []
    /// Buckets priced with the catalog (sources without spend of their own).
    public var priced = 0
    public var unpriced: [Unpriced] = []
    public var seconds = 0.0
    public var storedBuckets = 0
    public var totals = OrgUsageTotals(
        rows: 0, users: 0, days: 0, models: 0, teams: 0, firstDay: nil, lastDay: nil, requests: 0, inputTokens: 0,
        outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, spendUSD: 0)

    public var bucketsRead: Int { files.reduce(0) { $0 + $1.buckets } }

    /// Shown at most; the rest are counted.
    static let skippedShown = 20

    public var summary: String {
        let n = Self.grouped
        var lines: [String] = []
        let rate = seconds > 0 ? ", \(n(Int64(Double(bucketsRead) / seconds))) buckets/s" : ""
        lines.append(
            "\(source.rawValue): \(files.count) file\(files.count == 1 ? "" : "s"), \(n(Int64(bucketsRead))) buckets read in "
                + String(format: "%.1f s", seconds) + rate)
        for f in files {
            let unit = f.isCSV ? "row" : "page"
            let range = f.firstDay.map { " (\($0)..\(f.lastDay ?? $0))" } ?? ""
            lines.append(
                "  \(f.path): \(n(Int64(f.units))) \(unit)\(f.units == 1 ? "" : "s"), \(n(Int64(f.buckets))) buckets\(range)")
        }
        if skipped.isEmpty {
            lines.append("  skipped: none")
        } else {
            lines.append("  skipped \(skipped.count) (pages or rows that are not \(source.displayName)):")
            for s in skipped.prefix(Self.skippedShown) { lines.append("    \(s.position): \(s.reason)") }
            if skipped.count > Self.skippedShown { lines.append("    ... and \(skipped.count - Self.skippedShown) more") }
        }
        if priced > 0 || !unpriced.isEmpty {
            lines.append(
                "  spend: \(n(Int64(priced))) buckets priced from their tokens with tokencast's price catalog "
                    + "(base prices; `tokencast prices` lists them), as \(source.displayName) carries no spend")
        } else {
            lines.append("  spend: as the source reports it")
        }
        if !unpriced.isEmpty {
            lines.append("  unpriced models (no price in the catalog; their spend is $0 in the panel, not counted):")
            for u in unpriced {
                let name = u.model.isEmpty ? "(no model: the export was not grouped by model)" : u.model
                lines.append("    \(name): \(n(u.tokens)) tokens in \(n(Int64(u.buckets))) buckets")
            }
            lines.append("    add their prices with `tokencast prices --update`, or import the cost report instead")
        }
        let cents = Int64((totals.spendUSD * 100).rounded())
        let spend = "$\(n(cents / 100)).\(String(format: "%02d", Int(abs(cents % 100))))"
        let days = totals.firstDay.map { " (\($0)..\(totals.lastDay ?? $0))" } ?? ""
        lines.append(
            "  panel '\(panelSource)': \(n(Int64(totals.rows))) rows from \(n(Int64(storedBuckets))) buckets, "
                + "\(n(Int64(totals.users))) users, \(n(Int64(totals.days))) days\(days), \(totals.models) models, "
                + "\(totals.teams) teams, \(n(totals.requests)) requests, "
                + "\(n(totals.inputTokens + totals.outputTokens + totals.cacheReadTokens + totals.cacheWriteTokens)) tokens, "
                + spend)
        return lines.joined(separator: "\n")
    }

    /// 1234567 -> "1,234,567", whatever the locale.
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
