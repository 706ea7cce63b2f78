import Testing

@testable import Pricing

@Suite struct PriceCatalogTests {
    let file = Fixtures.trimmed

    @Test(arguments: [
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929"),  // the file has the dated key
        ("claude-haiku-4-5-20251001", "claude-haiku-4-5"),
        ("claude-3-5-sonnet@20240620", "vertex_ai/claude-3-5-sonnet@20240620"),
        ("claude-sonnet-4-5-latest", "claude-sonnet-4-5"),
        ("openrouter/anthropic/claude-opus-4-5", "claude-opus-4-5"),
        ("openrouter/anthropic/claude-opus-4.5", "claude-opus-4-5"),
        ("bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ("us.anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5"),
        ("azure/gpt-4.1", "azure/gpt-4.1"),
        ("azure/gpt-4.1-mini", "gpt-4.1-mini"),
        ("vertex_ai/gemini-3-flash-preview", "gemini-3-flash-preview"),
        ("kimi-k2.5", "moonshot/kimi-k2.5"),
        ("GPT-4.1", "gpt-4.1"),
    ])
    func resolvesNamesInAFile(name: String, key: String) throws {
        #expect(try file.price(of: name).model == key)
    }

    @Test(arguments: [
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
        ("claude-opus-4-5@20251101", "claude-opus-4-5"),
        ("bedrock/global.anthropic.claude-opus-4-6-v1:0", "claude-opus-4-6"),
        ("openrouter/openai/gpt-5.2", "gpt-5.2"),
        ("deepseek/deepseek-chat", "deepseek-chat"),
        ("gemini-3-pro-preview", "gemini-3-pro-preview"),
    ])
    func resolvesNamesInTheBuiltInCatalog(name: String, key: String) throws {
        #expect(try PriceCatalog.builtIn.price(of: name).model == key)
    }

    @Test func unknownNamesSuggestUpToThreeClosest() {
        #expect(
            throws: PricingError.unknownModel(
                "claude-opus-4-7", suggestions: ["claude-opus-4-5", "claude-opus-4-6", "claude-haiku-4-5"])
        ) {
            try PriceCatalog.builtIn.price(of: "claude-opus-4-7")
        }
        #expect(throws: PricingError.unknownModel("gpt-4.2", suggestions: ["gpt-4.1", "gpt-5.2"])) {
            try PriceCatalog.builtIn.price(of: "gpt-4.2")
        }
        #expect(throws: PricingError.unknownModel("llama-900b", suggestions: [])) {
            try PriceCatalog.builtIn.price(of: "llama-900b")
        }
        #expect(
            PricingError.unknownModel("gpt-4.2", suggestions: ["gpt-4.1", "gpt-5.2"]).description
                == "unknown model 'gpt-4.2': did you mean 'gpt-4.1', 'gpt-5.2'?")
        #expect(
            PricingError.unknownModel("x", suggestions: []).description
                == "unknown model 'x': run `tokencast prices` to list the catalog's models")
    }

    @Test func aPrefixedFormOfTheMostSpecificNameWins() throws {
        // Both keys end in a candidate of the name; the dated one is the more specific.
        let c = try Fixtures.catalog(
            #"""
            {"snowflake/claude-3-5-sonnet": {"input_cost_per_token": 1, "output_cost_per_token": 1},
             "vertex_ai/claude-3-5-sonnet@20240620": {"input_cost_per_token": 2, "output_cost_per_token": 2}}
            """#)
        #expect(try c.price(of: "claude-3-5-sonnet@20240620").model == "vertex_ai/claude-3-5-sonnet@20240620")
        #expect(try c.price(of: "claude-3-5-sonnet@20991231").model == "snowflake/claude-3-5-sonnet")
    }

    @Test func setReplacesAModelAndClearsItsProblem() throws {
        var c = file
        var p = try c.price(of: "gpt-4.1")
        p.model = "azure/container"
        c.set(p)
        #expect(try c.price(of: "azure/container").input == p.input)
    }
}
