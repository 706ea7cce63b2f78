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
            Shows threads, turns, tokens by class, API-equivalent cost at the built-in catalog's prices \
            ("-" for models it does not price) and the cache hit rate, \
            cache_read / (cache_read + cache_write + input).
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only this model (a catalog name also matches its dated names).")
    var model: String?

    @OptionGroup var window: WindowOptions<ThreadsTimed>

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
        let summary = try store.summary(model: model, since: sinceDate, until: untilDate, catalog: .builtIn)
        let document = ThreadsDocument(summary)
        switch format {
        case .table: try output.emit(ThreadsText.render(document))
        case .json: try output.emit(ThreadsJSON.render(document))
        case .csv: try output.emit(ThreadsCSV.render(document))
        }
    }
}
