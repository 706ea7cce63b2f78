import ArgumentParser
import Foundation
import Pricing
import ThreadStore

/// Options and the run shared by the `import` subcommands of admin exports and telemetry
/// (`anthropic-usage`, `anthropic-cost`, `claude-code-analytics`, `openai-usage`,
/// `openai-costs`, `otlp`): files in, the organisation panel out (docs/organisation-data.md).
struct AdminExportOptions: ParsableArguments {
    @Argument(help: "Saved API pages (JSON: one page, pages one per line, or an array of pages) or CSV exports.")
    var files: [String]

    @Option(help: "The panel's name for these files (default: the command's name; a second organisation needs its own).")
    var source: String?

    @OptionGroup var database: DatabaseOptions

    /// Prices the buckets that carry tokens and no spend.
    @OptionGroup var pricing: PriceOptions

    @Flag(name: .shortAndLong, help: "Do not show a progress bar.")
    var quiet = false

    func run(_ kind: OrgExportSource) throws {
        for file in files where !FileManager.default.fileExists(atPath: (file as NSString).expandingTildeInPath) {
            throw ThreadStoreError.noSuchPath(file)
        }
        let catalog = try pricing.catalog()
        let importer = OrgExportImporter(source: kind, panelSource: source, catalog: catalog)
        var bar: ProgressBar?
        let database = self.database
        let report = try importer.importFiles(
            files, openStore: { try database.open() },
            progress: { done, total in
                if bar == nil { bar = ProgressBar(total: Double(total), label: kind.rawValue, quiet: quiet || total < 2) }
                bar?.set(Double(done))
            })
        bar?.finish()
        print(report.summary)
        print("database: \(database.path)")
    }
}

extension ImportCommand {
    static let adminExportDiscussion = """
        Each bucket is kept once (by its start and every group-by dimension), so importing the same \
        files again, or files that overlap, adds nothing; each file is one transaction. A malformed \
        page or row is skipped and reported with file:line; a file of another shape stops the import \
        with the command to use. See docs/organisation-data.md.
        """

    struct AnthropicUsage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "anthropic-usage",
            abstract: "Import Anthropic Admin API usage reports (usage_report/messages) as per-key daily tokens, priced.",
            discussion: adminExportDiscussion)
        @OptionGroup var options: AdminExportOptions
        func run() throws { try options.run(.anthropicUsage) }
    }

    struct AnthropicCost: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "anthropic-cost",
            abstract: "Import Anthropic Admin API cost reports (cost_report; amounts in cents) per workspace and day.",
            discussion: adminExportDiscussion)
        @OptionGroup var options: AdminExportOptions
        func run() throws { try options.run(.anthropicCost) }
    }

    struct ClaudeCodeAnalytics: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "claude-code-analytics",
            abstract: "Import Claude Code analytics (usage_report/claude_code) as per-user daily tokens and cost.",
            discussion: adminExportDiscussion)
        @OptionGroup var options: AdminExportOptions
        func run() throws { try options.run(.claudeCodeAnalytics) }
    }

    struct OpenAIUsage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "openai-usage",
            abstract: "Import OpenAI Admin API completions usage (organization/usage/completions), priced.",
            discussion: adminExportDiscussion)
        @OptionGroup var options: AdminExportOptions
        func run() throws { try options.run(.openaiUsage) }
    }

    struct OpenAICosts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "openai-costs",
            abstract: "Import OpenAI Admin API costs (organization/costs) per project and day.",
            discussion: adminExportDiscussion)
        @OptionGroup var options: AdminExportOptions
        func run() throws { try options.run(.openaiCosts) }
    }

    struct OTLP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "otlp",
            abstract: "Import Claude Code's OpenTelemetry metrics from an OTLP JSON file (collector file exporter).",
            discussion: """
                Reads claude_code.token.usage and claude_code.cost.usage sums (delta or cumulative) per \
                user, day and model; never logs or traces. 
                """ + adminExportDiscussion)
        @OptionGroup var options: AdminExportOptions
        func run() throws { try options.run(.otlp) }
    }
}
