import Foundation
import TestSupport
import Testing

/// `tokencast calibrate` as a user runs it.
@Suite(.serialized) struct CalibrateCommandTests {
    func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-cli-\(UUID().uuidString).db").path
    }

    func remove(_ db: String) { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }

    @Test func calibratesTheSyntheticCodexRolloutAndStoresIt() throws {
        let db = temporaryDatabase()
        defer { remove(db) }
        #expect(try CommandRunner.run(["import", "codex", "fixtures/logs/codex-calibration", "--db", db, "-q"]).status == 0)
        let r = try CommandRunner.run(["calibrate", "--db", db, "--plan", "chatgpt-plus"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("5-hour window (300 min)"))
        #expect(r.stdout.contains("calibrated from 156 snapshots, source codex, plan chatgpt-plus"))
        // The reset times are imported (resets_in_seconds): no reset is inferred.
        #expect(!r.stdout.contains("inferred from a falling gauge"))
        #expect(r.stdout.contains("over 10 windows"))
        #expect(r.stdout.contains("hidden use: "))
        #expect(r.stdout.contains("Stored 1 calibration in \(db)"))
        // The fixture was drawn with output at 30 points per million: 3.33M tokens fill the window.
        let csv = try CommandRunner.run(["calibrate", "--db", db, "--format", "csv", "--dry-run"])
        #expect(csv.status == 0)
        let output = try #require(csv.stdout.split(separator: "\n").first { $0.contains(",output,") })
        let allowance = try #require(Double(output.split(separator: ",")[9]))
        #expect(abs(allowance / 3_333_333 - 1) < 0.05)
        let json = try CommandRunner.run(["calibrate", "--db", db, "--format", "json", "--dry-run"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["stored"] as? Int == 0)
        let windows = try #require(object["windows"] as? [[String: Any]])
        #expect(windows.first?["window_minutes"] as? Int == 300)
    }

    @Test func tooFewSnapshotsSaysSoAndStoresNothing() throws {
        let db = temporaryDatabase()
        defer { remove(db) }
        #expect(try CommandRunner.run(["import", "codex", "fixtures/logs/codex", "--db", db, "-q"]).status == 0)
        let r = try CommandRunner.run(["calibrate", "--db", db])
        #expect(r.status == 0)
        #expect(
            r.stdout.contains(
                "not calibrated: 1 pair of consecutive snapshots in the same window; at least 8 are needed (keep using the tool, import again, then calibrate); nothing stored for this window"
            ))
        #expect(r.stdout.contains("weekly window (10080 min)"))
        #expect(!r.stdout.contains("Stored"))
    }

    @Test func missingDatabaseIsAnErrorWithTheFix() throws {
        let db = temporaryDatabase()
        let r = try CommandRunner.run(["calibrate", "--db", db])
        #expect(r.status == 2)
        #expect(r.stderr.contains("does not exist: import logs first"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func badBootstrapCountIsRefused() throws {
        let r = try CommandRunner.run(["calibrate", "--bootstrap", "20000"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--bootstrap must be between 0 and 10,000, got 20000."))
    }
}
