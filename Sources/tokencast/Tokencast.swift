import ArgumentParser
import Fitting
import Foundation
import LinearAlgebra
import Reports

/// The command-line entry point. Errors a user can cause (bad scenario, bad log, bad price file)
/// are printed as one clear message and end the process with exit code 2; only argument-parser's
/// own usage errors keep its formatting.
@main
struct Tokencast: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokencast",
        abstract: "Forecast what AI coding agents cost, with honest uncertainty.",
        version: TokencastVersion.current,
        subcommands: CommandRegistry.all)

    static func main() {
        BLAS.releaseThreadPool()
        do {
            // The statusline runs after every message in Claude Code: its usual options are read
            // directly, others parse only its own options (a usage error or --help goes the
            // usual way, for the usual messages).
            if CommandLine.arguments.dropFirst().first == StatuslineCommand.configuration.commandName {
                let options = Array(CommandLine.arguments.dropFirst(2))
                if StatuslineCommand.runQuickly(options) { return }
                if let statusline = try? StatuslineCommand.parse(options) { return try statusline.run() }
            }
            var command = try parseAsRoot()
            try command.run()
        } catch let error as UserFacingError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            Foundation.exit(2)
        } catch {
            // Library errors describe themselves for the user; argument-parser's own errors
            // (usage, --help, --version) keep its formatting and exit codes.
            if !(error is ExitCode), !isArgumentParserError(error) {
                FileHandle.standardError.write(Data("error: \(String(describing: error))\n".utf8))
                Foundation.exit(2)
            }
            // Usage mistakes (a bad flag value, a missing argument) are bad input like any
            // other: same exit code 2, with argument-parser's message and usage line.
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    private static func isArgumentParserError(_ error: Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}

/// The errors the commands raise themselves (library errors describe themselves): one case per
/// cause, each with its sentence.
enum UserFacingError: Error, Equatable, CustomStringConvertible {
    /// `--out FILE` cannot be written.
    case cannotWrite(path: String, reason: String)
    /// A store command pointed at a thread database that does not exist.
    case noDatabase(path: String)
    /// No model has enough threads in the window to fit; `counts` lists each model's threads.
    case tooFewThreadsToFit(minimum: Int, counts: [ModelThreads])
    /// `--format html` for a command that has no page yet.
    case noHTML
    /// `prices --provider` names a provider with no model in the catalog.
    case noModelOfProvider(String, source: String, providers: [String])
    /// A `forecast --fail-if` condition that cannot be read.
    case badCondition(SpendGateError)
    /// `fit org` / `backtest org` without a source of usage.
    case noPanel
    /// A panel CSV that cannot be read.
    case badPanel(OrgPanelCSVError)

    struct ModelThreads: Equatable {
        var model: String
        var threads: Int
    }

    var message: String {
        switch self {
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .noDatabase(path):
            return
                "the thread database \(path) does not exist: import logs first (tokencast import claude-code, codex or csv), or pass --db"
        case let .tooFewThreadsToFit(minimum, counts):
            let list = counts.map { "\($0.model): \($0.threads)" }.joined(separator: ", ")
            return "no model has \(minimum) or more threads in this window (\(list)): import more logs or widen --since/--until"
        case .noHTML:
            return "--format html is not available for this command yet: use table, json or csv"
        case let .noModelOfProvider(provider, source, providers):
            return "no model of provider '\(provider)' in \(source); providers: "
                + providers.prefix(12).joined(separator: ", ") + (providers.count > 12 ? ", ..." : "")
        case let .badCondition(error):
            return error.description
        case .noPanel:
            return
                "no usage to fit: import it into the store (tokencast import litellm --url ...) or pass --panel FILE.csv (columns user, day, spend; optional team, model, requests)"
        case let .badPanel(error):
            return error.description
        }
    }

    var description: String { message }
}

enum TokencastVersion {
    static let current = "0.1.0"
}
