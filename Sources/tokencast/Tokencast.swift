import ArgumentParser
import Foundation

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
        do {
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

/// An error whose message is already written for the user.
struct UserFacingError: Error {
    var message: String
}

enum TokencastVersion {
    static let current = "0.1.0"
}
