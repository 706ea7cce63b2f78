import Foundation
import TestSupport
import Testing

@Suite(.serialized) struct PlansCommandTests {
    @Test func tableJSONAndCSV() throws {
        let args = ["plans", "scenarios/max-vs-api.yaml", "--trials", "12", "--seed", "5", "--quiet"]
        let table = try CommandRunner.run(args)
        #expect(table.status == 0 && table.stderr == "")
        for text in [
            "heavy: 15.0 threads per working day", "light: 3.0 threads", "API (pay as you go)", "Claude Max 20x", "P(5h hit)/day",
        ] {
            #expect(table.stdout.contains(text), "missing \(text)")
        }
        let json = try CommandRunner.run(args + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["kind"] as? String == "plan-comparison")
        let profiles = object?["profiles"] as? [[String: Any]]
        #expect(profiles?.count == 2)
        let options = profiles?.first?["options"] as? [[String: Any]]
        #expect(options?.map { $0["name"] as? String } == ["Claude Pro", "Claude Max 5x", "Claude Max 20x"])
        for key in [
            "probability_cheaper", "five_hour_hit_per_day", "weekly_hit_per_week", "hours_locked_out_per_month",
            "break_even_threads_per_day",
        ] {
            #expect(options?.first?[key] is Double, "\(key)")
        }
        let csv = try CommandRunner.run(args + ["--format", "csv"])
        #expect(csv.stdout.hasPrefix("profile,option,statistic,value\nheavy,api,threads_per_day_mean,15\n"))
        #expect(try CommandRunner.run(args + ["--format", "csv"]).stdout == csv.stdout)
    }

    @Test func planWithALimitButNoPolicyExitsTwo() throws {
        let r = try CommandRunner.run(["plans", "fixtures/scenarios/plan-without-policy.yaml", "--quiet"])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: fixtures/scenarios/plan-without-policy.yaml:6:5: plan 'team plan' has a weekly allowance but no 'over_limit': add over_limit: blocked (threads wait until the limit resets), over_limit: overage (usage past the limit is billed at API prices) or over_limit: fallback_to_api (refused threads run at API prices)\n"
        )
    }
}
