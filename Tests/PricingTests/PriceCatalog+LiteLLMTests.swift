// Tests: PricingError.swift
import Foundation
import Testing

@testable import Pricing

@Suite struct PriceCatalogLiteLLMTests {
    /// The error `body` throws, as the user reads it.
    func message(_ body: () throws -> Void) -> String? {
        errorMessage(body)
    }

    func temporaryFile(_ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tokencast-prices-\(UUID().uuidString).json")
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    @Test func usesTheOverrideDateOrTheFilesModificationDay() throws {
        #expect(Fixtures.trimmed.date == "2026-11-20")
        #expect(Fixtures.trimmed.source == Fixtures.trimmedPath)
        let path = try temporaryFile(#"{"m": {"input_cost_per_token": 1, "output_cost_per_token": 1}}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_767_225_600)], ofItemAtPath: path)  // 2026-01-01 UTC
        #expect(try PriceCatalog(liteLLMFile: path).date == "2026-01-01")
    }

    @Test func missingFile() {
        #expect(
            message { _ = try PriceCatalog(liteLLMFile: "/nonexistent/prices.json") }
                == "/nonexistent/prices.json: cannot read the price file (no such file or no permission); give the path "
                + "of a LiteLLM model_prices_and_context_window.json, or leave out --prices to use the built-in catalog")
    }

    @Test func refusesAHugeFile() throws {
        let path = try temporaryFile(String(repeating: " ", count: 2_000) + "{}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(
            message { _ = try PriceCatalog(liteLLMFile: path, maxBytes: 1_000) }
                == "\(path): the file is 2002 bytes, over the 1000 bytes limit for a price file; LiteLLM's "
                + "model_prices_and_context_window.json is about 3 MB, so check that --prices names the right file")
        #expect(
            PricingError.priceFileTooLarge(path: "p", bytes: 300 * 1_048_576, limit: PriceCatalog.maxPriceFileBytes).description
                == "p: the file is 300.0 MB, over the 256.0 MB limit for a price file; LiteLLM's "
                + "model_prices_and_context_window.json is about 3 MB, so check that --prices names the right file")
    }

    @Test func notJSONNamesLineAndColumn() {
        #expect(
            message { _ = try Fixtures.catalog("{\n  \"a\": {},\n  \"b\": x\n}") }
                == "test.json:3:8: not valid JSON (Invalid value); fix the file there or download a fresh copy of "
                + "LiteLLM's model_prices_and_context_window.json")
    }

    @Test func truncatedJSON() {
        #expect(
            message { _ = try Fixtures.catalog(#"{"a": {"#) }
                == "test.json: not valid JSON (Unexpected end of file during JSON parse); fix the file there or "
                + "download a fresh copy of LiteLLM's model_prices_and_context_window.json")
    }

    @Test func notAnObject() {
        #expect(
            message { _ = try Fixtures.catalog("[1, 2]") }
                == "test.json: the top level is an array, but a LiteLLM price file is a JSON object keyed by model name "
                + #"({"gpt-4.1": {"input_cost_per_token": 2e-06, ...}, ...})"#)
    }

    @Test func anEntryThatIsNotAnObjectIsReportedWhenAskedFor() throws {
        let c = try Fixtures.catalog(#"{"m": 3}"#)
        #expect(
            message { _ = try c.price(of: "m") }
                == "test.json: the top level is a number for \"m\", but a LiteLLM price file is a JSON object keyed by "
                + #"model name ({"gpt-4.1": {"input_cost_per_token": 2e-06, ...}, ...})"#)
    }

    @Test func aModelLackingPricesIsReportedOnlyWhenAskedFor() throws {
        let c = Fixtures.trimmed
        #expect(
            message { _ = try c.price(of: "azure/container") }
                == "\(Fixtures.trimmedPath): model 'azure/container' has no input_cost_per_token or output_cost_per_token; "
                + "add them to the model's entry in USD per token, or pick another model")
        let one = try Fixtures.catalog(#"{"m": {"mode": "chat", "input_cost_per_token": 1e-06}}"#)
        #expect(
            message { _ = try one.price(of: "m") }
                == "test.json: model 'm' has no output_cost_per_token; add it to the model's entry in USD per token, "
                + "or pick another model")
    }

    @Test func anEmbeddingModelIsNotAChatModel() {
        #expect(
            message { _ = try Fixtures.trimmed.price(of: "text-embedding-3-small") }
                == "\(Fixtures.trimmedPath): 'text-embedding-3-small' is an embedding model, not a chat model; "
                + "pick a chat model (`tokencast prices --prices \(Fixtures.trimmedPath)` lists them)")
    }

    @Test(arguments: [
        (#""input_cost_per_token": -1e-06"#, "input_cost_per_token", "-1e-06"),
        (#""input_cost_per_token": "3e-06""#, "input_cost_per_token", #""3e-06""#),
        (#""input_cost_per_token": true"#, "input_cost_per_token", "true"),
        (#""input_cost_per_token": [1]"#, "input_cost_per_token", "an array"),
        (
            #""input_cost_per_token": 1e-06, "cache_read_input_token_cost_above_200k_tokens": -2"#,
            "cache_read_input_token_cost_above_200k_tokens", "-2.0"
        ),
        (#""input_cost_per_token": 1e-06, "output_cost_per_token_priority": "x""#, "output_cost_per_token_priority", #""x""#),
    ])
    func badPricesNameTheKeyPath(fields: String, key: String, value: String) throws {
        let c = try Fixtures.catalog(#"{"claude-opus-4-5": {"output_cost_per_token": 1e-06, "# + fields + "}}")
        #expect(
            message { _ = try c.price(of: "claude-opus-4-5") }
                == "test.json: \"claude-opus-4-5\".\(key) is \(value), expected a number >= 0 (USD per token); "
                + "fix the value or delete the key")
    }

    @Test func lineAndColumnOfAByteOffset() {
        let data = Data("ab\ncd\n\nef".utf8)
        #expect(PriceCatalog.lineAndColumn(ofByte: 0, in: data) == (1, 1))
        #expect(PriceCatalog.lineAndColumn(ofByte: 4, in: data) == (2, 2))
        #expect(PriceCatalog.lineAndColumn(ofByte: 7, in: data) == (4, 1))
    }
}
