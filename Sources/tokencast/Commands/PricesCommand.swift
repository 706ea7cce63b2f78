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
            Without --prices, the catalog is the built-in names (the models of the bundled scenarios) \
            backed by every chat model of a LiteLLM price snapshot: the one shipped with tokencast, or \
            a newer copy installed with --update FILE in $XDG_DATA_HOME/tokencast (default \
            ~/.local/share/tokencast), which then takes precedence. The first lines say which catalog \
            and which date are in use. Without MODEL, lists the built-in names (--all: every model). \
            Names resolve like scenario names: dated names, provider prefixes (bedrock/, azure/, \
            vertex_ai/, openrouter/...) and -latest, built-in names first. '-' marks a class the model \
            does not offer or the file does not list.
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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Check a newer LiteLLM price file and install a copy as the snapshot behind the built-in names.",
            valueName: "FILE"))
    var update: String?

    @Flag(name: .long, help: "List every model of the catalog, the snapshot's included.")
    var all = false

    @Option(name: .long, help: "Only models of this provider (LiteLLM's litellm_provider, e.g. anthropic).")
    var provider: String?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: Format = .table

    @OptionGroup var output: OutputFile

    func validate() throws {
        if let pricesDate, !(pricesDate.count == 10 && pricesDate.split(separator: "-").map(\.count) == [4, 2, 2]) {
            throw ValidationError("--prices-date is '\(pricesDate)'; give the day as YYYY-MM-DD, e.g. 2026-11-20.")
        }
        if pricesDate != nil && prices == nil && update == nil {
            throw ValidationError(
                "--prices-date dates a price file; give the file with --prices FILE or --update FILE.")
        }
        if update != nil && prices != nil {
            throw ValidationError(
                "--update installs a price file and --prices reads one for this run only; give one of them.")
        }
        if update != nil && !models.isEmpty {
            throw ValidationError("--update takes no model names; run `tokencast prices MODEL` after it.")
        }
    }

    func run() throws {
        if let update {
            let installed = try PriceSnapshot.install(update, date: pricesDate)
            let line =
                "installed \(update) as \(installed.source): \(Money.grouped(Double(installed.prices.count))) chat models, "
                + "prices as of \(installed.date); it now stands behind the built-in names instead of the shipped "
                + "LiteLLM \(PriceSnapshot.litellmVersion) snapshot (\(PriceSnapshot.date))\n"
            try output.emit(line)
            return
        }
        let catalog = try prices.map { try PriceCatalog(liteLLMFile: $0, date: pricesDate) } ?? PriceCatalog.standard()
        var rows: [ModelPrice]
        if models.isEmpty {
            let layer = catalog.fallback.first
            // A provider filter looks through every model: the built-in names are a handful.
            let names = all || provider != nil ? catalog.allModels : catalog.models
            rows = names.compactMap { catalog.prices[$0] ?? layer?.prices[$0] }
        } else {
            rows = try models.map { try catalog.price(of: $0) }
        }
        if let provider {
            rows = rows.filter { $0.provider.lowercased() == provider.lowercased() }
            if rows.isEmpty {
                let every = catalog.prices.values.map(\.provider) + (catalog.fallback.first?.prices.values.map(\.provider) ?? [])
                throw UserFacingError.noModelOfProvider(provider, source: catalog.source, providers: Set(every).sorted())
            }
        }
        let document = PricesDocument(
            prices: rows, catalog: catalog, named: !models.isEmpty || provider != nil, listsAll: all)
        switch format {
        case .table: try output.emit(PricesText.render(document))
        case .json: try output.emit(PricesJSON.render(document))
        case .csv: try output.emit(PricesCSV.render(document))
        }
    }
}
