import Foundation
import Pricing
import Testing

@testable import Reports

// Tests: PricesText.swift, PricesJSON.swift, PricesDocument.swift
/// `tokencast prices` as a table and as JSON, from the built-in catalog: explicit and implicit
/// caching, a context tier, and classes a model does not offer.
@Suite struct PricesRenderingTests {
    static func document() throws -> PricesDocument {
        let catalog = PriceCatalog.builtIn
        let prices = try ["gemini-3-pro-preview", "claude-opus-4-6", "gpt-5.2"].map { try catalog.price(of: $0) }
        return PricesDocument(prices: prices, catalog: catalog)
    }

    @Test func numbersKeepTwoDecimalsAndMoreWhenThePriceHasThem() {
        #expect(PricesText.number(5) == "5.00")
        #expect(PricesText.number(0.175) == "0.175")
        #expect(PricesText.number(3.125) == "3.125")
        #expect(PricesText.number(0.0281) == "0.0281")
        #expect(PricesText.number(nil) == "-")
        #expect(PricesText.thousands(200_000) == "200k")
        #expect(PricesText.thousands(128_500) == "128500")
    }

    @Test func theTableShowsTiersAndClassesNotOffered() throws {
        let lines = PricesText.render(try Self.document()).split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("prices: built-in, as of ") && lines[0].hasSuffix("; USD per million tokens"))
        #expect(lines[1].hasPrefix("MODEL ") && lines[1].contains("ABOVE TIER in/out/read/write"))
        #expect(
            lines[2].hasPrefix("gemini-3-pro-preview   2.00   12.00        0.20         -         -  >200k 4.00/18.00/0.40/-"))
        #expect(lines[3].hasPrefix("claude-opus-4-6        5.00   25.00        0.50      6.25     10.00  -"))
        #expect(lines[4].hasPrefix("gpt-5.2                1.75   14.00       0.175         -         -  -"))
        #expect(lines.count == 5)
    }

    @Test func theJSONHasNullsForClassesNotOffered() throws {
        let json = PricesJSON.render(try Self.document())
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(root["unit"] as? String == "USD per million tokens" && root["source"] as? String == "built-in")
        #expect(root["fallback"] == nil)
        let models = try #require(root["models"] as? [[String: Any]])
        #expect(models.map { $0["model"] as? String } == ["gemini-3-pro-preview", "claude-opus-4-6", "gpt-5.2"])
        #expect(models[0]["cache_write_5m"] is NSNull && models[2]["tier"] is NSNull)
        let tier = try #require(models[0]["tier"] as? [String: Any])
        #expect(tier["threshold"] as? Double == 200_000 && tier["input"] as? Double == 4 && tier["cache_write"] is NSNull)
        #expect(models[1]["cache_write_1h"] as? Double == 10 && models[1]["caching"] as? String == "explicit")
        // Per-token prices times a million without float noise (24.999999999999996).
        #expect(models[1]["output"] as? Double == 25)
    }
}
