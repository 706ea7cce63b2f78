// Tests: ModelPrice+PriceVector.swift, Plan+Coverage.swift, BuiltInCatalog.swift
import Testing

@testable import Pricing

/// The kernel's price vector, which models a plan covers, and the built-in catalog's figures.
@Suite struct PriceVectorTests {
    static let tiered = ModelPrice(
        model: "tiered", provider: "anthropic", input: 3e-6, output: 15e-6, cacheRead: 0.3e-6, cacheWrite5m: 3.75e-6,
        cacheWrite1h: 6e-6,
        tiers: [
            PriceTier(threshold: 500_000, input: 9e-6, output: 30e-6, cacheRead: 1e-6, cacheWrite: 10e-6),
            PriceTier(threshold: 200_000, input: 6e-6, output: 22.5e-6, cacheRead: 0.6e-6, cacheWrite: 7.5e-6),
        ], caching: .explicit)

    @Test func theVectorHoldsBasePricesThenTheLowestTiersPrices() {
        let v = Self.tiered.priceVector()
        #expect(v.count == TokenClass.count)
        #expect(v[TokenClass.input.rawValue] == 3e-6 && v[TokenClass.output.rawValue] == 15e-6)
        #expect(v[TokenClass.cacheRead.rawValue] == 0.3e-6 && v[TokenClass.cacheWrite.rawValue] == 3.75e-6)
        #expect(v[TokenClass.inputAboveTier.rawValue] == 6e-6 && v[TokenClass.outputAboveTier.rawValue] == 22.5e-6)
        #expect(v[TokenClass.cacheWriteAboveTier.rawValue] == 7.5e-6)
        #expect(Self.tiered.tierThreshold == 200_000)
        // One-hour writes: the base write price and the tier's, scaled alike (6 / 3.75 = 1.6).
        let hour = Self.tiered.priceVector(cacheLifetime: .oneHour)
        #expect(hour[TokenClass.cacheWrite.rawValue] == 6e-6)
        #expect(abs(hour[TokenClass.cacheWriteAboveTier.rawValue] - 12e-6) < 1e-18)
        // No tier: the classes above it cost the base prices.
        var flat = Self.tiered
        flat.tiers = []
        let f = flat.priceVector()
        #expect(f[TokenClass.inputAboveTier.rawValue] == 3e-6 && f[TokenClass.cacheReadAboveTier.rawValue] == 0.3e-6)
        #expect(flat.tierThreshold == nil)
    }

    @Test func aPlanCoversItsVendorsModels() throws {
        let claude = try PlanCatalog.builtIn.plan(named: "Claude Max 5x")
        #expect(claude.covers(model: "claude-opus-4-5") && claude.covers(model: "Claude-Sonnet-4-5"))
        #expect(!claude.covers(model: "gpt-5.2"))
        let openai = try PlanCatalog.builtIn.plan(named: "ChatGPT Plus")
        #expect(
            openai.covers(model: "gpt-5.2-codex") && openai.covers(model: "o3-mini") && !openai.covers(model: "claude-opus-4-5"))
        var other = claude
        other.vendor = "House"
        #expect(other.covers(model: "anything"))
        other.vendor = "Google"
        #expect(other.covers(model: "gemini-3-pro") && !other.covers(model: "claude-opus-4-5"))
        other.allowance5h = nil
        other.allowanceWeekly = nil
        #expect(!other.countsTokens)
    }

    @Test func theBuiltInCatalogHasTheListPrices() throws {
        let opus = try PriceCatalog.builtIn.price(of: "claude-opus-4-5")
        func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * b }
        #expect(near(opus.input, 5e-6) && near(opus.output, 25e-6))
        #expect(opus.caching == .explicit && opus.cacheRead < opus.input && opus.cacheWrite5m > opus.input)
        let sonnet = try PriceCatalog.builtIn.price(of: "claude-sonnet-4-5")
        #expect(near(sonnet.input, 3e-6) && near(sonnet.output, 15e-6))
        let gpt = try PriceCatalog.builtIn.price(of: "gpt-5.2")
        #expect(gpt.caching == .implicit && gpt.cacheRead < gpt.input)
        #expect(throws: PricingError.self) { try PriceCatalog.builtIn.price(of: "no-such-model-xyz") }
    }
}
