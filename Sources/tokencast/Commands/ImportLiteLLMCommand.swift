import ArgumentParser
import Foundation
import LiteLLMImport
import ThreadStore

extension ImportCommand {
    /// `import litellm --url postgres://...`: a LiteLLM proxy's spend logs into the organisation
    /// panel (docs/organisation-data.md).
    struct LiteLLM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "litellm",
            abstract: "Import a LiteLLM proxy's spend (PostgreSQL) as per-user daily totals.",
            discussion: """
                Aggregates "LiteLLM_SpendLogs" on the server per day, user, model and team (requests, \
                tokens by class, spend) and stores the sums in the organisation panel. Never reads the \
                messages, response or proxy_server_request columns. A re-run reads only what is new \
                (from the last day imported, read again whole); an import that was interrupted resumes. \
                The password is never printed: put it in the URL or in PGPASSWORD. \
                See docs/organisation-data.md.
                """)

        @Option(
            help: ArgumentHelp(
                "The proxy's database: postgres://USER:PASSWORD@HOST:PORT/DATABASE (its DATABASE_URL works).",
                valueName: "url"))
        var url: String

        @Option(help: ArgumentHelp("Read again from this day (YYYY-MM-DD) on, not from the last import.", valueName: "day"))
        var since: String?

        @Option(help: "The panel's name for this proxy (a second proxy needs its own).")
        var source = "litellm"

        @Option(help: ArgumentHelp("Aggregated rows per fetch and per store transaction.", valueName: "n"))
        var batchRows = 20_000

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .shortAndLong, help: "Do not show a progress bar.")
        var quiet = false

        func validate() throws {
            guard (1...1_000_000).contains(batchRows) else {
                throw ValidationError("--batch-rows \(batchRows): give a number of rows from 1 to 1000000 (default 20000).")
            }
        }

        func run() throws {
            let url = try PostgresURL(url)
            var since: Day?
            if let text = self.since {
                guard let day = Day(text) else { throw LiteLLMImportError.badSince(text) }
                since = day
            }
            let importer = LiteLLMImporter(
                url: url, options: .init(source: source, since: since, batchRows: batchRows))
            let database = self.database
            let bar = LockedProgress(label: "litellm", quiet: quiet)
            let report = try runBlocking {
                try await importer.run(openStore: { try database.open() }, progress: { bar.set($0, of: $1) })
            }
            bar.finish()
            print(report.summary)
            print("database: \(database.path)")
        }
    }
}

/// The progress bar, made on the first report (when the number of days is known).
private final class LockedProgress: @unchecked Sendable {
    private let label: String
    private let quiet: Bool
    private var bar: ProgressBar?
    private let lock = NSLock()

    init(label: String, quiet: Bool) {
        self.label = label
        self.quiet = quiet
    }

    func set(_ done: Int, of total: Int) {
        lock.lock()
        defer { lock.unlock() }
        if bar == nil { bar = ProgressBar(total: Double(total), label: label, quiet: quiet) }
        bar?.set(Double(done))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        bar?.finish()
    }
}
