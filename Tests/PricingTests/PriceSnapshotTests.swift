import Foundation
import Testing

@testable import Pricing

/// The shipped LiteLLM snapshot behind the built-in names, and `prices --update` (issue 13).
@Suite struct PriceSnapshotTests {
    /// A fresh data directory, so that no test reads or writes the user's.
    func environment() throws -> [String: String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokencast-prices-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return ["XDG_DATA_HOME": dir.path, "HOME": dir.path]
    }

    func message(_ body: () throws -> Void) -> String { errorMessage(body) ?? "no error" }

    @Test func theBuildShipsASnapshotOfChatModelsOnly() throws {
        let snapshot = try PriceSnapshot.shipped(environment: try environment()).get()
        #expect(snapshot.date == PriceSnapshot.date)
        #expect(snapshot.source.contains(PriceSnapshot.litellmVersion))
        #expect(snapshot.prices.count > 3_000)
        // Trimmed to chat models: nothing in it is an embedding, image or unpriced entry.
        #expect(snapshot.problems.isEmpty)
    }

    /// The models of real Codex logs that the built-in catalog lacks.
    @Test(arguments: ["gpt-5.1-codex-max", "gpt-5.3-codex", "gpt-5.1-codex", "openai/gpt-5.1-codex-max"])
    func codexModelsArePricedByDefault(name: String) throws {
        let standard = try PriceCatalog.standard(environment: try environment())
        #expect(throws: PricingError.self) { try PriceCatalog.builtIn.price(of: name) }
        let price = try standard.price(of: name)
        #expect(name.hasSuffix(price.model))
        #expect(price.input > 0 && price.output > price.input)
    }

    @Test func builtInNamesAndAliasesKeepTheirPrices() throws {
        let standard = try PriceCatalog.standard(environment: try environment())
        for model in PriceCatalog.builtIn.models {
            #expect(try standard.price(of: model) == PriceCatalog.builtIn.price(of: model))
        }
        // The snapshot has the dated key itself; the built-in alias still wins.
        #expect(try standard.price(of: "claude-sonnet-4-5-20250929").model == "claude-sonnet-4-5")
        #expect(try standard.price(of: "azure/gpt-4.1-mini").model == "gpt-4.1-mini")
    }

    @Test func unknownNamesSuggestFromBothLayers() throws {
        let standard = try PriceCatalog.standard(environment: try environment())
        #expect {
            try standard.price(of: "gpt-5.3-codez")
        } throws: { error in
            guard case let PricingError.unknownModel(_, suggestions) = error else { return false }
            return suggestions.contains("gpt-5.3-codex")
        }
    }

    @Test func aMissingSnapshotIsAMessageAndBuiltInNamesStillPrice() throws {
        let bare = PriceCatalog.builtIn.lackingFallback("not found; looked in /nowhere")
        #expect(try bare.price(of: "claude-opus-4-5").model == "claude-opus-4-5")
        let message = message { _ = try bare.price(of: "gpt-5.3-codex") }
        #expect(message.contains("'gpt-5.3-codex' is not in the built-in catalog"))
        #expect(message.contains("/nowhere"))
        #expect(message.contains("tokencast prices --update FILE"))
    }

    @Test func anInstalledUpdateTakesPrecedenceOverTheSnapshot() throws {
        let env = try environment()
        let installed = try PriceSnapshot.install(Fixtures.trimmedPath, date: "2026-12-01", environment: env)
        #expect(installed.source == PriceSnapshot.installedPath(environment: env))
        let standard = try PriceCatalog.standard(environment: env)
        let behind = try #require(standard.fallback.first)
        #expect(behind.source == PriceSnapshot.installedPath(environment: env))
        #expect(behind.date == "2026-12-01")
        #expect(behind.prices.count == installed.prices.count)
        // The fixture has no gpt-5.3-codex: with the update installed it is unknown.
        #expect(throws: PricingError.self) { try standard.price(of: "gpt-5.3-codex") }
        #expect(try standard.price(of: "gpt-5.4").model == "gpt-5.4")
    }

    @Test func aBadUpdateIsRefusedAndLeavesTheInstalledFile() throws {
        let env = try environment()
        try PriceSnapshot.install(Fixtures.trimmedPath, date: "2026-12-01", environment: env)
        let before = try Data(contentsOf: URL(fileURLWithPath: PriceSnapshot.installedPath(environment: env)))
        let dir = env["XDG_DATA_HOME"]!
        let notPrices = dir + "/array.json"
        try Data("[1, 2]".utf8).write(to: URL(fileURLWithPath: notPrices))
        let embeddings = dir + "/embeddings.json"
        try Data(#"{"e": {"mode": "embedding", "input_cost_per_token": 1e-7, "output_cost_per_token": 0}}"#.utf8)
            .write(to: URL(fileURLWithPath: embeddings))
        #expect(message { try PriceSnapshot.install(notPrices, environment: env) }.contains("top level is an array"))
        #expect(
            message { try PriceSnapshot.install(embeddings, environment: env) }.contains(
                "none of its 1 entries is a chat model"))
        #expect(message { try PriceSnapshot.install(dir + "/missing.json", environment: env) }.contains("cannot read"))
        let after = try Data(contentsOf: URL(fileURLWithPath: PriceSnapshot.installedPath(environment: env)))
        #expect(after == before)
    }

    @Test func aDamagedInstalledFileSaysHowToRecover() throws {
        let env = try environment()
        try FileManager.default.createDirectory(
            atPath: PriceSnapshot.dataDirectory(environment: env), withIntermediateDirectories: true)
        try Data("{\"a\": ".utf8).write(to: URL(fileURLWithPath: PriceSnapshot.installedPath(environment: env)))
        let standard = try PriceCatalog.standard(environment: env)
        // Built-in names still price; a name that needs the file says what is wrong with it.
        #expect(try standard.price(of: "claude-opus-4-5").model == "claude-opus-4-5")
        let text = message { _ = try standard.price(of: "gpt-5.3-codex") }
        #expect(text.contains("installed price file is damaged"))
        #expect(text.contains("delete it to use the shipped snapshot"))
    }

    @Test func theDataDirectoryFollowsXDG() {
        #expect(PriceSnapshot.dataDirectory(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/tokencast")
        #expect(PriceSnapshot.dataDirectory(environment: ["HOME": "/h"]) == "/h/.local/share/tokencast")
        #expect(PriceSnapshot.shippedPaths(environment: ["TOKENCAST_PRICE_SNAPSHOT": "/p.json"]).first == "/p.json")
    }
}
