import ArgumentParser
import Fitting
import Foundation
import Pricing
import Reports
import ThreadStore

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Calibrate plan allowances from the rate-limit snapshots the tools log.",
        discussion: """
            Pairs consecutive snapshots of the same window (5-hour, weekly) with the tokens used \
            between them, and fits by non-negative least squares how many percentage points each \
            model's input, cache reads, cache writes and output cost, plus hidden use (the gauge \
            moving with no logged request, e.g. web chat) per hour. Prints, per window type, the \
            weights with 95 % bootstrap intervals, the tokens that fill 100 %, the dollars at API \
            prices of the observed mix that fill it, and the residual, and stores the calibration \
            for plans and statusline. A window with fewer than \(Calibration.minimumPairs) snapshot \
            pairs is reported as not calibrated and nothing is stored for it. See docs/fitting.md.
            """)

    @OptionGroup var database: DatabaseOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @OptionGroup var output: OutputFile

    @Option(help: "The plan the snapshots come from (a label stored with the calibration, e.g. chatgpt-pro).")
    var plan: String?

    @Option(help: "Bootstrap resamples for the intervals (0 to 10,000).")
    var bootstrap = 200

    @Option(help: "Random seed of the bootstrap.")
    var seed: UInt64 = 1

    @OptionGroup var prices: PriceOptions

    @Flag(help: "Print the calibration without storing it.")
    var dryRun = false

    func validate() throws {
        if bootstrap < 0 || bootstrap > 10_000 {
            throw ValidationError("--bootstrap must be between 0 and 10,000, got \(bootstrap).")
        }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: database.path) else {
            throw UserFacingError.noDatabase(path: database.path)
        }
        let store = try database.open()
        var options = Calibration.Options()
        options.resamples = bootstrap
        options.seed = seed
        options.plan = plan
        // The dollars that fill a window are priced like every other report (the standard catalog,
        // or --prices), so a model the built-in names miss is not left unpriced.
        let catalog = try prices.catalog()
        options.price = { name in try? catalog.price(of: name) }
        let outcomes = try Calibration.fit(store: store, options: options)
        let stored = dryRun ? 0 : try Calibration.save(outcomes, to: store)
        let document = CalibrationDocument(outcomes: outcomes, database: database.path, stored: stored, dryRun: dryRun)
        switch format {
        case .table: try output.emit(CalibrationText.render(document))
        case .json: try output.emit(try CalibrationJSON.render(document))
        case .csv: try output.emit(CalibrationCSV.render(document))
        }
    }
}
