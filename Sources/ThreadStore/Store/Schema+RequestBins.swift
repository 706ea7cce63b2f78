import GRDB

extension Schema {
    /// `request_bins`: the requests' token counts summed per model in 5-minute bins of Unix
    /// time.
    ///
    /// Why: the statusline runs after every message and compares the open windows with 60 days
    /// of history. Grouping 60 days of a heavy user's requests (28,800 rows) into bins took about
    /// 30 ms of SQLite a run, most of it the temporary B-tree of the GROUP BY; reading the bins
    /// back is a range scan of a few thousand rows. Imports keep the table equal to `requests`
    /// (`ImportSession` sums again the bins a file changed, in the file's transaction); a
    /// trigger keeps it so when requests are deleted (a thread's cascade), which imports never
    /// do and which is rare enough for a trigger's cost. Requests without a time are in no bin.
    static func requestBins(_ db: Database) throws {
        let sums = ["input_tokens", "cache_read_tokens", "cache_write_5m_tokens", "cache_write_1h_tokens", "output_tokens"]
        // strftime('%s') rather than unixepoch(), which older SQLite releases lack.
        func bin(_ row: String) -> String {
            "CAST(strftime('%s', \(row).timestamp) AS INTEGER) / \(binSeconds) * \(binSeconds)"
        }
        try db.execute(
            sql: """
                CREATE TABLE request_bins (
                    start INTEGER NOT NULL,          -- Unix seconds, a multiple of \(binSeconds)
                    model TEXT NOT NULL,
                    requests INTEGER NOT NULL,
                    \(sums.map { "\($0) INTEGER NOT NULL" }.joined(separator: ", "))
                    , PRIMARY KEY (start, model)
                ) WITHOUT ROWID;
                INSERT INTO request_bins (start, model, requests, \(sums.joined(separator: ", ")))
                    SELECT \(bin("requests")) AS s, model, count(*), \(sums.map { "sum(\($0))" }.joined(separator: ", "))
                    FROM requests WHERE timestamp IS NOT NULL GROUP BY s, model;
                CREATE TRIGGER request_bins_delete AFTER DELETE ON requests WHEN old.timestamp IS NOT NULL BEGIN
                    UPDATE request_bins SET requests = requests - 1,
                        \(sums.map { "\($0) = \($0) - old.\($0)" }.joined(separator: ", "))
                        WHERE start = \(bin("old")) AND model = old.model;
                    DELETE FROM request_bins WHERE start = \(bin("old")) AND model = old.model AND requests <= 0;
                END;
                """)
    }

    /// An index of `request_bins` by model, so the models of a range are found by a few index
    /// seeks (`ThreadStore.binModels`) rather than a DISTINCT over every bin. Under callgrind,
    /// over 60 days of a heavy user's bins (5,259): the DISTINCT 9.2 M instructions (sqlite3
    /// shell), the seeks 0.4 M, in a statusline run of 49 M.
    static func requestBinsByModel(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX request_bins_by_model ON request_bins(model, start)")
    }

    /// The width of a `request_bins` bin, in seconds.
    static let binSeconds = 300
}
