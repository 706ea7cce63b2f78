import ArgumentParser
import Fitting
import Foundation
import Pricing
import Reports
import ThreadStore

/// `tokencast fit`: fits behaviour profiles to stored threads and stores them.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit behaviour profiles to the stored threads of each model.",
        discussion: """
            Fits turns per attempt, fresh input and output tokens per turn, base context, cache hit rate, \
            threads per working day and, when logged, the one-shot and off-the-rails rates; picks each law by AIC, \
            gives every parameter a bootstrap interval, checks the fit against the logged threads, and stores it \
            (use it in a scenario with fit: latest). See docs/fitting.md. `fit org` fits an organisation's \
            usage instead (docs/organisation-data.md).
            """,
        subcommands: [FitOrgCommand.self])

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Fit only this model (a catalog name also matches its dated names). Default: every model with enough threads.")
    var model: String?

    @OptionGroup var window: WindowOptions<ThreadsStarted>

    @Option(help: "Bootstrap replicates (threads resampled) for intervals and forecasts.")
    var bootstrap = 200

    @Option(help: "Parametric-bootstrap replicates per candidate law for the KS and AD p-values.")
    var goodnessReplicates = 200

    @OptionGroup var seedOption: FitSeedOption
    var seed: UInt64 { seedOption.seed ?? 1 }

    @Flag(help: "Print the fit without storing it.")
    var dryRun = false

    @OptionGroup var pricing: PriceOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try window.check()
        if bootstrap < 0 || bootstrap > 100_000 {
            throw ValidationError("--bootstrap must be between 0 and 100,000, got \(bootstrap).")
        }
        if goodnessReplicates < 0 || goodnessReplicates > 100_000 {
            throw ValidationError("--goodness-replicates must be between 0 and 100,000, got \(goodnessReplicates).")
        }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: database.path) else {
            throw UserFacingError.noDatabase(path: database.path)
        }
        let store = try database.open()
        let (sinceDate, untilDate) = window.dates
        let options = BehaviourFitter.Options(
            bootstrap: bootstrap, goodnessReplicates: goodnessReplicates, seed: seed, since: sinceDate, until: untilDate,
            catalog: try pricing.catalog())
        let fitter = BehaviourFitter(options: options)
        let models: [String]
        if let model {
            models = [model]
        } else {
            let found = try BehaviourFitter.models(in: store, since: sinceDate, until: untilDate)
            guard !found.isEmpty else { throw FittingError.emptyStore(path: database.path) }
            models = found.filter { $0.threads >= options.minimumThreads }.map(\.model)
            if models.isEmpty {
                throw UserFacingError.tooFewThreadsToFit(
                    minimum: options.minimumThreads, counts: found.map { .init(model: $0.model, threads: $0.threads) })
            }
        }
        let bar = ProgressBar(total: Double(models.count), label: "fitting", quiet: output.quiet)
        var fits: [FitDocument.Fit] = []
        for m in models {
            let fit = try fitter.fit(model: m, in: store)
            let payload = try fit.payload()
            var id: Int64?
            if !dryRun { id = try store.saveFit(model: fit.model, since: fit.since, until: fit.until, payload: payload).id }
            fits.append(FitDocument.Fit(fit, id: id, payload: payload))
            bar.advance(by: 1)
        }
        bar.finish()
        let document = FitDocument(fits: fits)
        switch output.format {
        case .html:
            throw UserFacingError.noHTML
        case .table: try output.emit(FitText.render(document))
        case .json: try output.emit(FitJSON.render(document))
        case .csv: try output.emit(FitCSV.render(document))
        }
    }
}

/// `--seed` of `fit` and `fit org`, declared once: argument-parser hands an option that a
/// parent and its subcommand declare separately to the parent, so `fit org --seed 7` fitted
/// with 42. As one group, the value reaches the subcommand too (each has its default).
struct FitSeedOption: ParsableArguments {
    @Option(help: "Random seed; the same seed gives the same fit (fit: 1; fit org: 42).")
    var seed: UInt64?
}
