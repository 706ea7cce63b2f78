import ArgumentParser
import Composition
import Fitting
import Foundation
import Pricing
import Reports

/// `tokencast backtest org`: fit an organisation's first months, forecast the rest, compare.
struct BacktestOrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Backtest organisation forecasts: fit on the first months, forecast the rest, compare per team.",
        discussion: """
            Fits profiles on the panel's first --train-months months (as fit org does), forecasts the following \
            whole months with the scenario fit org would write, and reports per team and in total the share of \
            months whose actual spend falls inside the forecast's P10-P90 band and the P50's error. \
            See docs/organisation-data.md.
            """)

    @OptionGroup var source: PanelOptions

    @Option(help: "Months to fit on, from the panel's first.")
    var trainMonths: Int

    @OptionGroup var runOptions: BacktestRunOptions

    var trials: Int { runOptions.trials ?? 1000 }
    var seed: UInt64 { runOptions.seed ?? 42 }

    @Option(help: "Bootstrap replicates of the fit.")
    var replicates = 30

    @OptionGroup var prices: PriceOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (100...1_000_000).contains(trials) else { throw ValidationError("--trials must be from 100 to 1000000") }
        guard (1...10_000).contains(replicates) else { throw ValidationError("--replicates must be from 1 to 10000") }
    }

    func run() throws {
        let (panel, name) = try source.load()
        let catalog = try prices.catalog()
        let b = try OrgBacktest(
            panel: panel, trainMonths: trainMonths, trials: trials, replicates: replicates, seed: seed, catalog: catalog)
        func series(_ s: OrgBacktest.Series) -> OrgBacktestDocument.Series {
            OrgBacktestDocument.Series(
                team: s.team, coverage: s.coverage, meanAbsoluteP50Error: s.meanAbsoluteP50Error,
                months: s.months.map {
                    .init(month: $0.month, p10: $0.p10, p50: $0.p50, p90: $0.p90, actual: $0.actual, inside: $0.inside)
                })
        }
        let document = OrgBacktestDocument(
            source: name, trainMonths: b.trainMonths, testMonths: b.testMonths, profiles: b.fit.profiles.count,
            series: b.teams.map(series) + [series(b.total)], notes: b.notes)
        switch output.format {
        case .table: try output.emit(OrgBacktestText.render(document))
        case .json: try output.emit(try JSONText.encode(document))
        case .csv: try output.emit(OrgBacktestCSV.render(document))
        case .html: try output.emit(OrgBacktestReport.html(document).render())
        }
    }
}
