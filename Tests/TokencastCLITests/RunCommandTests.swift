import Foundation
import TestSupport
import Testing

@Suite(.serialized) struct RunCommandTests {
    @Test func tableOutputHasEverySection() throws {
        let r = try CommandRunner.run(["run", "fixtures/scenarios/valid-minimal.yaml", "--trials", "50", "--quiet"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        for heading in [
            "Spend per developer over one year (USD)", "Threads", "By model", "By month (USD per developer)", "50 trials, seed 7",
        ] {
            #expect(r.stdout.contains(heading), "missing \(heading)")
        }
    }

    @Test func jsonOutputFollowsTheSchema() throws {
        let r = try CommandRunner.run([
            "run", "fixtures/scenarios/valid-minimal.yaml", "--trials", "40", "--seed", "3", "--format", "json",
        ])
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["trials"] as? Int == 40)
        #expect(object?["seed"] as? Int == 3)
        #expect(object?["kind"] as? String == "developer-forecast")
        let annual = object?["annual"] as? [String: Any]
        for key in ["mean", "standard_error", "p5", "p10", "p50", "p90", "p95", "p99"] {
            #expect(annual?[key] is Double, "annual.\(key)")
        }
        #expect((object?["monthly"] as? [Any])?.count == 12)
        #expect(((object?["models"] as? [[String: Any]])?.first?["name"]) as? String == "opus")
    }

    @Test func sameSeedGivesSameJSONApartFromTiming() throws {
        func run() throws -> String {
            let r = try CommandRunner.run(["run", "fixtures/scenarios/valid-minimal.yaml", "--trials", "30", "--format", "csv"])
            return r.stdout
        }
        #expect(try run() == run())
    }

    @Test func csvStartsWithItsHeader() throws {
        let r = try CommandRunner.run(["run", "fixtures/scenarios/valid-minimal.yaml", "--trials", "20", "--format", "csv"])
        #expect(r.stdout.hasPrefix("scope,model,month,statistic,value\nannual,,,mean,"))
    }

    @Test func outWritesTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-out-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try CommandRunner.run([
            "run", "fixtures/scenarios/valid-minimal.yaml", "--trials", "20", "--format", "json", "--out", path,
        ])
        #expect(r.status == 0 && r.stdout == "")
        #expect(FileManager.default.contents(atPath: path)?.isEmpty == false)
    }

    @Test func badScenarioExitsTwoWithTheLocation() throws {
        let r = try CommandRunner.run(["run", "fixtures/scenarios/unknown-key.yaml"])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(
            r.stderr
                == "error: fixtures/scenarios/unknown-key.yaml:1:1: unknown key 'trails' at the top level: did you mean 'trials'?\n"
        )
    }

    @Test func missingFileExitsTwo() throws {
        let r = try CommandRunner.run(["run", "no/such.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr == "error: no/such.yaml: no such file: check the path (scenarios live in scenarios/)\n")
    }

    @Test func absurdTrialCountIsAUsageErrorWithExitTwo() throws {
        let r = try CommandRunner.run(["run", "fixtures/scenarios/valid-minimal.yaml", "--trials", "0"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("Error: --trials must be between 1 and 100,000,000, got 0.\n"))
    }

    @Test func checkReportsEveryFile() throws {
        let r = try CommandRunner.run(["check", "fixtures/scenarios/valid-minimal.yaml", "fixtures/scenarios/mix-not-one.yaml"])
        #expect(r.status == 2)
        #expect(r.stdout == "fixtures/scenarios/valid-minimal.yaml: ok (1 model, 200 trials, 12 months)\n")
        #expect(
            r.stderr
                == "error: fixtures/scenarios/mix-not-one.yaml:3:8: the shares in 'developer.mix' sum to 0.9, not 1: add 0.1 across them\n"
        )
    }
}
