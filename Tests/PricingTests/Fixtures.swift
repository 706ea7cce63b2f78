import Foundation

@testable import Pricing

/// Test fixtures, found relative to this file.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")

    /// `fixtures/prices/litellm-trimmed.json`: 25 entries copied verbatim from LiteLLM 1.109.1.
    static let trimmedPath = root.appendingPathComponent("prices/litellm-trimmed.json").path

    static let trimmed: PriceCatalog = try! PriceCatalog(liteLLMFile: trimmedPath, date: "2026-11-20")

    /// A catalog read from `json` with source "test.json".
    static func catalog(_ json: String) throws(PricingError) -> PriceCatalog {
        try PriceCatalog(liteLLMData: Data(json.utf8), source: "test.json", date: "2026-01-01")
    }
}

/// USD per million tokens, for readable expectations.
let perM = 1e-6

func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

/// The message of the ``PricingError`` that `body` throws, as the user reads it.
func errorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as PricingError {
        return error.description
    } catch {
        return "not a PricingError: \(error)"
    }
}
