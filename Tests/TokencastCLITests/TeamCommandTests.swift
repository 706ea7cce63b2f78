import Foundation
import Testing

/// End-to-end: the built `tokencast` binary on team scenarios (output and exit codes).
@Suite struct TeamCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/tokencast").path

    func execute(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = arguments
        p.currentDirectoryURL = Self.root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func budgetInTheWrongShapeExitsWithTwo() throws {
        let r = try execute(["forecast", "fixtures/team-bad-budget.yaml", "--quiet"])
        #expect(r.status == 2)
        #expect(
            r.err
                == "error: fixtures/team-bad-budget.yaml:6:9: 'budget' must be a mapping with 'annual' or 'monthly', got '250000': e.g. budget: {annual: 250000} or budget: {monthly: [20000, 20000, ...]} with one amount per month\n"
        )
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func runOnATeamScenarioIsForecast() throws {
        let forecast = try execute(["forecast", "fixtures/team-tiny.yaml", "--format", "csv", "--quiet"])
        let run = try execute(["run", "fixtures/team-tiny.yaml", "--format", "csv", "--quiet"])
        #expect(forecast.status == 0 && run.status == 0)
        #expect(forecast.out == run.out)
        #expect(forecast.out.hasPrefix("scope,name,month,statistic,value\norganisation,,,mean,"))
        #expect(forecast.out.contains("budget,,,probability_over,"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)))
    func diffOfAScenarioWithItselfIsZero() throws {
        let r = try execute(["diff", "fixtures/team-tiny.yaml", "fixtures/team-tiny.yaml", "--format", "csv", "--quiet"])
        #expect(r.status == 0)
        let rows = r.out.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(!rows.isEmpty)
        for row in rows {
            // scope,name,statistic,value: every change is 0 and every row is marked unchanged.
            #expect(row.last == (row.dropLast().last == "unchanged" ? "1" : "0"), "\(row)")
        }
        let text = try execute(["diff", "fixtures/team-tiny.yaml", "fixtures/team-tiny.yaml", "--quiet"])
        #expect(text.out.contains("  organisation          $0   $0   $0   $0     unchanged\n"), "\(text.out)")
    }
}
