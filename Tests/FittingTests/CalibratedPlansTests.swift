// Tests: CalibratedPlans.swift
import Foundation
import Pricing
import Testing

@testable import Composition

/// A calibration replaces a plan's window allowance only for that plan (by name, spelled any
/// way) and that vendor's tool, and the plan says which windows were measured.
@Suite struct CalibratedPlansTests {
    static func calibration(minutes: Int, source: String, plan: String?, dollars: Double?, snapshots: Int = 30)
        -> PlanCalibration
    {
        let t = Date(timeIntervalSince1970: 1_764_547_200)
        return PlanCalibration(
            windowMinutes: minutes, source: source, plan: plan, snapshots: snapshots, pairs: snapshots - 1, since: t,
            until: t, weights: [], hiddenPercentPerHour: 0, hiddenInterval: .init(lower: 0, upper: 0), residualRMS: 0,
            dollarAllowance: dollars, dollarInterval: nil, resamples: 0, createdAt: t)
    }

    @Test func theMatchingWindowIsReplacedAndLabelled() throws {
        let max5x = try PlanCatalog.builtIn.plan(named: "Claude Max 5x")
        let calibrated = try #require(
            CalibratedPlans.calibrated(
                max5x, [Self.calibration(minutes: 300, source: "claude-code", plan: "claude-max-5x", dollars: 61.5)]))
        #expect(calibrated.allowance5h == .usd(61.5))
        #expect(calibrated.allowanceWeekly == max5x.allowanceWeekly)
        #expect(calibrated.allowanceBasis == "5-hour calibrated from 30 snapshots; weekly estimate")
        #expect(calibrated.limitsAreEstimates)
        // Both windows measured: no estimate left; the newest calibration of a window wins.
        let both = try #require(
            CalibratedPlans.calibrated(
                max5x,
                [
                    Self.calibration(minutes: 10080, source: "claude-code", plan: "Claude Max 5x", dollars: 400, snapshots: 90),
                    Self.calibration(minutes: 300, source: "claude-code", plan: "CLAUDE_MAX_5X", dollars: 70),
                    Self.calibration(minutes: 300, source: "claude-code", plan: "Claude Max 5x", dollars: 55),
                ]))
        #expect(both.allowance5h == .usd(70) && both.allowanceWeekly == .usd(400))
        #expect(both.allowanceBasis == "5-hour calibrated from 30 snapshots; weekly calibrated from 90 snapshots")
        #expect(!both.limitsAreEstimates)
    }

    @Test func anotherPlanToolOrMissingAllowanceChangesNothing() throws {
        let max5x = try PlanCatalog.builtIn.plan(named: "Claude Max 5x")
        let plus = try PlanCatalog.builtIn.plan(named: "ChatGPT Plus")
        // Another tier, no plan label, Codex's gauge on Claude's plan, no or absurd dollars.
        for c in [
            Self.calibration(minutes: 300, source: "claude-code", plan: "Claude Max 20x", dollars: 200),
            Self.calibration(minutes: 300, source: "claude-code", plan: nil, dollars: 60),
            Self.calibration(minutes: 300, source: "codex", plan: "Claude Max 5x", dollars: 60),
            Self.calibration(minutes: 300, source: "claude-code", plan: "Claude Max 5x", dollars: nil),
            Self.calibration(minutes: 300, source: "claude-code", plan: "Claude Max 5x", dollars: .infinity),
        ] {
            #expect(CalibratedPlans.calibrated(max5x, [c]) == nil)
        }
        // Codex's calibration applies to the OpenAI plan of that name.
        let codex = try #require(
            CalibratedPlans.calibrated(plus, [Self.calibration(minutes: 300, source: "codex", plan: "ChatGPT Plus", dollars: 9)]))
        #expect(codex.allowance5h == .usd(9))
        #expect(CalibratedPlans.slug("ChatGPT Plus") == CalibratedPlans.slug("chatgpt-plus"))
    }
}
