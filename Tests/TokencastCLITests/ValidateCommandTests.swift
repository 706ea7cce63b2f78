import Foundation
import TestSupport
import Testing

/// End-to-end tests of `tokencast validate` on the real threads of fixtures/real-threads.
@Suite(.serialized) struct ValidateCommandTests {
    static let database: String = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokencast-cli-validate-\(ProcessInfo.processInfo.processIdentifier)"
        ).path
        try? FileManager.default.removeItem(atPath: d)
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        let db = d + "/threads.db"
        _ = try? FitCommandTests.tokencast([
            "import", "csv", RepositoryPaths.fixture("real-threads/swe4cc-claude-sonnet-4-5.csv"), "--db", db, "-q",
        ])
        return db
    }()

    @Test func badOptionsAreExitTwoWithTheFix() throws {
        let r = try FitCommandTests.tokencast(["validate", "--db", Self.database, "--holdout", "1.5"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("Error: --holdout must be between 0 and 1 (e.g. 0.5), got 1.5.\n"), "\(r.stderr)")
        let f = try FitCommandTests.tokencast(["validate", "--db", Self.database, "--folds", "0"])
        #expect(f.status == 2)
        #expect(f.stderr.hasPrefix("Error: --folds must be between 1 and 50, got 0.\n"), "\(f.stderr)")
        let m = try FitCommandTests.tokencast(["validate", "--db", Self.database + ".missing"])
        #expect(m.status == 2)
        #expect(
            m.stderr
                == "error: the thread database \(Self.database).missing does not exist: import logs first (tokencast import claude-code, codex or csv), or pass --db\n"
        )
    }

    @Test func theTableShowsErrorsTestsAndCoverage() throws {
        let r = try FitCommandTests.tokencast(["validate", "--db", Self.database, "--threads", "20000", "--bootstrap", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "Out-of-sample check of claude-sonnet-4-5: 300 threads, 5-fold cross-validation by thread id: every thread held out once, about 240 fitted per fold, 19999 simulated single attempts at claude-sonnet-4-5 base prices, seed 1"
        )
        #expect(
            lines.contains { $0.hasPrefix("metric          held out  simulated   error      95% interval  independent   error") })
        #expect(lines.contains { $0.hasPrefix("cost_usd   P90    0.3665") })
        #expect(lines.contains { $0.hasPrefix("P10-P90             80%") })
        // The five replicates pooled: what a forecast draws.
        #expect(lines.contains("what forecasts draw: held-out threads against the fit's bootstrap replicates pooled"))
        #expect(lines.contains { $0.hasPrefix("forecast mix: the 5 fit bootstrap replicates' simulated threads pooled") })
    }

    @Test func jsonAndHtmlCarryTheSameFigures() throws {
        let j = try FitCommandTests.tokencast([
            "validate", "--db", Self.database, "--threads", "10000", "--bootstrap", "0", "--format", "json",
        ])
        #expect(j.status == 0, "\(j.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any]
        #expect(object?["held_out_threads"] as? Int == 300)
        #expect(object?["folds"] as? Int == 5)
        #expect(object?["replicates_simulated"] as? Int == 0)
        #expect(object?["split_tests"] == nil)
        #expect(object?["forecast_mix"] == nil, "no replicates, no mix")
        let figures = object?["figures"] as? [String: Any]
        #expect((figures?["rows"] as? [Any])?.count == 12)
        let h = try FitCommandTests.tokencast([
            "validate", "--db", Self.database, "--threads", "10000", "--bootstrap", "0", "--format", "html",
        ])
        #expect(h.status == 0)
        #expect(h.stdout.contains("<svg") && h.stdout.contains("QQ plot, 1st to 99th percentile"))
    }
}
