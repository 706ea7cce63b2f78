import ArgumentParser
import Composition
import Foundation
import Pricing
import Scenario

/// How a result is written.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, html
}

/// `--format`, `--out`, `--quiet`: shared by every command that prints a result.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, json, csv or html (a self-contained page; use with --out).")
    var format: OutputFormat = .table

    @Option(name: .long, help: ArgumentHelp("Write the result to FILE instead of standard output.", valueName: "FILE"))
    var out: String?

    @Flag(name: .shortAndLong, help: "No progress bar.")
    var quiet = false

    /// Writes `text` to `--out` or standard output.
    func emit(_ text: String) throws {
        if let out {
            do {
                try text.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                throw UserFacingError(message: "cannot write \(out): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// `--seed`, `--trials`: override the scenario's.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Random seed (overrides the scenario's); the same seed gives the same numbers on any machine.")
    var seed: UInt64?

    @Option(help: "Number of Monte Carlo trials (overrides the scenario's).")
    var trials: Int?

    func validate() throws {
        if let trials, trials < 1 || trials > 100_000_000 {
            throw ValidationError("--trials must be between 1 and 100,000,000, got \(trials).")
        }
    }
}

/// `--prices FILE`: a LiteLLM price file instead of the built-in catalog.
struct PriceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A LiteLLM price file (model_prices_and_context_window.json) to use instead of the built-in catalog.", valueName: "FILE"))
    var prices: String?

    /// Loads the scenario at `path` against `--prices` or the built-in catalog.
    func loadScenario(_ path: String) throws -> Scenario {
        guard let prices else { return try ScenarioLoader.load(path: path, fits: StoredFits()) }
        let catalog = try PriceCatalog(liteLLMFile: prices)
        return try ScenarioLoader.load(path: path, catalog: catalog, catalogFromCommandLine: true, fits: StoredFits())
    }
}
