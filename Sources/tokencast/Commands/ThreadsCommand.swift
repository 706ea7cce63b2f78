import ArgumentParser
import Foundation
import Pricing
import ThreadStore

extension ThreadSummary.Format: ExpressibleByArgument {}

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

    @Option(help: "Output format: table, json or csv.")
    var format: ThreadSummary.Format = .table

    func validate() throws {
        try window.check()
    }

    func run() throws {
        let store = try database.open()
        let (sinceDate, untilDate) = window.dates
        let summary = try store.summary(model: model, since: sinceDate, until: untilDate, catalog: .builtIn)
        print(summary.rendered(as: format), terminator: "")
    }
}
