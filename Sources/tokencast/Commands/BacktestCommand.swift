import ArgumentParser
import Fitting
import Foundation
import Reports
import ThreadStore

/// `tokencast backtest`: fit on the logs before a date, forecast the spend after it, compare.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Check forecasts against history: fit before a date, forecast after it, compare.",
        discussion: """
            Fits every model with enough threads before --train-until, forecasts each developer's spend over \
            --horizon (threads per day fitted per developer, dispersion pooled, fit uncertainty drawn per trial), \
            and reports the actual spend against the forecast's P10/P50/P90 per developer and in total, with \
            the share of developers inside P10-P90. See docs/fitting.md.
            """,
        subcommands: [BacktestOrgCommand.self])

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Train on threads started before this day (ISO 8601, e.g. 2025-10-01).")
    var trainUntil: String?

    @Option(help: "Forecast horizon after --train-until, in days: e.g. 30d or 14.")
    var horizon = "30d"

    @Option(help: "Only train on threads started on or after this day.")
    var since: String?

    @Option(help: "Bootstrap replicates per model fit.")
    var bootstrap = 100

    /// `--trials` and `--seed`, shared with `backtest org`: ArgumentParser gives an option a
    /// parent and its subcommand both declare to the parent, so `backtest org --seed 7` had no
    /// effect while each declared its own. One group in both is filled for both.
    @OptionGroup var runOptions: BacktestRunOptions

    var trials: Int { runOptions.trials ?? 2_000 }
    var seed: UInt64 { runOptions.seed ?? 1 }

    @OptionGroup var pricing: PriceOptions
    @OptionGroup var output: OutputOptions

    var horizonDays: Int? {
        let text = horizon.hasSuffix("d") ? String(horizon.dropLast()) : horizon
        return Int(text).flatMap { $0 > 0 && $0 <= 3_660 ? $0 : nil }
    }

    func validate() throws {
        // Optional for the parser only (the parent's validation runs for `backtest org` too,
        // which takes none); run() requires it.
        try DateArgument.check("--train-until", trainUntil, examples: "2025-10-01")
        try DateArgument.check("--since", since, examples: "2025-10-01")
        if horizonDays == nil {
            throw ValidationError("--horizon '\(horizon)' must be a number of days from 1 to 3660, e.g. 30d.")
        }
        if trials < 10 || trials > 10_000_000 {
            throw ValidationError("--trials must be between 10 and 10,000,000, got \(trials).")
        }
        if bootstrap < 0 || bootstrap > 100_000 {
            throw ValidationError("--bootstrap must be between 0 and 100,000, got \(bootstrap).")
        }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: database.path) else {
            throw UserFacingError.noDatabase(path: database.path)
        }
        guard trainUntil != nil else {
            throw ValidationError(
                "Missing expected argument '--train-until <day>' (ISO 8601, e.g. 2025-10-01); or use 'tokencast backtest org'")
        }
        guard let cut = trainUntil.flatMap(DateArgument.parse)?.date, let days = horizonDays else { return }
        var backtest = Backtest(trainUntil: cut, horizonDays: days, since: since.flatMap(DateArgument.parse)?.date)
        backtest.bootstrap = bootstrap
        backtest.trials = trials
        backtest.seed = seed
        backtest.catalog = try pricing.catalog()
        let document = BacktestDocument(try backtest.run(store: try database.open()))
        switch output.format {
        case .html: throw UserFacingError.noHTML
        case .table: try output.emit(BacktestText.render(document))
        case .json: try output.emit(try BacktestJSON.render(document))
        case .csv: try output.emit(BacktestCSV.render(document))
        }
    }
}

/// The trials and seed of `backtest` and `backtest org` (defaults differ: each says its own).
struct BacktestRunOptions: ParsableArguments {
    @Option(help: "Monte Carlo trials per forecast (backtest: 2,000; backtest org: 1,000).")
    var trials: Int?

    @Option(help: "Random seed; the same seed gives the same numbers (backtest: 1; backtest org: 42).")
    var seed: UInt64?
}
