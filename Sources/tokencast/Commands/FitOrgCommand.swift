import ArgumentParser
import Composition
import Fitting
import Foundation
import Pricing
import Reports
import ThreadStore

/// Where `fit org` and `backtest org` read an organisation's usage.
struct PanelOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A CSV of usage per user, day and model (columns user, day, spend; optional team, model, requests).",
            valueName: "FILE"))
    var panel: String?

    @Option(
        name: .customLong("store"),
        help: ArgumentHelp(
            "Without --panel: the thread database whose organisation panel to read (filled by tokencast import litellm).",
            discussion: "Default: $XDG_DATA_HOME/tokencast/threads.db or ~/.local/share/tokencast/threads.db.",
            valueName: "path"))
    var store: String?

    @Option(help: "Without --panel: only the panel rows of this source (e.g. litellm).")
    var source: String?

    /// The panel, or bad input (exit 2) naming the file and line.
    func load() throws -> (OrgPanel, source: String) {
        guard let path = panel else { return try loadStore() }
        var p = OrgPanel()
        do throws(OrgPanelCSVError) {
            try OrgPanelCSV.read(path: (path as NSString).expandingTildeInPath, into: &p)
        } catch {
            throw UserFacingError.badPanel(error)
        }
        return (p, path)
    }

    /// The store's organisation panel (`import litellm` and the other organisation importers).
    private func loadStore() throws -> (OrgPanel, source: String) {
        let path = store.map { ($0 as NSString).expandingTildeInPath } ?? ThreadStore.defaultPath()
        guard FileManager.default.fileExists(atPath: path) else { throw UserFacingError.noPanel }
        var p = OrgPanel()
        // Streamed: a year of a large organisation is millions of rows, of which the panel keeps
        // one entry per active user-day.
        try ThreadStore(path: path).forEachOrgUsage(source: source) { row in
            // The store writes its days as YYYY-MM-DD; a row it cannot read is not the user's.
            guard let day = OrgCalendar.day(iso: row.day) else { return }
            p.add(
                user: row.user, team: row.team, day: day, model: row.model, requests: Double(row.requests),
                spend: row.spendUSD)
        }
        return (p, "the organisation panel of \(path)" + (source.map { " (source \($0))" } ?? ""))
    }
}

/// `tokencast fit org`: profiles of developers found in an organisation's own usage, and a
/// `team:` scenario that `forecast` runs.
struct FitOrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Group an organisation's developers into profiles from their daily spend; write a team scenario.",
        discussion: """
            Finds the profiles by a mixture of bivariate normals on log spend per active day and the active-day \
            rate (the number of profiles by BIC), gives each its head count, active-day probability, requests and \
            spend per active day with bootstrap intervals, and reports adoption, attrition, the weekly rhythm and \
            each team's model mix. --write FILE writes a team: scenario that tokencast forecast runs as is. \
            See docs/organisation-data.md.
            """)

    @OptionGroup var source: PanelOptions

    @Option(help: "The largest number of profiles BIC may choose.")
    var maxProfiles = 5

    @Option(help: "Bootstrap replicates (developers resampled) for the intervals.")
    var replicates = 100

    @OptionGroup var seedOption: FitSeedOption
    var seed: UInt64 { seedOption.seed ?? 42 }

    @Option(help: ArgumentHelp("Write a team scenario to FILE.", valueName: "FILE"))
    var write: String?

    @Option(help: "The scenario's first month (YYYY-MM). Default: the month after the panel's last day.")
    var start: String?

    @Option(help: "The scenario's months.")
    var months = 12

    @OptionGroup var prices: PriceOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...10).contains(maxProfiles) else { throw ValidationError("--max-profiles must be from 1 to 10") }
        guard (1...10_000).contains(replicates) else { throw ValidationError("--replicates must be from 1 to 10000") }
        guard (1...120).contains(months) else { throw ValidationError("--months must be from 1 to 120") }
        if let start, !OrgMonths.isMonth(start) {
            throw ValidationError("--start must be a month such as 2027-01, got '\(start)'")
        }
    }

    func run() throws {
        let (panel, name) = try source.load()
        let fit = try OrgFit.fit(panel, maxProfiles: maxProfiles, replicates: replicates, seed: seed)
        var notes: [String] = []
        if let write {
            // The standard catalog (built-in names, then the LiteLLM snapshot), as every command
            // that prices: a proxy's panel names models the built-in names alone do not price.
            let catalog = try prices.catalog()
            var options = OrgScenario.Options(start: start ?? OrgMonths.monthAfter(panel))
            options.months = months
            options.seed = seed
            let scenario = try OrgScenario(fit: fit, name: "Organisation fitted from \(name)", options: options, catalog: catalog)
            do {
                try scenario.text.write(toFile: write, atomically: true, encoding: .utf8)
            } catch {
                throw UserFacingError.cannotWrite(path: write, reason: error.localizedDescription)
            }
            notes += scenario.notes
        } else {
            notes += fit.notes
        }
        let document = OrgFitDocument(fit, source: name, scenario: write, notes: notes)
        switch output.format {
        case .table: try output.emit(OrgFitText.render(document))
        case .json: try output.emit(try JSONText.encode(document))
        case .csv: try output.emit(OrgFitCSV.render(document))
        case .html: throw UserFacingError.noHTML
        }
    }
}

/// Month arguments of `fit org`: `--start` checked, and its default.
enum OrgMonths {
    static func isMonth(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]) else { return false }
        return (1970...2200).contains(y) && (1...12).contains(m)
    }

    static func monthAfter(_ panel: OrgPanel) -> String {
        OrgCalendar.month(OrgCalendar.startOfNextMonth(panel.lastDay ?? 0))
    }
}
