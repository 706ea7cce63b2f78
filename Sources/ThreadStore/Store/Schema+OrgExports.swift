import GRDB

extension Schema {
    /// The buckets behind the admin-export sources of the organisation panel.
    ///
    /// Admin APIs and telemetry report usage per bucket (an hour or a day of one API key, a
    /// data point of one metric series), and two saved files may hold the same bucket (a `curl`
    /// loop run twice, overlapping date ranges). Each bucket is kept once under a key made of
    /// its start and every dimension the source grouped it by, so a bucket read again replaces
    /// itself; the panel's rows of these sources are then the sums of their buckets per user x
    /// day x model x team, recomputed for the days a file touched.
    ///
    /// `cumulative_series` is set for OpenTelemetry cumulative sums: such a row holds the last
    /// reading of its series on its day (a running total since the series' start), and the
    /// day's usage is that reading less the series' reading on its previous day.
    static func orgExports(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE org_export_buckets (
                    source TEXT NOT NULL,
                    bucket_key TEXT NOT NULL,           -- bucket start + every group-by dimension
                    day TEXT NOT NULL,                  -- YYYY-MM-DD, UTC
                    user TEXT NOT NULL,
                    model TEXT NOT NULL,
                    team TEXT NOT NULL,
                    requests INTEGER NOT NULL,
                    input_tokens INTEGER NOT NULL,      -- uncached input
                    output_tokens INTEGER NOT NULL,
                    cache_read_tokens INTEGER NOT NULL,
                    cache_write_tokens INTEGER NOT NULL,
                    spend_usd REAL NOT NULL,
                    cumulative_series TEXT,             -- OTLP cumulative sums: the series (with its start)
                    PRIMARY KEY (source, bucket_key)
                ) WITHOUT ROWID;
                CREATE INDEX org_export_buckets_by_day ON org_export_buckets(source, day);
                """)
    }
}
