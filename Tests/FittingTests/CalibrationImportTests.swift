// Tests: Calibration+Store.swift, SnapshotStream+Codex.swift
import Foundation
import Pricing
import SyntheticData
import Testing
import ThreadStore

@testable import Fitting

/// Calibration end to end: a synthetic Codex rollout imported into the store, as a user's logs
/// would be, then calibrated from the store (with the reset times the store keeps since
/// `resets_in_seconds` is imported, no reset needs inferring).
@Suite struct CalibrationImportTests {
    /// Codex classes only: input, cache read, output (no cache writes).
    static let truth: [Double] = [6, 0.6, 0, 0, 30]

    static func codexStream(seed: UInt64, windows: Int, rounded: Bool) -> SnapshotStream {
        var stream = SnapshotStream(seed: seed, weights: ["gpt-5.2-codex": truth])
        stream.meanMillionsPerPair = [0.03, 0.6, 0, 0, 0.012]
        stream.windows = windows
        stream.roundToWholePercent = rounded
        return stream
    }

    @Test func importedCodexRolloutIsCalibratedWithinFivePercent() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-calibration-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("rollout-2026-09-21T10-00-00-0199c0de.jsonl")
        let stream = Self.codexStream(seed: 101, windows: 40, rounded: true)
        try stream.codexRollout().write(to: file, atomically: true, encoding: .utf8)
        let store = try ThreadStore(inMemory: "calibration-import")
        _ = try CodexImporter(store: store).importLogs(at: [directory.path])
        var options = Calibration.Options()
        options.resamples = 50
        let outcomes = try Calibration.fit(store: store, options: options)
        let outcome = try #require(outcomes.first)
        let c = try #require(outcome.calibration, "\(outcome.reason ?? "")")
        #expect(c.windowMinutes == 300 && c.source == "codex")
        // The store keeps each reading's reset time: the 40 windows are told apart by it.
        #expect(outcome.pairing.inferredResets == 0)
        #expect(outcome.pairing.windows == 40)
        for (i, kind) in [(0, PlanCalibration.Kind.input), (1, .cacheRead), (4, .output)] {
            let got = try #require(c.weight(model: "gpt-5.2-codex", kind: kind)?.allowanceTokens)
            let expected = 100 / Self.truth[i] * 1_000_000
            #expect(abs(got / expected - 1) < 0.05, "\(kind): \(got) against \(expected)")
        }
        #expect(c.weight(model: "gpt-5.2-codex", kind: .cacheWrite5m) == nil)
        #expect(c.hiddenPercentPerHour < 0.15)
        // The dollar allowance prices the same tokens at the catalog's gpt-5-codex prices.
        options.price = { name in try? PriceCatalog.builtIn.price(of: name) }
        let priced = try #require(try Calibration.fit(store: store, options: options).first?.calibration)
        let price = try PriceCatalog.builtIn.price(of: "gpt-5.2-codex")
        let requests = stream.generate().requests
        let cost = requests.reduce(0.0) {
            $0 + Double($1.tokens[0]) * price.input + Double($1.tokens[1]) * price.cacheRead + Double($1.tokens[4]) * price.output
        }
        let points = requests.reduce(0.0) { sum, r in
            sum + zip(r.tokens, Self.truth).reduce(0.0) { $0 + Double($1.0) * $1.1 / 1_000_000 }
        }
        let dollars = try #require(priced.dollarAllowance)
        #expect(abs(dollars / (100 * cost / points) - 1) < 0.05, "\(dollars) against \(100 * cost / points)")
    }
}
