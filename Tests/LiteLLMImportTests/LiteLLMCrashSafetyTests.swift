import Distributions
import Foundation
import LiteLLMImport
import SyntheticData
import TestSupport
import Testing
import ThreadStore

/// `import litellm` killed with SIGKILL at random points resumes with nothing lost or doubled,
/// as the log importers do (ReliabilityTests/ImportCrashSafetyTests). Small batches make many
/// store transactions to land between.
@Suite(.serialized, .enabled(if: TestPostgres.available, TestPostgres.skipReason))
struct LiteLLMCrashSafetyTests {
    static func start(_ url: String, db: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = ["import", "litellm", "--url", url, "--db", db, "--quiet", "--batch-rows", "500"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Rows keyed by (user, day, model, team).
    static func panel(_ db: String) throws -> [String: OrgUsageRow] {
        Dictionary(
            uniqueKeysWithValues: try ThreadStore(path: db).orgUsage().map { ("\($0.user)|\($0.day)|\($0.model)|\($0.team)", $0) }
        )
    }

    static func same(_ a: OrgUsageRow, _ b: OrgUsageRow) -> Bool {
        var x = a, y = b
        x.spendUSD = 0
        y.spendUSD = 0
        return x == y && abs(a.spendUSD - b.spendUSD) <= 1e-9 * max(abs(a.spendUSD), 1)
    }

    @Test func aKilledImportResumesWithNothingLostOrDoubled() async throws {
        let database = try await ScratchDatabase.make("killed")
        try await database.execute(LiteLLMSpendLogs(rows: 200_000, days: 30).insertSQL)
        let cleanDB = temporaryStorePath("clean")
        defer { removeStore(cleanDB) }
        let began = Date()
        let clean = try Self.start(database.url, db: cleanDB)
        clean.waitUntilExit()
        let seconds = Date().timeIntervalSince(began)
        #expect(clean.terminationStatus == 0)
        let expected = try Self.panel(cleanDB)
        #expect(expected.values.reduce(0) { $0 + $1.requests } == 200_000)

        var rng = RandomStream(seed: 11)
        var killedMidway = 0
        for run in 0..<4 {
            let db = temporaryStorePath("killed-\(run)")
            defer { removeStore(db) }
            let delay = 0.05 + rng.uniform() * seconds
            let process = try Self.start(database.url, db: db)
            usleep(useconds_t(delay * 1e6))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            // What was written is whole: every row before the mark's day is the clean import's.
            if FileManager.default.fileExists(atPath: db) {
                let store = try ThreadStore(path: db)
                if let mark = try store.orgImportMark(source: "litellm") {
                    killedMidway += 1
                    for (key, row) in try Self.panel(db) where row.day < mark.resumeDay {
                        #expect(expected[key].map { Self.same($0, row) } == true, "run \(run) at \(delay) s: \(key)")
                    }
                }
            }
            // Importing again finishes the job: the clean import's panel, row for row.
            let rerun = try Self.start(database.url, db: db)
            rerun.waitUntilExit()
            #expect(rerun.terminationStatus == 0)
            let after = try Self.panel(db)
            #expect(after.count == expected.count, "run \(run) killed at \(delay) s")
            #expect(after.allSatisfy { key, row in expected[key].map { Self.same($0, row) } == true })
        }
        // At least one kill landed after the first batch was written (the test means something).
        #expect(killedMidway >= 1)
        await database.drop()
    }
}
