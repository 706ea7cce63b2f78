import Distributions
import Foundation
import TestSupport
import Testing
import ThreadStore

/// `import claude-code-analytics` killed with SIGKILL at random moments: each file is one store
/// transaction, so a killed import leaves whole files, and running it again gives the clean
/// import's panel row for row.
@Suite(.serialized) struct OrgExportCrashSafetyTests {
    /// Eight copies of the 42-day fixture, each shifted to its own users so that every file adds
    /// rows of its own (a partial file would show as missing or extra rows).
    static let files: [String] = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-org-crash-v1").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let source = RepositoryPaths.fixture("org-exports/claude-code-analytics-42d.jsonl")
        let text = (try? String(contentsOfFile: source, encoding: .utf8)) ?? ""
        return (1...8).map { k in
            let path = (dir as NSString).appendingPathComponent("part-\(k).jsonl")
            let copy = text.replacingOccurrences(of: "@example.com", with: "@team\(k).example.com")
                .replacingOccurrences(of: "ci-bot", with: "ci-bot-\(k)")
            try? copy.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }()

    static func database(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-org-crash-\(UUID().uuidString)/\(name).db")
            .path
    }

    static func start(db: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        p.arguments = ["import", "claude-code-analytics"] + files + ["--db", db, "--quiet"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test func aKilledImportResumesWithNothingLostOrDoubled() throws {
        let cleanDB = Self.database("clean")
        let began = Date()
        let clean = try Self.start(db: cleanDB)
        clean.waitUntilExit()
        let seconds = Date().timeIntervalSince(began)
        #expect(clean.terminationStatus == 0)
        let expected = try ThreadStore(path: cleanDB).orgUsage(source: "claude-code-analytics")
        #expect(Set(expected.map(\.user)).count == 8 * 12)
        var rng = RandomStream(seed: 11)
        for run in 0..<4 {
            let db = Self.database("killed-\(run)")
            let delay = 0.05 + rng.uniform() * seconds
            let p = try Self.start(db: db)
            usleep(useconds_t(delay * 1e6))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            if FileManager.default.fileExists(atPath: db) {
                // Whole files only: each file's users have all their rows or none.
                let rows = try ThreadStore(path: db).orgUsage(source: "claude-code-analytics")
                for k in 1...8 {
                    let mine = rows.filter { $0.user.contains("@team\(k).") || $0.user == "ci-bot-\(k)" }
                    let all = expected.filter { $0.user.contains("@team\(k).") || $0.user == "ci-bot-\(k)" }
                    #expect(mine.isEmpty || mine == all, "run \(run) killed at \(delay) s: file \(k) partly in")
                }
            }
            let again = try Self.start(db: db)
            again.waitUntilExit()
            #expect(again.terminationStatus == 0)
            #expect(try ThreadStore(path: db).orgUsage(source: "claude-code-analytics") == expected, "run \(run)")
        }
    }
}
