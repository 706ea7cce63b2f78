import ArgumentParser
import Foundation
import Pricing
import Reports

/// `tokencast prices`: the price catalog, in USD per million tokens.
struct PricesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "List model prices in USD per million tokens, by token class.",
        discussion: """
            Without MODEL, lists every model of the catalog (the built-in one, or the chat models \
            of --prices FILE). Names resolve like scenario names: dated names, provider prefixes \
            (bedrock/, azure/, vertex_ai/, openrouter/...) and -latest. '-' marks a class the \
            model does not offer or the file does not list.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Argument(help: "Models to show (default: all).")
    var models: [String] = []

    @Option(name: .long, help: ArgumentHelp("A LiteLLM price file (model_prices_and_context_window.json).", valueName: "file"))
    var prices: String?

    @Option(
        name: .customLong("prices-date"),
        help: ArgumentHelp("The day the file's prices were current (default: its modification day).", valueName: "yyyy-mm-dd"))
    var pricesDate: String?

    @Option(name: .long, help: "Only models of this provider (LiteLLM's litellm_provider, e.g. anthropic).")
    var provider: String?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: Format = .table

    @OptionGroup var output: OutputFile

    func validate() throws {
        if let pricesDate, !(pricesDate.count == 10 && pricesDate.split(separator: "-").map(\.count) == [4, 2, 2]) {
            throw ValidationError("--prices-date is '\(pricesDate)'; give the day as YYYY-MM-DD, e.g. 2026-11-20.")
        }
        if pricesDate != nil && prices == nil {
            throw ValidationError("--prices-date dates a price file; give the file with --prices FILE.")
        }
    }

    func run() throws {
        let catalog = try prices.map { try PriceCatalog(liteLLMFile: $0, date: pricesDate) } ?? .builtIn
        var rows: [ModelPrice]
        if models.isEmpty {
            rows = catalog.models.compactMap { catalog.prices[$0] }
        } else {
            rows = try models.map { try catalog.price(of: $0) }
        }
        if let provider {
            rows = rows.filter { $0.provider.lowercased() == provider.lowercased() }
            if rows.isEmpty {
                let providers = Set(catalog.prices.values.map(\.provider)).sorted()
                throw UserFacingError.noModelOfProvider(provider, source: catalog.source, providers: providers)
            }
        }
        let document = PricesDocument(prices: rows, catalog: catalog)
        switch format {
        case .table: try output.emit(PricesText.render(document))
        case .json: try output.emit(PricesJSON.render(document))
        case .csv: try output.emit(PricesCSV.render(document))
        }
    }
}
