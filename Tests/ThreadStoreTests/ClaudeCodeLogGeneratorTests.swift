// Tests: ClaudeCodeLogGenerator.swift
import Foundation
import SyntheticData
import Testing

@testable import ThreadStore

@Suite struct ClaudeCodeLogGeneratorTests {
    @Test func generatedLogsImportWithoutSkipsOrDoubleCounting() throws {
        let dir = try TemporaryDirectory()
        let (bytes, requests) = try ClaudeCodeLogGenerator(seed: 7).write(bytes: 2_000_000, to: dir.path)
        #expect(bytes >= 2_000_000)
        let store = try ThreadStore(inMemory: #function)
        let report = try ClaudeCodeImporter(store: store).importLogs(at: [dir.path])
        #expect(report.skippedLines == 0)
        #expect(report.newRequests == requests)
        #expect(report.duplicateLines == requests)
        #expect(report.bytes == bytes)
    }

    @Test func sameSeedSameBytes() throws {
        let a = try TemporaryDirectory(), b = try TemporaryDirectory()
        try ClaudeCodeLogGenerator(seed: 3).write(bytes: 100_000, to: a.path)
        try ClaudeCodeLogGenerator(seed: 3).write(bytes: 100_000, to: b.path)
        let files = try FileManager.default.subpathsOfDirectory(atPath: a.path).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: b.path).sorted()))
        for f in files where f.hasSuffix(".jsonl") {
            #expect(FileManager.default.contentsEqual(atPath: a.file(f), andPath: b.file(f)))
        }
    }

    /// Not a test of speed (that belongs in a benchmark): writes a large log set for timing the
    /// release CLI when `TOKENCAST_GENERATE_MB` and `TOKENCAST_GENERATE_DIR` are set.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TOKENCAST_GENERATE_DIR"] != nil))
    func generateForBenchmark() throws {
        let env = ProcessInfo.processInfo.environment
        let mb = Int64(env["TOKENCAST_GENERATE_MB"] ?? "100") ?? 100
        try ClaudeCodeLogGenerator(seed: 1).write(bytes: mb << 20, to: env["TOKENCAST_GENERATE_DIR"]!)
    }
}
