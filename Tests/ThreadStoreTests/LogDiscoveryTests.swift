// Tests: LogDiscovery.swift, CalibrationRecord.swift
import Foundation
import Testing

@testable import ThreadStore

/// How an import finds its files, and the stored calibrations read back as records.
@Suite struct LogDiscoveryTests {
    static func write(_ dir: TemporaryDirectory, _ relative: String, _ text: String = "{}\n") throws -> String {
        let path = dir.file(relative)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func filesUnderDirectoriesAreFoundOnceSortedAndFiltered() throws {
        let dir = try TemporaryDirectory()
        let a = try Self.write(dir, "p/b/two.jsonl")
        let b = try Self.write(dir, "p/a/one.jsonl")
        _ = try Self.write(dir, "p/a/notes.txt")
        let single = try Self.write(dir, "single.log")
        try FileManager.default.createDirectory(atPath: dir.file("p/empty.jsonl"), withIntermediateDirectories: true)
        var report = ImportReport()
        // The same directory twice, and a file given by name that the filter would refuse.
        let found = try LogDiscovery.files(
            under: [dir.file("p"), dir.file("p"), single], accept: { $0.hasSuffix(".jsonl") }, report: &report)
        #expect(found == [b, a, single].sorted())
        #expect(report.skippedLines == 0)
        #expect(LogDiscovery.totalBytes(found) == 9)
        #expect(LogDiscovery.totalBytes([dir.file("none")]) == 0)
        #expect(throws: ThreadStoreError.noSuchPath(dir.file("missing"))) {
            try LogDiscovery.files(under: [dir.file("missing")], accept: { _ in true }, report: &report)
        }
    }

    @Test func missingDefaultDirectoriesAreNotedNotThrown() throws {
        let dir = try TemporaryDirectory()
        var report = ImportReport()
        let file = try Self.write(dir, "file.jsonl")
        let existing = LogDiscovery.existing([dir.path, dir.file("nope"), file], report: &report)
        #expect(existing == [dir.path])
        #expect(report.missingDirectories == [dir.file("nope"), file])
    }

    @Test func calibrationsReadBackNewestFirstPerWindow() throws {
        let dir = try TemporaryDirectory()
        let store = try ThreadStore(path: dir.file("t.db"))
        let t0 = Date(timeIntervalSince1970: 1_780_000_000)
        let first = try store.saveCalibration(
            windowMinutes: 300, source: "codex", plan: "plus", snapshots: 12, pairs: 9, since: t0,
            until: t0 + 86_400, payload: #"{"a":1}"#, createdAt: t0)
        try store.saveCalibration(
            windowMinutes: 10_080, source: "codex", plan: nil, snapshots: 3, pairs: 2, since: t0, until: t0 + 3600,
            payload: "{}", createdAt: t0 + 10)
        let newer = try store.saveCalibration(
            windowMinutes: 300, source: "claude-code", plan: "max-5x", snapshots: 4, pairs: 4, since: t0,
            until: t0 + 7200, payload: "{}", createdAt: t0 + 20)
        #expect(first.windowMinutes == 300 && first.source == "codex" && first.plan == "plus")
        #expect(first.snapshots == 12 && first.pairs == 9 && first.payload == #"{"a":1}"#)
        #expect(abs(first.until.timeIntervalSince(first.since) - 86_400) < 0.001)
        #expect(try store.calibrations(windowMinutes: 300).map(\.id) == [newer.id, first.id])
        #expect(try store.calibrations().count == 3)
        #expect(try store.latestCalibration(windowMinutes: 10_080)?.plan == nil)
        #expect(try store.latestCalibration(windowMinutes: 300) == newer)
        #expect(try store.latestCalibration(windowMinutes: 60) == nil)
    }
}
