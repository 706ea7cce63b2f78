// Tests: SpendGateError.swift
import Reports
import Testing

@Suite struct SpendGateTests {
    let profiles = ["backend", "frontend"]

    @Test func readsTheFormsAPipelineWrites() throws {
        let a = try SpendGate.parse("p90 > 250000", profiles: profiles)
        #expect(a.scope == .team && a.period == .horizon && a.statistic == .p90 && a.comparison == .above)
        #expect(a.limit == 250_000)
        let b = try SpendGate.parse("team:backend monthly p95>=$1,500.50", profiles: profiles)
        #expect(b.scope == .profile("backend") && b.period == .monthly && b.statistic == .p95)
        #expect(b.comparison == .atLeast && b.limit == 1500.5)
        let c = try SpendGate.parse("org total MEAN < 1.5M", profiles: profiles)
        #expect(c.scope == .team && c.period == .horizon && c.statistic == .mean && c.comparison == .below)
        #expect(c.limit == 1_500_000)
        #expect(try SpendGate.parse("p50 <= 2_000", profiles: profiles).limit == 2000)
        #expect(try SpendGate.parse("p99>40k", profiles: profiles).limit == 40_000)
    }

    @Test func namesTheBrokenRule() {
        #expect(throws: SpendGateError.empty) { try SpendGate.parse("  ", profiles: profiles) }
        #expect(throws: SpendGateError.unknownStatistic("p91", text: "p91 > 5")) {
            try SpendGate.parse("p91 > 5", profiles: profiles)
        }
        #expect(throws: SpendGateError.badAmount("-5", text: "p90 > -5")) {
            try SpendGate.parse("p90 > -5", profiles: profiles)
        }
        #expect(throws: SpendGateError.badAmount("inf", text: "p90 > inf")) {
            try SpendGate.parse("p90 > inf", profiles: profiles)
        }
        #expect(throws: SpendGateError.shape("p90 > 5 6")) { try SpendGate.parse("p90 > 5 6", profiles: profiles) }
        #expect(
            throws: SpendGateError.unknownProfile(
                "backnd", text: "team:backnd p90 > 5", profiles: profiles, suggestion: "backend")
        ) { try SpendGate.parse("team:backnd p90 > 5", profiles: profiles) }
    }
}
