// Tests: SyntheticLogs.swift
import Fitting
import Foundation
import SyntheticData
import TestSupport
import Testing

/// fixtures/logs/synthetic/ is `SyntheticLogs()` written out; this keeps the two in step.
/// Regenerate with `TOKENCAST_REGENERATE_FIXTURES=1 swift test --filter SyntheticFixtureTests`.
@Suite struct SyntheticFixtureTests {
    @Test func fixtureMatchesTheGenerator() throws {
        let dir = RepositoryPaths.fixture("logs/synthetic")
        if ProcessInfo.processInfo.environment["TOKENCAST_REGENERATE_FIXTURES"] == "1" {
            try SyntheticStore.fixture.write(to: dir)
        }
        let (requests, outcomes) = try SyntheticStore.fixture.render()
        #expect(try String(contentsOfFile: dir + "/requests.csv", encoding: .utf8) == requests)
        #expect(try String(contentsOfFile: dir + "/outcomes.csv", encoding: .utf8) == outcomes)
    }
}
