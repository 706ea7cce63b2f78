// Tests: ForecastAccumulator.swift
import Distributions
import Pricing
import Testing

@testable import Simulation

/// The `--target-rse` stopping rule: its two relative standard errors and how it grows a sample.
@Suite struct ConvergenceTests {
    /// A fixed, spread sample: 1, 2, ..., n in an order that mixes the batches.
    static func sample(_ n: Int) -> [Double] { (0..<n).map { Double(($0 * 7919) % n + 1) } }

    @Test func theMeansRSEIsItsStandardErrorOverTheMean() {
        let values = Self.sample(400)
        let step = Convergence.step(values)
        let s = SpendSummary(values)
        #expect(step.trials == 400)
        #expect(step.mean == s.mean && step.p90 == s.p90)
        #expect(step.meanRSE == s.standardError / s.mean)
        #expect(step.p90RSE.isFinite && step.p90RSE > 0)
        #expect(step.worst == max(step.meanRSE, step.p90RSE))
    }

    @Test func theP90sRSEIsTheSpreadOfTwentyBatchP90s() {
        // Batch b of 10 is 1...10 plus b: batch P90s 9.1 + b, whose sd over 20 batches is
        // sqrt(35) (the sd of 0...19); over sqrt(20) and the P90 of all trials.
        let shifted = (0..<Convergence.batchCount).flatMap { b in (1...10).map { Double($0 + b) } }
        let step = Convergence.step(shifted)
        let want = 35.0.squareRoot() / 20.0.squareRoot() / SpendSummary(shifted).p90
        #expect(abs(step.p90RSE - want) < 1e-12 * want, "\(step.p90RSE) against \(want)")
        let alike = Array((0..<Convergence.batchCount).map { _ in (1...10).map(Double.init) }.joined())
        // Below 20 batches of 10 the P90's error is not estimated.
        #expect(Convergence.step(Array(alike.prefix(199))).p90RSE == .infinity)
        // A zero mean has no relative error.
        #expect(Convergence.step([Double](repeating: 0, count: 10)).meanRSE == .infinity)
    }

    @Test func runGrowsTheSampleUntilTheTargetAndNoFurther() {
        var asked: [Int] = []
        let steps = Convergence.run(
            target: 0.01, initial: 100, maxTrials: 1_000_000, align: { ($0 + 15) / 16 * 16 },
            extend: { (n: Int) -> [Double] in
                asked.append(n)
                return Self.sample(n)
            })
        #expect(asked.first == 208, "at least 20 batches of 10, aligned to 16")
        #expect(asked.allSatisfy { $0 % 16 == 0 })
        for (a, b) in zip(asked, asked.dropFirst()) {
            #expect(Double(b) >= 1.25 * Double(a) - 16 && Double(b) <= 4 * Double(a) + 16, "\(asked)")
        }
        #expect(steps.count == asked.count)
        #expect(steps.last.map { $0.worst <= 0.01 } == true)
        #expect(steps.dropLast().allSatisfy { $0.worst > 0.01 })
    }

    @Test func runStopsAtMaxTrialsWhenTheTargetIsOutOfReach() {
        let steps = Convergence.run(target: 1e-9, initial: 200, maxTrials: 1_000) { (n: Int) -> [Double] in Self.sample(n) }
        #expect(steps.last?.trials == 1_000)
        #expect(steps.last.map { $0.worst > 1e-9 } == true)
    }

    @Test func stopsWhereTheKnownVarianceSays() {
        // Normal(100, 10): RSE of the mean is 0.1/√n, under 0.5 % from n = 400; the P90's RSE
        // (sd of a quantile ≈ 1.7σ/√n) needs about 3.5 times as many.
        var rng = RandomStream(seed: 3)
        var values: [Double] = []
        let steps = Convergence.run(target: 0.005, initial: 200, maxTrials: 1_000_000) { n in
            while values.count < n { values.append(100 + 10 * rng.standardNormal()) }
            return values
        }
        let last = steps.last!
        #expect(last.worst <= 0.005)
        #expect(steps.dropLast().allSatisfy { $0.worst > 0.005 })
        #expect(last.trials >= 400 && last.trials < 20_000)
        #expect(abs(last.meanRSE - 0.1 / Double(last.trials).squareRoot()) < 0.001)
    }

    @Test func batchMeansRSEOfP90() {
        let values = (0..<2000).map { Double($0 % 100) }
        let s = Convergence.step(values)
        // Every batch of 100 holds 0...99 once: identical batch P90s, zero RSE.
        #expect(s.p90RSE < 1e-12)
        #expect(s.trials == 2000)
    }

    @Test func accumulatedForecastEqualsAPlainRun() throws {
        let opus = try PriceCatalog.builtIn.price(of: "claude-opus-4-5")
        let model = PricedModel(name: "opus", price: opus, behaviour: try constantBehaviour())
        var spec = DeveloperForecastSpec(
            models: [model], mix: [1], uncertainty: [BehaviourUncertainty(turnsCV: 0.2)],
            pricePaths: [PricePath(annualChange: -0.1, annualChangeSD: 0.1)],
            demand: ThreadDemand(meanPerDay: 2, developerCV: 0.3),
            calendar: WorkCalendar(months: ["2027-01", "2027-02"], workingDays: [5, 5]), trials: 0, seed: 5)
        let accumulator = try ForecastAccumulator(spec: spec)
        accumulator.extend(to: 160)
        accumulator.extend(to: 203)
        let batched = accumulator.forecast()
        spec.trials = 203
        let plain = try DeveloperForecaster.run(spec)
        #expect(batched.annualByTrial == plain.annualByTrial)
        #expect(batched.annual == plain.annual)
        #expect(batched.monthly == plain.monthly)
        #expect(batched.totals.cost.value == plain.totals.cost.value)
        #expect(batched.models[0].threadCost == plain.models[0].threadCost)
    }
}
