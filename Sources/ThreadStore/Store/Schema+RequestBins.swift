import GRDB

extension Schema {
    /// `request_bins`: the requests' token counts summed per model in 5-minute bins of Unix
    /// time, kept equal to `requests` by triggers.
    ///
    /// Why: the statusline runs after every message and compares the open windows with 60 days
    /// of history. Grouping 60 days of a heavy user's requests (28,800 rows) into bins took about
    /// 30 ms of SQLite a run, most of it the temporary B-tree of the GROUP BY; reading the bins
    /// back is a range scan of a few thousand rows. The triggers cover every way a request
    /// changes: inserted, updated (a later streaming copy, a corrected CSV row) and deleted
    /// (a thread's cascade). Requests without a time are in no bin, as before.
    static func requestBins(_ db: Database) throws {
        let sums = ["input_tokens", "cache_read_tokens", "cache_write_5m_tokens", "cache_write_1h_tokens", "output_tokens"]
        // strftime('%s') rather than unixepoch(), which older SQLite releases lack.
        func bin(_ row: String) -> String {
            "CAST(strftime('%s', \(row).timestamp) AS INTEGER) / \(binSeconds) * \(binSeconds)"
        }
        func add(_ row: String) -> String {
            """
            INSERT INTO request_bins (start, model, requests, \(sums.joined(separator: ", ")))
                SELECT \(bin(row)), \(row).model, 1, \(sums.map { "\(row).\($0)" }.joined(separator: ", "))
                WHERE \(row).timestamp IS NOT NULL
                ON CONFLICT (start, model) DO UPDATE SET requests = requests + 1,
                    \(sums.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", "));
            """
        }
        func remove(_ row: String) -> String {
            """
            UPDATE request_bins SET requests = requests - 1,
                    \(sums.map { "\($0) = \($0) - \(row).\($0)" }.joined(separator: ", "))
                WHERE \(row).timestamp IS NOT NULL AND start = \(bin(row)) AND model = \(row).model;
            DELETE FROM request_bins WHERE \(row).timestamp IS NOT NULL AND start = \(bin(row))
                AND model = \(row).model AND requests <= 0;
            """
        }
        try db.execute(
            sql: """
                CREATE TABLE request_bins (
                    start INTEGER NOT NULL,          -- Unix seconds, a multiple of \(binSeconds)
                    model TEXT NOT NULL,
                    requests INTEGER NOT NULL,
                    \(sums.map { "\($0) INTEGER NOT NULL" }.joined(separator: ",\n        "))
                    , PRIMARY KEY (start, model)
                ) WITHOUT ROWID;
                INSERT INTO request_bins (start, model, requests, \(sums.joined(separator: ", ")))
                    SELECT \(bin("requests")) AS s, model, count(*), \(sums.map { "sum(\($0))" }.joined(separator: ", "))
                    FROM requests WHERE timestamp IS NOT NULL GROUP BY s, model;
                CREATE TRIGGER request_bins_insert AFTER INSERT ON requests BEGIN
                    \(add("new"))
                END;
                CREATE TRIGGER request_bins_delete AFTER DELETE ON requests BEGIN
                    \(remove("old"))
                END;
                CREATE TRIGGER request_bins_update
                    AFTER UPDATE OF timestamp, model, \(sums.joined(separator: ", ")) ON requests BEGIN
                    \(remove("old"))
                    \(add("new"))
                END;
                """)
    }

    /// The width of a `request_bins` bin, in seconds.
    static let binSeconds = 300
}
