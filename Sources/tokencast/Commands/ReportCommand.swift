import ArgumentParser
import Foundation
import Pricing
import Reports
import ThreadStore

/// `tokencast report daily|weekly|monthly|session|blocks`: the past, from the thread store.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report stored use per day, week, month, session or 5-hour block, per model.",
        discussion: """
            Tokens by class and the API-equivalent cost per model (models without a price are listed as \
            unpriced, never as $0). Days, weeks (ISO, Monday first) and months are in the local time zone, \
            or --timezone. Blocks are Anthropic's 5-hour windows as they open: at the first message after the \
            previous window closed. The window share is official where Claude Code's statusline or a Codex \
            log gave a reading inside the period, else estimated from --plan's allowance. See docs/logs.md.
            """)

    enum Period: String, ExpressibleByArgument, CaseIterable {
        case daily, weekly, monthly, session, blocks
    }

    @Argument(help: "daily, weekly, monthly, session or blocks.")
    var period: Period

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var window: WindowOptions<ThreadsTimed>

    @Option(help: "Time zone of days, weeks and months, e.g. UTC or Europe/Paris (default: this machine's).")
    var timezone: String?

    @Option(
        help: ArgumentHelp(
            "A plan to estimate window shares by where no official reading exists, e.g. 'Claude Max 5x' (repeatable, one per vendor).",
            valueName: "plan"))
    var plan: [String] = []

    @OptionGroup var prices: PriceOptions

    @Flag(help: "Import new Claude Code and Codex log lines from their default directories first.")
    var refresh = false

    @Option(help: .hidden)
    var now: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try window.check()
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError("--timezone '\(timezone)' is not a time zone; use an IANA name such as UTC or Europe/Paris.")
        }
        try DateArgument.check("--now", now)
    }

    func run() throws {
        let zone = timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone.current
        let plans = try plan.map { name in try PlanCatalog.builtIn.plan(named: name) }
        let catalog = try prices.catalog()
        if !refresh, !FileManager.default.fileExists(atPath: database.path) {
            throw UserFacingError.noDatabase(path: database.path)
        }
        let store = try database.open()
        if refresh { try StoreRefresh.run(store) }
        let (since, until) = localWindow(zone)
        let (events, untimed) = try store.usageEvents(since: since, until: until)
        let snapshots = try store.windowSnapshots(since: since, until: until)
        let usage = UsageReport.build(
            events: events, period: UsagePeriod(rawValue: period.rawValue) ?? .daily, timeZone: zone, catalog: catalog,
            snapshots: snapshots, plans: plans, now: now.flatMap(DateArgument.parse)?.date ?? Date(),
            untimedRequests: untimed)
        var document = UsageReportDocument(usage)
        // Foundation names UTC "GMT"; the report says the zone as the user wrote it.
        if let timezone { document.timeZone = timezone }
        switch output.format {
        case .table: try output.emit(UsageReportText.render(document))
        case .json: try output.emit(try UsageReportJSON.render(document))
        case .csv: try output.emit(UsageReportCSV.render(document))
        case .html: try output.emit(UsageReportPage.html(document).render())
        }
    }

    /// `--since`/`--until`, a plain day read as midnight in the report's time zone.
    func localWindow(_ zone: TimeZone) -> (Date?, Date?) {
        func local(_ text: String?, endOfDay: Bool) -> Date? {
            guard let text, let parsed = DateArgument.parse(text) else { return nil }
            guard parsed.isDay else { return parsed.date }
            let shifted = parsed.date.addingTimeInterval(-TimeInterval(zone.secondsFromGMT(for: parsed.date)))
            return endOfDay ? shifted.addingTimeInterval(86_400) : shifted
        }
        return (local(window.since, endOfDay: false), local(window.until, endOfDay: true))
    }
}

/// `--refresh`: imports what is new in the default Claude Code and Codex log directories.
/// A tool that is not installed (no log directory) is not an error here.
enum StoreRefresh {
    static func run(_ store: ThreadStore) throws {
        do {
            _ = try ClaudeCodeImporter(store: store).importLogs(at: [])
        } catch ThreadStoreError.noLogDirectory {}
        do {
            _ = try CodexImporter(store: store).importLogs(at: [])
        } catch ThreadStoreError.noLogDirectory {}
    }
}
