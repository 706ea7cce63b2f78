import Foundation
import Pricing
import Testing
import ThreadStore

@testable import Fitting

/// How logged use becomes gauge points, best source first: a calibration with a dollar
/// allowance, the readings' own rise over the dollars between them (3 pairs or more), one
/// reading in the open window, or nothing.
@Suite struct GaugeScaleTests {
    static let t0 = Date(timeIntervalSince1970: 1_764_547_200)  // 2025-12-01T00:00:00Z

    static func reading(_ hours: Double, _ percent: Double, resets: Double? = 5) -> WindowSnapshot {
        WindowSnapshot(
            vendor: "Anthropic", timestamp: t0 + hours * 3600, window: .fiveHour, gauge: "five_hour", usedPercent: percent,
            resetsAt: resets.map { t0 + $0 * 3600 }, source: "claude-code-statusline")
    }

    static func use(_ hours: Double, dollars: Double) -> OutlookUse {
        OutlookUse(
            time: (t0 + hours * 3600).timeIntervalSince1970, model: "claude-sonnet-4-5", vendor: "Anthropic",
            tokens: TokenCounts(input: 1000, cacheRead: 0, output: 100), dollars: dollars)
    }

    static func calibration(dollars: Double?) -> PlanCalibration {
        PlanCalibration(
            windowMinutes: 300, source: "claude-code", plan: nil, snapshots: 42, pairs: 41, since: t0, until: t0,
            weights: [
                .init(
                    model: "claude-sonnet-4-5", kind: .input, tokensSeen: 1e6, identified: true, percentPerMillion: 20,
                    percentPerMillionInterval: nil, allowanceTokens: nil, allowanceInterval: nil)
            ], hiddenPercentPerHour: -0.5, hiddenInterval: .init(lower: -1, upper: 0), residualRMS: 1,
            dollarAllowance: dollars, dollarInterval: nil, resamples: 0, createdAt: t0)
    }

    @Test func aCalibrationWithADollarAllowanceComesFirst() throws {
        let scale = try #require(
            GaugeScale.make(
                window: .fiveHour, calibration: Self.calibration(dollars: 50), readings: [], uses: [], windowStart: nil))
        #expect(scale.basis == .calibrated(snapshots: 42) && scale.label == "calibrated from 42 snapshots")
        #expect(scale.percentPerDollar == 2)
        #expect(scale.hiddenPerHour == 0)  // a negative hidden rate is no hidden use
        // Input has a weight: 1,000 tokens at 20 points per million. Output has none: dollars.
        #expect(
            abs(
                scale.percent(model: "claude-sonnet-4-5", tokens: TokenCounts(input: 1000, cacheRead: 0, output: 0), dollars: 9)
                    - 0.02) < 1e-15)
        #expect(
            scale.percent(model: "claude-sonnet-4-5", tokens: TokenCounts(input: 1000, cacheRead: 0, output: 5), dollars: 3) == 6)
    }

    @Test func pairsOfReadingsGiveTheRiseOverTheDollars() throws {
        // Three pairs inside one window (same reset), $1 between each: 10 points a dollar.
        let readings = [Self.reading(0, 10), Self.reading(1, 20), Self.reading(2, 30), Self.reading(3, 40)]
        let uses = [0.5, 1.5, 2.5].map { Self.use($0, dollars: 1) }
        // Without an allowance the calibration is passed over.
        let scale = try #require(
            GaugeScale.make(
                window: .fiveHour, calibration: Self.calibration(dollars: nil), readings: readings, uses: uses,
                windowStart: nil))
        #expect(scale.basis == .readings(pairs: 3) && scale.label == "scaled from 3 pairs of official readings")
        #expect(abs(scale.percentPerDollar - 10) < 1e-12)
        #expect(
            scale.percent(model: "claude-sonnet-4-5", tokens: TokenCounts(input: 1, cacheRead: 0, output: 0), dollars: 0.5) == 5)
        // A pair across a reset, or with no dollars between it, does not count: two pairs are too few.
        let broken = [Self.reading(0, 10), Self.reading(1, 20), Self.reading(2, 30, resets: 10), Self.reading(3, 40, resets: 10)]
        #expect(
            GaugeScale.make(window: .fiveHour, calibration: nil, readings: broken, uses: uses, windowStart: nil) == nil)
    }

    @Test func oneReadingInTheOpenWindowOrNothing() throws {
        let uses = [Self.use(0.2, dollars: 2), Self.use(0.8, dollars: 3), Self.use(1.5, dollars: 7)]
        let scale = try #require(
            GaugeScale.make(
                window: .fiveHour, calibration: nil, readings: [Self.reading(1, 25)], uses: uses,
                windowStart: Self.t0.timeIntervalSince1970))
        #expect(scale.basis == .reading && scale.label == "scaled from one official reading")
        #expect(scale.percentPerDollar == 5)  // 25 points over the $5 logged before the reading
        // A reading before the window opened, a zero reading or no use before it: no scale.
        let opened = (Self.t0 + 2 * 3600).timeIntervalSince1970
        #expect(
            GaugeScale.make(window: .fiveHour, calibration: nil, readings: [Self.reading(1, 25)], uses: uses, windowStart: opened)
                == nil)
        #expect(
            GaugeScale.make(
                window: .fiveHour, calibration: nil, readings: [Self.reading(1, 0)], uses: uses,
                windowStart: Self.t0.timeIntervalSince1970) == nil)
        #expect(
            GaugeScale.make(
                window: .fiveHour, calibration: nil, readings: [Self.reading(1, 25)], uses: [],
                windowStart: Self.t0.timeIntervalSince1970) == nil)
    }
}
