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

    @Option(help: "Only threads from this day or time on (ISO 8601, e.g. 2025-10-01).")
    var since: String?

    @Option(help: "Only threads up to this day (inclusive) or before this time (ISO 8601).")
    var until: String?

    @Option(help: "Output format: table, json or csv.")
    var format: ThreadSummary.Format = .table

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, Self.parse(value) == nil {
                throw ValidationError("\(name) '\(value)' is not a date; use ISO 8601, e.g. 2025-10-01 or 2025-10-01T09:00:00Z.")
            }
        }
    }

    func run() throws {
        let store = try database.open()
        let sinceDate = since.flatMap(Self.parse)?.date
        // A plain day for --until includes that whole day.
        let untilDate = until.flatMap(Self.parse).map { $0.isDay ? $0.date.addingTimeInterval(86_400) : $0.date }
        let summary = try store.summary(model: model, since: sinceDate, until: untilDate, catalog: .builtIn)
        print(summary.rendered(as: format), terminator: "")
    }

    static func parse(_ text: String) -> (date: Date, isDay: Bool)? {
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        day.timeZone = TimeZone(identifier: "UTC")
        if text.count == 10, let d = day.date(from: text) { return (d, true) }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            let f = ISO8601DateFormatter()
            f.formatOptions = options
            if let d = f.date(from: text) { return (d, false) }
        }
        return nil
    }
}
