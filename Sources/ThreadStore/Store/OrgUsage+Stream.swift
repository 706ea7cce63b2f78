import GRDB

extension ThreadStore {
    /// The organisation panel's rows one at a time, in the order of its unique key (source,
    /// user, day, model, team), so that SQLite walks that index and sorts nothing.
    ///
    /// ``orgUsage(source:)`` returns the same rows as an array; this is for whole panels, where a
    /// year of 10,000 developers over five models is millions of rows (over a gigabyte as an
    /// array of rows), and the caller keeps only its own sums.
    ///
    /// - Complexity: O(rows) time, O(1) memory.
    public func forEachOrgUsage(source: String? = nil, _ body: (OrgUsageRow) throws -> Void) throws {
        try writer.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT user, day, model, team, requests, input_tokens, output_tokens, cache_read_tokens,
                        cache_write_tokens, spend_usd
                    FROM org_usage WHERE source = coalesce(?, source) ORDER BY source, user, day, model, team
                    """,
                arguments: [source])
            while let row = try rows.next() { try body(OrgUsageRow(row: row)) }
        }
    }
}
