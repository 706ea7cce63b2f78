import Foundation

/// Reading the fields of a decoded JSON page: numbers as the APIs write them (JSON numbers, or
/// decimal strings: Anthropic's cost amounts, OTLP's 64-bit integers), days from RFC 3339
/// times, Unix seconds and Unix nanoseconds.
enum OrgExportFields {
    /// A whole number from a JSON number or a decimal string; nil when absent or null.
    ///
    /// A number no 64-bit count holds (`1e30`, `NaN`) reads as `Int64.max`, which
    /// ``OrgExportBucket/outOfRange`` then refuses with the page's position: converting it
    /// would trap (a string) or give `Int64.min` (NSNumber), a negative count nobody sees.
    static func int64(_ value: Any?) -> Int64? {
        switch value {
        case let n as NSNumber:
            let d = n.doubleValue
            guard d.isFinite, abs(d) < 9.2e18 else { return .max }
            return n.int64Value
        case let s as String:
            if let i = Int64(s) { return i }
            guard let d = Double(s) else { return nil }
            guard d.isFinite, abs(d) < 9.2e18 else { return .max }
            return Int64(d.rounded())
        default: return nil
        }
    }

    static func double(_ value: Any?) -> Double? {
        switch value {
        case let n as NSNumber: return n.doubleValue
        case let s as String: return Double(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// A non-empty string, or nil (absent, null, empty).
    static func string(_ value: Any?) -> String? {
        guard let s = value as? String, !s.isEmpty else { return nil }
        return s
    }

    /// The UTC day of an RFC 3339 time (`2025-08-01T00:00:00Z`, or with an offset) or a plain
    /// `YYYY-MM-DD`.
    static func day(rfc3339 text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let head = t.prefix(10)
        guard head.count == 10, isDay(head) else { return nil }
        if t.count == 10 || t.hasSuffix("Z") || t.hasSuffix("+00:00") || !t.contains("T") { return String(head) }
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var date = iso.date(from: t)
        if date == nil {
            iso.formatOptions = [.withInternetDateTime]
            date = iso.date(from: t)
        }
        guard let date else { return String(head) }
        return day(unixSeconds: date.timeIntervalSince1970)
    }

    static func day(unixSeconds: Double) -> String {
        let days = Int64((unixSeconds / 86_400).rounded(.down))
        return civil(daysSinceEpoch: days)
    }

    static func day(unixNanos: Int64) -> String {
        let days = unixNanos >= 0 ? unixNanos / 86_400_000_000_000 : (unixNanos - 86_399_999_999_999) / 86_400_000_000_000
        return civil(daysSinceEpoch: days)
    }

    /// A day given as `YYYY-MM-DD`, an RFC 3339 time or Unix seconds (CSV exports write any).
    static func day(anyText text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let d = day(rfc3339: t) { return d }
        if let seconds = Double(t), seconds > 100_000_000 { return day(unixSeconds: seconds) }
        return nil
    }

    private static func isDay(_ s: Substring) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        for k in [0, 1, 2, 3, 5, 6, 8, 9] where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[k]) { return false }
        return true
    }

    /// Days since 1970-01-01 -> `YYYY-MM-DD` (Howard Hinnant's civil_from_days; no calendar
    /// object per bucket).
    static func civil(daysSinceEpoch: Int64) -> String { OrgUsageRow.day(daysSinceEpoch: daysSinceEpoch) }

    /// The dimensions of a result as a stable key part: every string or null field not in
    /// `measures`, sorted by name (a new group-by dimension of the API joins the key by itself).
    static func dimensions(_ result: [String: Any], excluding measures: Set<String>) -> String {
        var parts: [String] = []
        for k in result.keys.sorted() where !measures.contains(k) {
            let v = result[k]
            if let s = v as? String {
                parts.append("\(k)=\(s)")
            } else if v is NSNull {
                parts.append("\(k)=")
            } else if let n = v as? NSNumber, k == "batch" {
                parts.append("\(k)=\(n.boolValue)")
            }
        }
        return parts.joined(separator: "|")
    }
}
