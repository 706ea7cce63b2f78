import ArgumentParser
import Fitting
import Foundation
import Reports
import ThreadStore

/// `tokencast validate`: fits on part of the stored threads and checks the forecast against the rest.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a fit out of sample: fit on part of the threads, compare with the held-out rest.",
        discussion: """
            Splits one model's threads by a hash of their thread id (the same split every time), fits on the \
            part not held out and simulates single attempts from the fit. Reports cost, turns and tokens at \
            P50/P90/P99 and the mean as relative errors with bootstrap intervals, KS and Anderson-Darling \
            distances with p-values, and the share of held-out threads inside the simulated P10-P90 and P5-P95, \
            with the draws dependent (as fitted) and independent side by side, then the same against what a \
            forecast draws (the fit's bootstrap replicates pooled). See docs/fitting.md.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The model to validate (a catalog name also matches its dated names). Default: the model with most threads.")
    var model: String?

    @Option(help: "Share of threads held out by a single split, between 0 and 1 (used with --folds 1).")
    var holdout = 0.5

    @Option(help: "Cross-validation folds: each fold held out once and fitted on the others (1: a single split by --holdout).")
    var folds = 5

    @OptionGroup var window: WindowOptions<ThreadsStarted>

    @Option(help: "Simulated threads to compare with.")
    var threads = 50_000

    @Option(
        help:
            "Bootstrap replicates of the fit: they widen the error intervals and make the forecast mix (0: neither; the main comparison uses the point estimate)."
    )
    var bootstrap = 50

    @Option(help: "Random seed; the same seed gives the same figures.")
    var seed: UInt64 = 1

    @OptionGroup var pricing: PriceOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard holdout > 0, holdout < 1 else {
            throw ValidationError("--holdout must be between 0 and 1 (e.g. 0.5), got \(holdout).")
        }
        guard (1...50).contains(folds) else { throw ValidationError("--folds must be between 1 and 50, got \(folds).") }
        guard (1_000...10_000_000).contains(threads) else {
            throw ValidationError("--threads must be between 1,000 and 10,000,000, got \(threads).")
        }
        guard (0...10_000).contains(bootstrap) else {
            throw ValidationError("--bootstrap must be between 0 and 10,000, got \(bootstrap).")
        }
        try window.check()
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: database.path) else {
            throw UserFacingError.noDatabase(path: database.path)
        }
        let store = try database.open()
        let (sinceDate, untilDate) = window.dates
        let fitter = BehaviourFitter(
            options: .init(
                bootstrap: bootstrap, goodnessReplicates: 0, seed: seed, since: sinceDate, until: untilDate,
                catalog: try pricing.catalog()))
        let name: String
        if let model {
            name = model
        } else {
            guard let first = try BehaviourFitter.models(in: store, since: sinceDate, until: untilDate).first else {
                throw FittingError.emptyStore(path: database.path)
            }
            name = first.model
        }
        let v = try Validation.run(model: name, in: store, fitter: fitter, holdout: holdout, folds: folds, threads: threads)
        let document = ValidationDocument(v)
        switch output.format {
        case .table: try output.emit(ValidationText.render(document))
        case .json: try output.emit(try ValidationJSON.render(document))
        case .csv: try output.emit(ValidationCSV.render(document))
        case .html: try output.emit(ValidationReport.html(document).render())
        }
    }
}
