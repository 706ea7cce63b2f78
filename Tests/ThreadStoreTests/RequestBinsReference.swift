import Foundation
import GRDB

@testable import ThreadStore

/// The reference sums of `request_bins`: the bins read back from the table, with the bins a
/// range cuts summed from the requests, and every bin summed from the requests themselves.
/// The statusline reads the table directly (`useHistory`); these say what it must equal, and
/// `RequestBinsTests` checks that the table stays equal to the requests.
extension ThreadStore {
    /// The stored requests of models whose name starts with `modelPrefix`, summed per model in
    /// 5-minute bins from `since` to `until`: (the bin's start in Unix seconds, model, tokens),
    /// ordered by bin and model.
    ///
    /// The whole bins inside the range come from `request_bins`; only the bins cut by `since`
    /// or `until` are summed from the requests.
    func binnedUse(modelPrefix: String, since: Date, until: Date) throws -> [(
        start: Int, model: String, tokens: TokenCounts
    )] {
        let width = Double(Schema.binSeconds)
        let lo = (since.timeIntervalSince1970 / width).rounded(.up) * width
        let hi = (until.timeIntervalSince1970 / width).rounded(.down) * width
        return try writer.read { db in
            guard lo < hi else { return try Self.summedBins(db, modelPrefix: modelPrefix, since: since, until: until) }
            var out = try Self.summedBins(
                db, modelPrefix: modelPrefix, since: since, until: Date(timeIntervalSince1970: lo))
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT start, model, input_tokens, cache_read_tokens, cache_write_5m_tokens,
                           cache_write_1h_tokens, output_tokens
                    FROM request_bins WHERE start >= ? AND start < ? AND model LIKE ?
                    ORDER BY start, model
                    """,
                arguments: [Int(lo), Int(hi), modelPrefix + "%"])
            // Columns by position: by-name lookups cost more than the rest of the loop.
            while let r = try rows.next() {
                out.append(
                    (r[0], r[1], TokenCounts(input: r[2], cacheRead: r[3], cacheWrite5m: r[4], cacheWrite1h: r[5], output: r[6])))
            }
            out += try Self.summedBins(db, modelPrefix: modelPrefix, since: Date(timeIntervalSince1970: hi), until: until)
            return out
        }
    }

    /// `binnedUse` summed from the requests themselves, for the bins a range cuts.
    ///
    /// SQLite groups by the stored time's text (GRDB writes `YYYY-MM-DD HH:MM:SS.SSS`, UTC):
    /// the first 15 characters and whether the minute's last digit is 5 or more name the bin,
    /// which is cheaper than converting every row's time; the covering index `requests_by_time`
    /// serves the whole query.
    static func summedBins(_ db: Database, modelPrefix: String, since: Date, until: Date) throws -> [(
        start: Int, model: String, tokens: TokenCounts
    )] {
        guard since < until else { return [] }
        var out: [(start: Int, model: String, tokens: TokenCounts)] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT substr(timestamp, 1, 15) AS prefix, substr(timestamp, 16, 1) >= '5' AS late, model,
                       sum(input_tokens) AS input_tokens, sum(cache_read_tokens) AS cache_read_tokens,
                       sum(cache_write_5m_tokens) AS cache_write_5m_tokens,
                       sum(cache_write_1h_tokens) AS cache_write_1h_tokens,
                       sum(output_tokens) AS output_tokens
                FROM requests INDEXED BY requests_by_time
                WHERE timestamp >= ?1 AND timestamp < ?2 AND model LIKE ?3
                GROUP BY 1, 2, 3
                """,
            arguments: [since, until, modelPrefix + "%"])
        while let r = try rows.next() {
            guard let prefix: String = r[0], let minute = unixMinute(tenMinutePrefix: prefix) else { continue }
            let late: Bool = r[1]
            let tokens = TokenCounts(input: r[3], cacheRead: r[4], cacheWrite5m: r[5], cacheWrite1h: r[6], output: r[7])
            out.append((minute + (late ? 300 : 0), r[2], tokens))
        }
        return out
    }

    /// `2025-12-02 10:3` (a stored time's first 15 characters) as Unix seconds of 10:30 UTC;
    /// nil for text of another shape.
    static func unixMinute(tenMinutePrefix p: String) -> Int? {
        let u = Array(p.utf8)
        guard u.count == 15 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (48...57).contains(u[i]) else { return nil }
                n = n * 10 + Int(u[i] - 48)
            }
            return n
        }
        guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10), let h = digits(11..<13),
            let tens = digits(14..<15), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        // Days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400 + h * 3600 + tens * 600
    }
}
