// Tests: ModelPrice.swift, TokenClass.swift
import Foundation
import Testing

@testable import Pricing

@Suite struct LiteLLMEntryTests {
    let catalog = Fixtures.trimmed

    @Test func keepsChatAndResponsesModelsAndSkipsTheRest() {
        // 25 entries: sample_spec skipped, text-embedding-3-small (embedding) and azure/container
        // (no prices) become problems.
        #expect(catalog.prices.count == 22)
        #expect(catalog.prices["sample_spec"] == nil && catalog.problems["sample_spec"] == nil)
        #expect(catalog.prices["gpt-5.2-codex"] != nil)  // mode "responses"
        #expect(Set(catalog.problems.keys) == ["text-embedding-3-small", "azure/container"])
    }

    @Test func readsEveryBaseClassOfAnAnthropicModel() throws {
        let p = try catalog.price(of: "claude-opus-4-5")
        #expect(p.provider == "anthropic" && p.caching == .explicit)
        #expect(close(p.input, 5e-6) && close(p.output, 25e-6) && close(p.cacheRead, 0.5e-6))
        #expect(close(p.cacheWrite5m, 6.25e-6) && close(p.cacheWrite1h, 10e-6))
        #expect(p.contextWindow == 200_000 && p.tiers.isEmpty && p.unlisted.isEmpty)
        #expect(p.variants == ["batches": PriceVariant(input: 2.5e-6, output: 12.5e-6, cacheRead: 0.25e-6, cacheWrite: 3.125e-6)])
    }

    @Test(arguments: [
        ("claude-opus-4-6", 5.0, 25.0, 0.5), ("claude-sonnet-4-5", 3, 15, 0.3), ("claude-haiku-4-5", 1, 5, 0.1),
        ("gpt-5.2", 1.75, 14, 0.175), ("gpt-5.2-codex", 1.75, 14, 0.175), ("gpt-4.1", 2, 8, 0.5),
        ("gpt-4.1-mini", 0.4, 1.6, 0.1), ("gemini-3.1-pro-preview", 2, 12, 0.2),
        ("gemini-3-flash-preview", 0.5, 3, 0.05), ("deepseek-chat", 0.28, 0.42, 0.028),
        ("moonshot/kimi-k2.5", 0.6, 3, 0.1),
    ])
    func matchesTheDomainTable(model: String, input: Double, output: Double, read: Double) throws {
        let p = try catalog.price(of: model)
        #expect(close(p.input, input * perM, 1e-9) && close(p.output, output * perM, 1e-9))
        #expect(close(p.cacheRead, read * perM, 1e-9))
        // The built-in catalog is a copy of these entries.
        let b = try PriceCatalog.builtIn.price(of: model)
        #expect(b.provider == p.provider && b.caching == p.caching && b.contextWindow == p.contextWindow)
        for lifetime in CacheLifetime.allCases {
            for (x, y) in zip(b.priceVector(cacheLifetime: lifetime), p.priceVector(cacheLifetime: lifetime)) {
                #expect(close(x, y, 1e-9))
            }
        }
    }

    @Test func implicitProvidersHaveNoWritePrice() throws {
        for model in ["gpt-5.2", "gemini-3-flash-preview", "deepseek-chat", "azure/gpt-4.1"] {
            let p = try catalog.price(of: model)
            #expect(p.caching == .implicit && p.cacheWrite5m == 0 && p.cacheWrite1h == 0)
        }
    }

    @Test func bedrockAndVertexClaudeAreExplicit() throws {
        for model in [
            "anthropic.claude-sonnet-4-5-20250929-v1:0", "vertex_ai/claude-sonnet-4-5",
            "bedrock/us-gov-west-1/anthropic.claude-sonnet-4-5-20250929-v1:0",
        ] {
            #expect(try catalog.price(of: model).caching == .explicit)
        }
    }

    @Test func readsThe200kTierWithAllFourClasses() throws {
        let p = try catalog.price(of: "vertex_ai/claude-sonnet-4-5")
        #expect(p.tiers == [PriceTier(threshold: 200_000, input: 6e-6, output: 22.5e-6, cacheRead: 0.6e-6, cacheWrite: 7.5e-6)])
        #expect(p.tierThreshold == 200_000)
        // The 1-hour write above the tier is the 5-minute one scaled by 6/3.75, as LiteLLM lists (12).
        let v = p.priceVector(cacheLifetime: .oneHour)
        #expect(close(v[TokenClass.cacheWriteAboveTier.rawValue], 12e-6))
    }

    @Test func aTierMissingAClassFallsBackToTheBasePrice() throws {
        // gemini-3.1-pro-preview lists input, output, cache read and write above 200k.
        let g = try catalog.price(of: "gemini-3.1-pro-preview")
        #expect(g.tiers == [PriceTier(threshold: 200_000, input: 4e-6, output: 18e-6, cacheRead: 0.4e-6, cacheWrite: 0.25e-6)])
        let c = try Fixtures.catalog(
            #"{"m": {"mode": "chat", "input_cost_per_token": 1, "output_cost_per_token": 2, "input_cost_per_token_above_32k_tokens": 3}}"#
        )
        #expect(try c.price(of: "m").tiers == [PriceTier(threshold: 32_000, input: 3, output: 2, cacheRead: 1, cacheWrite: 0)])
    }

    @Test func readsThe128kAnd272kTiers() throws {
        #expect(
            try catalog.price(of: "gemini/gemini-exp-1206").tiers == [
                PriceTier(threshold: 128_000, input: 0, output: 0, cacheRead: 0, cacheWrite: 0)
            ])
        let p = try catalog.price(of: "azure/gpt-5.4")
        #expect(p.tiers == [PriceTier(threshold: 272_000, input: 5e-6, output: 22.5e-6, cacheRead: 0.5e-6, cacheWrite: 0)])
    }

    @Test func readsBatchFlexAndPriorityVariants() throws {
        let p = try catalog.price(of: "gpt-5.2")
        #expect(p.variants["batches"] == PriceVariant(input: 0.875e-6, output: 7e-6, cacheRead: 0.0875e-6))
        #expect(p.variants["flex"] == PriceVariant(input: 0.875e-6, output: 7e-6, cacheRead: 0.0875e-6))
        #expect(p.variants["priority"] == PriceVariant(input: 3.5e-6, output: 28e-6, cacheRead: 0.35e-6))
        #expect(try catalog.price(of: "deepseek-chat").variants.isEmpty)
    }

    @Test func readsTheReasoningPrice() throws {
        #expect(close(try catalog.price(of: "dashscope/qwen-turbo").reasoningOutput, 0.5e-6))
        #expect(try catalog.price(of: "gpt-4.1").reasoningOutput == nil)
    }

    @Test func marksClassesTheFileDoesNotList() throws {
        // Claude 3.5 Sonnet on Vertex lists only input and output.
        let p = try catalog.price(of: "vertex_ai/claude-3-5-sonnet@20240620")
        #expect(p.caching == .explicit && p.unlisted == [.cacheRead, .cacheWrite5m, .cacheWrite1h])
        #expect(p.cacheRead == p.input && p.cacheWrite5m == p.input && p.cacheWrite1h == p.input)
        #expect(try catalog.price(of: "dashscope/qwen-turbo").unlisted == [.cacheRead])
    }

    @Test func zeroPricesAreNumbersNotBooleans() throws {
        let c = try Fixtures.catalog(#"{"free": {"input_cost_per_token": 0, "output_cost_per_token": 1}}"#)
        #expect(try c.price(of: "free").input == 0)
    }

    @Test func tierThresholdParsing() {
        #expect(LiteLLMEntry.tierThreshold(of: "input_cost_per_token_above_200k_tokens") == 200)
        #expect(LiteLLMEntry.tierThreshold(of: "cache_read_input_token_cost_above_272k_tokens") == 272)
        #expect(LiteLLMEntry.tierThreshold(of: "input_cost_per_token_above_200k_tokens_batches") == nil)
        #expect(LiteLLMEntry.tierThreshold(of: "input_cost_per_image_above_128k_tokens") == nil)
        #expect(LiteLLMEntry.tierThreshold(of: "cache_creation_input_token_cost_above_1hr_above_200k_tokens") == nil)
    }
}
