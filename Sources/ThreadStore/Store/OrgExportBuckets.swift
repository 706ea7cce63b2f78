import GRDB

extension ThreadStore {
    /// Writes one file's buckets and recomputes the panel rows of the days they touch, in one
    /// transaction: an import killed at any point leaves each file wholly in or wholly out.
    ///
    /// A bucket replaces the stored bucket with the same key (the same bucket saved twice counts
    /// once; the later file wins). A cumulative reading keeps the larger of the two readings of
    /// its series and day (a running total only grows within a series). The panel's rows of
    /// `source` are then rebuilt, from every stored bucket, for the days from the first day the
    /// file touches to its last (to the end, when it holds cumulative readings: a reading
    /// changes the next day's difference too).
    public func writeOrgExportBuckets(_ buckets: [OrgExportBucket], source: String, mark: OrgImportMark) throws {
        guard let first = buckets.map(\.day).min(), let last = buckets.map(\.day).max() else { return }
        let hasCumulative = buckets.contains { $0.cumulativeSeries != nil }
        let through = hasCumulative ? "9999-12-31" : last
        try writer.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO org_export_buckets (source, bucket_key, day, user, model, team, requests, input_tokens,
                        output_tokens, cache_read_tokens, cache_write_tokens, spend_usd, cumulative_series)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (source, bucket_key) DO UPDATE SET
                        day = excluded.day, user = excluded.user, model = excluded.model, team = excluded.team,
                        requests = CASE WHEN excluded.cumulative_series IS NULL THEN excluded.requests
                            ELSE max(requests, excluded.requests) END,
                        input_tokens = CASE WHEN excluded.cumulative_series IS NULL THEN excluded.input_tokens
                            ELSE max(input_tokens, excluded.input_tokens) END,
                        output_tokens = CASE WHEN excluded.cumulative_series IS NULL THEN excluded.output_tokens
                            ELSE max(output_tokens, excluded.output_tokens) END,
                        cache_read_tokens = CASE WHEN excluded.cumulative_series IS NULL THEN excluded.cache_read_tokens
                            ELSE max(cache_read_tokens, excluded.cache_read_tokens) END,
                        cache_write_tokens = CASE WHEN excluded.cumulative_series IS NULL THEN excluded.cache_write_tokens
                            ELSE max(cache_write_tokens, excluded.cache_write_tokens) END,
                        spend_usd = CASE WHEN excluded.cumulative_series IS NULL THEN excluded.spend_usd
                            ELSE max(spend_usd, excluded.spend_usd) END,
                        cumulative_series = excluded.cumulative_series
                    """)
            for b in buckets {
                try statement.execute(arguments: [
                    source, b.key, b.day, b.user, b.model, b.team, b.requests, b.inputTokens, b.outputTokens,
                    b.cacheReadTokens, b.cacheWriteTokens, b.spendUSD ?? 0, b.cumulativeSeries,
                ])
            }
            try db.execute(
                sql: "DELETE FROM org_usage WHERE source = ? AND day BETWEEN ? AND ?", arguments: [source, first, through])
            // Differences of cumulative readings need every earlier reading of their series, so
            // those rows are read whole; plain buckets only for the days rebuilt.
            try db.execute(
                sql: """
                    INSERT INTO org_usage (source, user, day, model, team, requests, input_tokens, output_tokens,
                        cache_read_tokens, cache_write_tokens, spend_usd)
                    SELECT ?1, user, day, model, team, sum(requests), sum(input_tokens), sum(output_tokens),
                        sum(cache_read_tokens), sum(cache_write_tokens), sum(spend_usd)
                    FROM (
                        SELECT day, user, model, team,
                            CASE WHEN cumulative_series IS NULL THEN requests
                                ELSE max(0, requests - coalesce(lag(requests) OVER w, 0)) END AS requests,
                            CASE WHEN cumulative_series IS NULL THEN input_tokens
                                ELSE max(0, input_tokens - coalesce(lag(input_tokens) OVER w, 0)) END AS input_tokens,
                            CASE WHEN cumulative_series IS NULL THEN output_tokens
                                ELSE max(0, output_tokens - coalesce(lag(output_tokens) OVER w, 0)) END AS output_tokens,
                            CASE WHEN cumulative_series IS NULL THEN cache_read_tokens
                                ELSE max(0, cache_read_tokens - coalesce(lag(cache_read_tokens) OVER w, 0)) END
                                AS cache_read_tokens,
                            CASE WHEN cumulative_series IS NULL THEN cache_write_tokens
                                ELSE max(0, cache_write_tokens - coalesce(lag(cache_write_tokens) OVER w, 0)) END
                                AS cache_write_tokens,
                            CASE WHEN cumulative_series IS NULL THEN spend_usd
                                ELSE max(0.0, spend_usd - coalesce(lag(spend_usd) OVER w, 0.0)) END AS spend_usd
                        FROM org_export_buckets
                        WHERE source = ?1 AND (cumulative_series IS NOT NULL OR day BETWEEN ?2 AND ?3)
                        WINDOW w AS (PARTITION BY cumulative_series ORDER BY day)
                    )
                    WHERE day BETWEEN ?2 AND ?3
                    GROUP BY user, day, model, team
                    """,
                arguments: [source, first, through])
            try db.execute(
                sql: """
                    INSERT INTO org_import_marks (source, origin, resume_day, latest_event, imported_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (source) DO UPDATE SET origin = excluded.origin, resume_day = excluded.resume_day,
                        latest_event = excluded.latest_event, imported_at = excluded.imported_at
                    """,
                arguments: [mark.source, mark.origin, mark.resumeDay, mark.latestEvent, mark.importedAt])
        }
    }

    /// How many buckets the store keeps for `source` (for summaries and tests).
    public func orgExportBucketCount(source: String) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM org_export_buckets WHERE source = ?", arguments: [source])
                ?? 0
        }
    }
}
