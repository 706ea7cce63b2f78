import Foundation
import TestSupport
import Testing

/// `tokencast outlook` as a user runs it, on the synthetic Codex rollout with rate-limit readings.
@Suite(.serialized) struct OutlookCommandTests {
    func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-outlook-\(UUID().uuidString).db").path
    }

    func remove(_ db: String) { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }

    func importedStore() throws -> String {
        let db = temporaryDatabase()
        let r = try CommandRunner.run(["import", "codex", "fixtures/logs/codex-calibration", "--db", db, "-q"])
        #expect(r.status == 0)
        return db
    }

    @Test func nowCastsTheOpenWindowAndTheMonth() throws {
        let db = try importedStore()
        defer { remove(db) }
        let arguments = ["outlook", "--db", db, "--timezone", "UTC", "--now", "2026-09-23T21:00:00Z", "--trials", "1000"]
        let r = try CommandRunner.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        // The reading's reset (imported from resets_in_seconds) fixes the window.
        #expect(r.stdout.contains("5-hour window: opened 17:39, resets 22:39 (in 1h39m)"))
        #expect(r.stdout.contains("used so far      12 % (official 12 % at 20:51; scaled from"))
        #expect(r.stdout.contains("P(hit)"))
        #expect(r.stdout.contains("Month (September 2026)"))
        // Same seed, same figures.
        #expect(try CommandRunner.run(arguments).stdout == r.stdout)
        let json = try CommandRunner.run(arguments + ["--format", "json", "--budget", "100"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["vendor"] as? String == "OpenAI")
        let windows = try #require(object["windows"] as? [[String: Any]])
        let five = try #require(windows.first { $0["window"] as? String == "5-hour" })
        #expect(five["basis"] as? String == "official")
        let forecast = try #require(five["forecast"] as? [String: Any])
        let p = try #require(forecast["probability_of_hit"] as? Double)
        #expect((0...1).contains(p))
        let p50 = try #require(forecast["end_p50"] as? Double), p90 = try #require(forecast["end_p90"] as? Double)
        #expect(p50 >= 12 && p90 >= p50)
        let month = try #require(object["month"] as? [String: Any])
        let spent = try #require(month["spent_usd"] as? Double)
        let monthForecast = try #require(month["forecast"] as? [String: Any])
        #expect(try #require(monthForecast["end_p10"] as? Double) >= spent)
        // A $100 budget, with $48 spent in two and a half days and a week to go, is likely passed.
        #expect(try #require(monthForecast["probability_of_hit"] as? Double) > 0.5)
    }

    @Test func aStoredCalibrationIsTheScale() throws {
        let db = try importedStore()
        defer { remove(db) }
        #expect(try CommandRunner.run(["calibrate", "--db", db, "--bootstrap", "20"]).status == 0)
        let r = try CommandRunner.run([
            "outlook", "--db", db, "--timezone", "UTC", "--now", "2026-09-23T21:00:00Z", "--trials", "500",
        ])
        #expect(r.status == 0)
        #expect(r.stdout.contains("calibrated from 156 snapshots"))
    }

    @Test func backtestScoresThePredictionsOfPastReadings() throws {
        let db = try importedStore()
        defer { remove(db) }
        let r = try CommandRunner.run([
            "outlook", "--backtest", "--db", db, "--timezone", "UTC", "--now", "2026-09-24T12:00:00Z", "--trials", "300",
            "--format", "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let backtest = try #require(object["backtest"] as? [[String: Any]])
        let five = try #require(backtest.first { $0["window"] as? String == "5-hour" })
        #expect(five["readings"] as? Int == 156)
        let predictions = try #require(five["predictions"] as? Int)
        #expect(predictions > 100)
        // No window of this stream fills: a good outlook says so.
        #expect(five["windows_hit"] as? Int == 0)
        #expect(try #require(five["brier"] as? Double) < 0.02)
        let bins = try #require(five["bins"] as? [[String: Any]])
        #expect(bins.reduce(0) { $0 + ($1["predictions"] as? Int ?? 0) } == predictions)
    }

    @Test func watchPrintsAgain() throws {
        let db = try importedStore()
        defer { remove(db) }
        let r = try CommandRunner.run([
            "outlook", "--db", db, "--now", "2026-09-23T21:00:00Z", "--trials", "200", "--watch", "5", "--watch-count", "2",
        ])
        #expect(r.status == 0)
        #expect(r.stdout.components(separatedBy: "Outlook for OpenAI").count == 3)
    }

    @Test func badInputIsRefusedWithTheFix() throws {
        let missing = temporaryDatabase()
        let r = try CommandRunner.run(["outlook", "--db", missing])
        #expect(r.status == 2)
        #expect(r.stderr.contains("does not exist: import logs first"))
        #expect(!FileManager.default.fileExists(atPath: missing))
        for (arguments, message) in [
            (["--trials", "5"], "--trials must be between 100 and 1,000,000, got 5."),
            (["--watch", "1"], "--watch must be at least 5 seconds, got 1."),
            (["--budget=-3"], "--budget must be a positive number of dollars, got -3.0."),
            (["--watch", "10", "--backtest"], "--watch and --backtest do not go together"),
            (["--timezone", "Mars/Olympus"], "--timezone 'Mars/Olympus' is not a time zone"),
        ] {
            let bad = try CommandRunner.run(["outlook", "--db", missing] + arguments)
            #expect(bad.status == 2, "\(arguments)")
            #expect(bad.stderr.contains(message), "\(bad.stderr)")
        }
    }
}

/// Stored calibrations (`calibrate --plan`) replace the allowances of the plans they measured in
/// `plans` and in team seats, labelled; other plans keep their figures.
@Suite(.serialized) struct CalibratedPlansCommandTests {
    @Test func plansUseTheCalibrationOfTheirOwnTier() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-calplans-\(UUID()).db").path
        let scenario = FileManager.default.temporaryDirectory.appendingPathComponent("calplans-\(UUID()).yaml").path
        defer {
            for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) }
            try? FileManager.default.removeItem(atPath: scenario)
        }
        var yaml = try String(contentsOfFile: "scenarios/max-vs-api.yaml", encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "  - claude-max-5x\n  - claude-max-20x\n", with: "  - chatgpt-plus\n")
        yaml = yaml.replacingOccurrences(of: "trials: 4000", with: "trials: 200")
        try yaml.write(toFile: scenario, atomically: true, encoding: .utf8)
        #expect(try CommandRunner.run(["import", "codex", "fixtures/logs/codex-calibration", "--db", db, "-q"]).status == 0)
        #expect(try CommandRunner.run(["calibrate", "--db", db, "--plan", "chatgpt-plus", "--bootstrap", "20"]).status == 0)

        let before = try CommandRunner.run(["plans", scenario, "-q"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(!before.stdout.contains("calibrated from"))
        let after = try CommandRunner.run(["plans", scenario, "--db", db, "-q"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.contains("ChatGPT Plus: allowances 5-hour calibrated from 156 snapshots; weekly estimate"))
        #expect(!after.stdout.contains("Claude Pro: allowances"))
        let json = try CommandRunner.run(["plans", scenario, "--db", db, "-q", "--format", "json"])
        #expect(json.stdout.contains("\"allowance_basis\" : \"5-hour calibrated from 156 snapshots; weekly estimate\""))
        // The calibrated allowance is the dollars the observed mix takes to fill the window
        // ($35.70 in the calibrate golden file), not the catalog's estimate.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let profiles = try #require(object["profiles"] as? [[String: Any]])
        let options = try #require(profiles.first?["options"] as? [[String: Any]])
        let plus = try #require(options.first { $0["name"] as? String == "ChatGPT Plus" })
        let allowance = try #require(plus["allowance_5h"] as? String)
        #expect(allowance.hasPrefix("$35.") || allowance.hasPrefix("$36."), "\(allowance)")
        // A --db that does not exist is an error, not a silent estimate.
        let missing = try CommandRunner.run(["plans", scenario, "--db", db + ".missing", "-q"])
        #expect(missing.status == 2)
    }
}
