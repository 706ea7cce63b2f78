import Testing

@testable import Pricing

@Suite struct ModelNameResolverTests {
    @Test func stripsOneDecorationAtATimeMostSpecificFirst() {
        #expect(
            ModelNameResolver.candidates(for: "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0") == [
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "claude-sonnet-4-5-20250929-v1:0",
                "bedrock/us.anthropic.claude-sonnet-4-5-20250929",
                "us.anthropic.claude-sonnet-4-5-20250929",
                "claude-sonnet-4-5-20250929",
                "bedrock/us.anthropic.claude-sonnet-4-5",
                "us.anthropic.claude-sonnet-4-5",
                "claude-sonnet-4-5",
            ])
        #expect(ModelNameResolver.candidates(for: "claude-3-5-sonnet@20240620") == ["claude-3-5-sonnet"])
        #expect(ModelNameResolver.candidates(for: "gpt-4o-latest") == ["gpt-4o"])
        #expect(ModelNameResolver.candidates(for: "gpt-4.1") == [])
        #expect(ModelNameResolver.candidates(for: "model-12345678x") == [])
    }

    @Test func closestNamesByEditDistance() {
        let names = ["claude-opus-4-5", "claude-opus-4-6", "claude-haiku-4-5", "gpt-4.1"]
        #expect(
            ModelNameResolver.closest(to: "claude-opus-4-7-20260101", among: names)
                == ["claude-opus-4-5", "claude-opus-4-6", "claude-haiku-4-5"])
        #expect(ModelNameResolver.closest(to: "zzzzzzzzzzzzzzzzzzzz", among: names) == [])
    }
}
