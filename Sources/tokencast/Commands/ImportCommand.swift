import ArgumentParser
import Foundation
import ThreadStore

/// The thread database every store command reads or writes.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The thread database.",
            discussion: "Default: $XDG_DATA_HOME/tokencast/threads.db or ~/.local/share/tokencast/threads.db.",
            valueName: "path"))
    var db: String?

    var path: String { db.map { ($0 as NSString).expandingTildeInPath } ?? ThreadStore.defaultPath() }

    func open() throws -> ThreadStore { try ThreadStore(path: path) }
}

/// Options shared by the import commands.
struct ImportOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Store this name as the developer of the imported threads.")
    var developer: String?

    @Flag(name: .shortAndLong, help: "Do not show a progress bar.")
    var quiet = false

    /// Runs an import with a progress bar and prints its summary.
    ///
    /// - Parameter inputs: the paths given on the command line, checked before the database is
    ///   opened, so that a mistyped path does not leave a new empty database behind.
    func run(label: String, inputs: [String], _ body: (ThreadStore, @escaping (Int64, Int64) -> Void) throws -> ImportReport)
        throws
    {
        for input in inputs where !FileManager.default.fileExists(atPath: (input as NSString).expandingTildeInPath) {
            throw ThreadStoreError.noSuchPath(input)
        }
        let store = try database.open()
        var bar: ProgressBar?
        let report = try body(store) { done, total in
            if bar == nil { bar = ProgressBar(total: Double(total), label: label, quiet: quiet) }
            bar?.set(Double(done))
        }
        bar?.finish()
        print(report.summary)
        print("database: \(database.path)")
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import logged agent threads into the thread database.",
        discussion: """
            Only token counts and metadata are stored, never prompt or response text. Importing the same \
            files again adds nothing; a log that grew adds its new responses. Bad lines are skipped and \
            reported with file:line. See docs/logs.md.
            """,
        subcommands: [
            ClaudeCode.self, Codex.self, CSV.self, LiteLLM.self, AnthropicUsage.self, AnthropicCost.self,
            ClaudeCodeAnalytics.self, OpenAIUsage.self, OpenAICosts.self, OTLP.self,
        ])

    struct ClaudeCode: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "claude-code",
            abstract: "Import Claude Code session logs (<project>/<session>.jsonl).",
            discussion: """
                Without a directory, reads $CLAUDE_CONFIG_DIR (comma-separated; each entry's projects/), \
                ~/.config/claude/projects and ~/.claude/projects.
                """)

        @OptionGroup var options: ImportOptions

        @Argument(help: "Log directories or files.", completion: .directory)
        var paths: [String] = []

        func run() throws {
            try options.run(label: "claude-code", inputs: paths) { store, progress in
                try ClaudeCodeImporter(store: store, developer: options.developer)
                    .importLogs(at: paths, progress: progress)
            }
        }
    }

    struct Codex: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codex",
            abstract: "Import OpenAI Codex CLI rollout logs (YYYY/MM/DD/rollout-*.jsonl).",
            discussion: "Without a directory, reads $CODEX_HOME/sessions or ~/.codex/sessions.")

        @OptionGroup var options: ImportOptions

        @Argument(help: "Sessions directories or rollout files.", completion: .directory)
        var paths: [String] = []

        func run() throws {
            try options.run(label: "codex", inputs: paths) { store, progress in
                try CodexImporter(store: store, developer: options.developer).importLogs(at: paths, progress: progress)
            }
        }
    }

    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Import threads or requests from a CSV file.",
            discussion: """
                Thread rows: thread_id, model, turns (required), started_at, developer, input_tokens \
                (uncached), cache_read_tokens, cache_write_tokens, output_tokens, cost_usd, outcome \
                (success|failure|abandoned). Request rows: thread_id, turn_index (required) and token columns. \
                See docs/logs.md.
                """)

        @OptionGroup var options: ImportOptions

        @Argument(help: "The CSV file.", completion: .file(extensions: ["csv"]))
        var file: String

        func run() throws {
            try options.run(label: "csv", inputs: [file]) { store, progress in
                try CSVImporter(store: store, developer: options.developer).importFile(at: file, progress: progress)
            }
        }
    }
}
