import Distributions
import Foundation
import SyntheticData
import TestSupport
import Testing
import ThreadStore

/// What happens to the thread database when an import dies, or when processes share it.
///
/// Each test runs the built `tokencast` (debug build, like the other command-line tests) on a
/// generated Claude Code log tree of 16 one-session files (about 8 MB). Random points are drawn
/// from a fixed seed, so every run of the suite kills at the same delays.
@Suite(.serialized) struct ImportCrashSafetyTests {
    static let files = 16

    /// The generated log tree, made once and kept in the temporary directory for later runs
    /// (same seeds, same bytes).
    static let logTree: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-crash-logs-v1").path
        let project = (dir as NSString).appendingPathComponent("-home-dev-bench")
        if ((try? FileManager.default.contentsOfDirectory(atPath: project))?.count ?? 0) != files {
            try? FileManager.default.removeItem(atPath: dir)
            for seed in 1...UInt64(files) {
                _ = try? ClaudeCodeLogGenerator(seed: seed).write(bytes: 500_000, to: dir)
            }
        }
        return dir
    }()

    static func temporaryDatabase(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-crash-\(UUID().uuidString)/\(name).db").path
    }

    /// Removes a database's directory (the file, its WAL and shared memory).
    static func remove(_ db: String) {
        try? FileManager.default.removeItem(atPath: (db as NSString).deletingLastPathComponent)
    }

    static func startImport(db: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = ["import", "claude-code", logTree, "--db", db, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The database's content as `tokencast threads` prints it, plus per-thread request counts.
    static func contents(_ db: String) throws -> (threadsCSV: String, requests: [String: Int]) {
        let shown = try CommandRunner.run(["threads", "--db", db, "--format", "csv"])
        #expect(shown.status == 0, "threads failed: \(shown.stderr)")
        let store = try ThreadStore(path: db)
        var requests: [String: Int] = [:]
        for thread in try store.threads() { requests[thread.externalID] = try store.requests(threadID: thread.id).count }
        return (shown.stdout, requests)
    }

    /// A clean import's contents and wall time, measured once.
    static let clean: (threadsCSV: String, requests: [String: Int], seconds: Double)? = {
        let db = temporaryDatabase("clean")
        let start = Date()
        guard let p = try? startImport(db: db) else { return nil }
        p.waitUntilExit()
        defer { remove(db) }
        guard p.terminationStatus == 0, let c = try? contents(db) else { return nil }
        return (c.threadsCSV, c.requests, Date().timeIntervalSince(start))
    }()

    @Test func aKilledImportLeavesWholeFilesAndResumesWithoutDuplicates() throws {
        let clean = try #require(Self.clean)
        #expect(clean.requests.count == Self.files)
        var rng = RandomStream(seed: 7)
        for run in 0..<4 {
            let db = Self.temporaryDatabase("killed-\(run)")
            defer { Self.remove(db) }
            let delay = 0.02 + rng.uniform() * clean.seconds
            let process = try Self.startImport(db: db)
            usleep(useconds_t(delay * 1e6))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            // Opens cleanly (or was never created); every imported file is whole: a session file
            // that has a sources row has all its requests, and no thread exists without one.
            if FileManager.default.fileExists(atPath: db) {
                let store = try ThreadStore(path: db)
                let imported = Set(
                    try store.sources().map { URL(fileURLWithPath: $0.path).deletingPathExtension().lastPathComponent })
                for thread in try store.threads() {
                    #expect(
                        imported.contains(thread.externalID),
                        "run \(run) at \(delay) s: thread \(thread.externalID) without its file")
                    #expect(
                        try store.requests(threadID: thread.id).count == clean.requests[thread.externalID],
                        "run \(run) at \(delay) s: \(thread.externalID) partly imported")
                }
            }

            // Importing again finishes the job: the same threads and requests as a clean import.
            let rerun = try Self.startImport(db: db)
            rerun.waitUntilExit()
            #expect(rerun.terminationStatus == 0)
            let after = try Self.contents(db)
            #expect(after.requests == clean.requests, "run \(run) killed at \(delay) s")
            #expect(after.threadsCSV == clean.threadsCSV, "run \(run) killed at \(delay) s")
        }
    }

    @Test func twoImportsAtOnceGiveOneCleanResult() throws {
        let clean = try #require(Self.clean)
        let db = Self.temporaryDatabase("two")
        defer { Self.remove(db) }
        // Create the database first so that both processes open an existing file.
        _ = try ThreadStore(path: db)
        let a = try Self.startImport(db: db), b = try Self.startImport(db: db)
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        let after = try Self.contents(db)
        #expect(after.requests == clean.requests)
        #expect(after.threadsCSV == clean.threadsCSV)
    }

    @Test func readersAndAFitRunWhileAnImportWrites() throws {
        let clean = try #require(Self.clean)
        let db = Self.temporaryDatabase("read-while-write")
        defer { Self.remove(db) }
        _ = try ThreadStore(path: db)
        let writer = try Self.startImport(db: db)
        var reads = 0
        repeat {
            let shown = try CommandRunner.run(["threads", "--db", db, "--format", "json"])
            #expect(shown.status == 0, "threads during an import: \(shown.stderr)")
            // A partial view is whole files only: every thread it lists has all its requests.
            let store = try ThreadStore(path: db)
            for thread in try store.threads() {
                #expect(try store.requests(threadID: thread.id).count == clean.requests[thread.externalID])
            }
            // A fit reads too: it succeeds, or says clearly that there are not enough threads yet
            // (none at all when it reads before the import's first file is committed).
            if reads % 4 == 0 {
                let fit = try CommandRunner.run([
                    "fit", "--db", db, "--dry-run", "--quiet", "--bootstrap", "20", "--goodness-replicates", "20",
                ])
                #expect(
                    fit.status == 0
                        || (fit.status == 2
                            && (fit.stderr.hasPrefix("error: no model has 10 or more threads")
                                || fit.stderr.contains("holds no threads in this window: import logs first"))),
                    "fit during an import: \(fit.stderr)")
            }
            reads += 1
        } while writer.isRunning && reads < 200
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        #expect(reads >= 1)
        #expect(try Self.contents(db).threadsCSV == clean.threadsCSV)
        let fit = try CommandRunner.run([
            "fit", "--db", db, "--dry-run", "--quiet", "--bootstrap", "20", "--goodness-replicates", "20",
        ])
        #expect(fit.status == 0, "fit after the import: \(fit.stderr)")
    }
}
