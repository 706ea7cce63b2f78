import Distributions
import NumericalMethods
import Pricing
import Testing

@testable import Simulation

/// One simulated developer-period: its threads in time order, and per-thread figures that add
/// up exactly to the kernel's monthly totals.
@Suite struct DeveloperYearTests {
    static let timeline = PlanTimeline(months: 3, workingDays: 230)

    static func models() throws -> [PricedModel] {
        let behaviour = ThreadBehaviour(
            turns: try DiscretisedLognormal(median: 12, p90: 40),
            freshInputPerTurn: try Lognormal(median: 900, p90: 3_000),
            outputPerTurn: try Lognormal(median: 240, p90: 760), cacheHitRate: try Beta(mean: 0.9, sd: 0.05),
            baseContext: try Constant(value: 10_000), oneShotRate: 0.5, offTheRailsRate: 0.05, maxAttempts: 3)
        return [
            PricedModel(name: "sonnet", price: try PriceCatalog.builtIn.price(of: "claude-sonnet-4-5"), behaviour: behaviour),
            PricedModel(name: "haiku", price: try PriceCatalog.builtIn.price(of: "claude-haiku-4-5"), behaviour: behaviour),
        ]
    }

    static func simulate(
        _ year: DeveloperYear, seed: UInt64, mean: Double = 6, pricePaths: [PricePath] = [.flat, .flat],
        monthScale: [Double]? = nil
    ) throws {
        let models = try models()
        let profile = PlanProfile(name: "dev", demand: ThreadDemand(meanPerDay: mean, dayDispersion: 3), mix: [0.7, 0.3])
        var rng = RandomStream(seed: seed)
        year.simulate(
            profile: profile, developerMean: mean, timeline: timeline, models: models,
            behaviours: models.map { TrialBehaviour.nominal($0.behaviour) }, pricePaths: pricePaths, priceZ: [1.5, -0.5],
            cumulativeMix: ThreadMix.cumulative(profile.mix),
            minutesEach: ThreadMix.minutesEach(models: models, mix: profile.mix),
            grid: 8, monthScale: monthScale, rng: &rng, workspace: KernelWorkspace())
    }

    @Test func threadsAreInTimeOrderAndAddUpToTheMonthsTotals() throws {
        let year = DeveloperYear()
        try Self.simulate(year, seed: 11)
        let n = year.count
        #expect(n > 500)
        #expect(
            [
                year.cost.count, year.tokens.count, year.uncachedTokens.count, year.monthOf.count, year.modelOf.count,
                year.bucket.count,
            ].allSatisfy { $0 == n })
        #expect(zip(year.start, year.start.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(year.start.allSatisfy { $0 >= 0 && $0 < Self.timeline.periodHours })
        #expect(zip(year.monthOf, year.monthOf.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(Set(year.monthOf) == [0, 1, 2])
        #expect(year.bucket.allSatisfy { (0..<8).contains($0) })
        let share = Double(year.modelOf.filter { $0 == 0 }.count) / Double(n)
        #expect(abs(share - 0.7) < 0.06)
        for m in 0..<3 {
            for j in 0..<2 {
                let mine = (0..<n).filter { year.monthOf[$0] == m && year.modelOf[$0] == j }
                let totals = year.monthTotals[m * 2 + j]
                let cost = CompensatedSum(mine.map { year.cost[$0] }).value
                let tokens = CompensatedSum(mine.map { year.tokens[$0] }).value
                #expect(abs(cost - totals.cost.value) <= 1e-9 * totals.cost.value)
                #expect(abs(tokens - totals.tokens.sum()) <= 1e-9 * totals.tokens.sum())
                #expect(mine.allSatisfy { year.uncachedTokens[$0] < year.tokens[$0] })
            }
        }
    }

    @Test func aReusedYearGivesTheSameThreadsForTheSameSeed() throws {
        let reused = DeveloperYear()
        try Self.simulate(reused, seed: 3, mean: 20)
        try Self.simulate(reused, seed: 11)
        let fresh = DeveloperYear()
        try Self.simulate(fresh, seed: 11)
        #expect(reused.start == fresh.start && reused.cost == fresh.cost && reused.modelOf == fresh.modelOf)
        #expect(reused.count == fresh.count)
    }

    @Test func aMonthScaledToZeroDrawsNothing() throws {
        let year = DeveloperYear()
        try Self.simulate(year, seed: 11, monthScale: [1, 0, 2])
        #expect(!year.monthOf.contains(1))
        #expect(year.monthTotals[2].cost.value == 0 && year.monthTotals[3].cost.value == 0)
        let first = year.monthOf.filter { $0 == 0 }.count, third = year.monthOf.filter { $0 == 2 }.count
        #expect(third > first)
    }

    /// A price path moves the money of its model's threads and totals, not their tokens.
    @Test func aPricePathScalesMoneyNotTokens() throws {
        let flat = DeveloperYear(), moving = DeveloperYear()
        try Self.simulate(flat, seed: 11)
        try Self.simulate(moving, seed: 11, pricePaths: [PricePath(annualChange: -0.3, annualChangeSD: 0.1), .flat])
        #expect(flat.tokens == moving.tokens && flat.count == moving.count)
        let sonnet = (0..<flat.count).filter { flat.modelOf[$0] == 0 && flat.monthOf[$0] == 2 }
        let haiku = (0..<flat.count).filter { flat.modelOf[$0] == 1 }
        #expect(sonnet.allSatisfy { moving.cost[$0] != flat.cost[$0] })
        #expect(haiku.allSatisfy { moving.cost[$0] == flat.cost[$0] })
    }
}
