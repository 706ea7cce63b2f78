import ArgumentParser
import Composition
import Foundation
import Pricing
import Reports
import Scenario

/// How a result is written.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, html
}

/// `--format`, `--out`, `--quiet`: shared by every command that prints a result.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, json, csv or html (a self-contained page; use with --out).")
    var format: OutputFormat = .table

    @OptionGroup var destination: OutputFile

    @Flag(name: .shortAndLong, help: "No progress bar.")
    var quiet = false

    /// Writes `text` to `--out` or standard output.
    func emit(_ text: String) throws { try destination.emit(text) }
}

/// `--out FILE`: where a result goes (standard output without it).
struct OutputFile: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Write the result to FILE instead of standard output.", valueName: "FILE"))
    var out: String?

    /// Writes `text` to `--out` or standard output.
    func emit(_ text: String) throws {
        if let out {
            do {
                // An atomic write renames a temporary file over the target: right for a file,
                // wrong for /dev/null, a FIFO or a terminal, which it would replace with a regular
                // file. Those are written in place.
                let target = URL(fileURLWithPath: out).resolvingSymlinksInPath().path
                let type = (try? FileManager.default.attributesOfItem(atPath: target))?[.type] as? FileAttributeType
                if let type, type != .typeRegular {
                    guard let handle = FileHandle(forWritingAtPath: target) else {
                        throw UserFacingError.cannotWrite(path: out, reason: "it cannot be opened for writing")
                    }
                    defer { try? handle.close() }
                    try handle.write(contentsOf: Data(text.utf8))
                } else {
                    try text.write(toFile: out, atomically: true, encoding: .utf8)
                }
            } catch let error as UserFacingError {
                throw error
            } catch {
                throw UserFacingError.cannotWrite(path: out, reason: error.localizedDescription)
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
        if let trials, !Scenario.allowedTrials.contains(trials) {
            throw ValidationError(
                "--trials must be between \(Money.grouped(Double(Scenario.allowedTrials.lowerBound))) and \(Money.grouped(Double(Scenario.allowedTrials.upperBound))), got \(trials)."
            )
        }
    }

    /// The scenario with the seed and trials given on the command line.
    func apply(to scenario: inout Scenario) {
        if let seed { scenario.seed = seed }
        if let trials { scenario.trials = trials }
    }
}

/// A day or a time on the command line, in ISO 8601: `2025-10-01`, `2025-10-01T09:00:00Z`.
enum DateArgument {
    /// The date, and whether the text was a plain day (UTC midnight).
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

    /// Throws unless `value` (the option `name`'s, if given) is a date.
    static func check(_ name: String, _ value: String?, examples: String = "2025-10-01 or 2025-10-01T09:00:00Z") throws {
        if let value, parse(value) == nil {
            throw ValidationError("\(name) '\(value)' is not a date; use ISO 8601, e.g. \(examples).")
        }
    }
}

/// The help lines of `--since` and `--until`, which say what a command counts a thread by.
protocol WindowHelp {
    static var since: String { get }
    static var until: String { get }
}

/// Threads by when they started (`fit`, `validate`).
enum ThreadsStarted: WindowHelp {
    static let since = "Only threads started on or after this day (ISO 8601, e.g. 2025-10-01)."
    static let until = "Only threads started up to this day (inclusive) or before this time (ISO 8601)."
}

/// Threads and requests by their times (`threads`).
enum ThreadsTimed: WindowHelp {
    static let since = "Only threads from this day or time on (ISO 8601, e.g. 2025-10-01)."
    static let until = "Only threads up to this day (inclusive) or before this time (ISO 8601)."
}

/// `--since`, `--until`: which stored threads a command reads.
struct WindowOptions<Help: WindowHelp>: ParsableArguments {
    @Option(help: ArgumentHelp(Help.since))
    var since: String?

    @Option(help: ArgumentHelp(Help.until))
    var until: String?

    /// Throws unless both are dates; the commands call it where their other checks stand.
    func check() throws {
        try DateArgument.check("--since", since)
        try DateArgument.check("--until", until)
    }

    /// The window as dates; a plain day for `--until` includes that whole day.
    var dates: (since: Date?, until: Date?) {
        let s = since.flatMap(DateArgument.parse)?.date
        let u = until.flatMap(DateArgument.parse).map { $0.isDay ? $0.date.addingTimeInterval(86_400) : $0.date }
        return (s, u)
    }
}

/// `--prices FILE`: a LiteLLM price file instead of the standard catalog (the built-in names
/// backed by the LiteLLM snapshot, or by the user's `prices --update` copy). Every command that
/// prices takes it.
struct PriceOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A LiteLLM price file (model_prices_and_context_window.json) to use instead of the built-in catalog and the LiteLLM snapshot behind it (see `tokencast prices`).",
            valueName: "FILE"))
    var prices: String?

    /// `--prices FILE`, else the standard catalog.
    func catalog() throws -> PriceCatalog {
        if let prices { return try PriceCatalog(liteLLMFile: prices) }
        return try PriceCatalog.standard()
    }

    /// Loads the scenario at `path` against `--prices` or the standard catalog (a scenario's
    /// own `prices:` file replaces the standard catalog, not `--prices`).
    func loadScenario(_ path: String) throws -> Scenario {
        try ScenarioLoader.load(path: path, catalog: catalog(), catalogFromCommandLine: prices != nil, fits: StoredFits())
    }
}
