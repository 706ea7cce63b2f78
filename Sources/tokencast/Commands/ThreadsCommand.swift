import ArgumentParser
import Foundation
import Pricing
import Reports
import ThreadStore

struct ThreadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "threads",
        abstract: "Summarise stored threads per model and month.",
        discussion: """
            Shows threads, turns, tokens by class, API-equivalent cost and the cache hit rate, \
            cache_read / (cache_read + cache_write + input). Prices: the built-in catalog backed by the \
            LiteLLM snapshot (see `tokencast prices`), or --prices FILE. A model neither prices is shown \
            with cost "-", and the total cost says how many threads and requests it leaves out.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only this model (a catalog name also matches its dated names).")
    var model: String?

    @OptionGroup var window: WindowOptions<ThreadsTimed>

    @OptionGroup var pricing: PriceOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @OptionGroup var output: OutputFile

    func validate() throws {
        try window.check()
    }

    func run() throws {
        let store = try database.open()
        let (sinceDate, untilDate) = window.dates
        let summary = try store.summary(model: model, since: sinceDate, until: untilDate, catalog: pricing.catalog())
        let document = ThreadsDocument(summary)
        switch format {
        case .table: try output.emit(ThreadsText.render(document))
        case .json: try output.emit(ThreadsJSON.render(document))
        case .csv: try output.emit(ThreadsCSV.render(document))
        }
    }
}
