import ArgumentParser
import Fitting
import Foundation
import Pricing
import Reports
import ThreadStore

/// `tokencast outlook`: a now-cast of the current 5-hour window, week and month.
struct OutlookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outlook",
        abstract: "Now-cast the current 5-hour window, week and month: use so far, P(hit before reset), the end.",
        discussion: """
            Use so far is the plan's official reading (Claude Code's statusline, a Codex log) plus the logged use \
            since, scaled to percent by a stored calibration (`tokencast calibrate`) or by the readings themselves. \
            The rest of each period is simulated from your own hour-of-week activity in the last eight weeks, at a \
            level conditioned on the pace so far; the month adds up API-equivalent dollars. --backtest replays \
            the readings in the store: at each one, what P(hit) was predicted from what was known then, scored \
            against whether the window filled (Brier score, calibration table). See docs/logs.md.
            """)

    @OptionGroup var database: DatabaseOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @OptionGroup var output: OutputFile

    enum Vendor: String, ExpressibleByArgument, CaseIterable {
        case anthropic, openai
        var name: String { self == .anthropic ? "Anthropic" : "OpenAI" }
    }

    @Option(help: "Whose plan: anthropic (Claude) or openai (Codex) (default: the newest official reading's).")
    var vendor: Vendor?

    @Option(help: "Time zone of your working hours and of the month, e.g. UTC (default: this machine's).")
    var timezone: String?

    @Option(help: "A monthly budget in dollars: adds P(over budget) for the month.")
    var budget: Double?

    @Option(help: "Simulated futures per period (100 to 1,000,000).")
    var trials = 4000

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @OptionGroup var prices: PriceOptions

    @Flag(help: "Import new Claude Code and Codex log lines from their default directories first (and at each --watch refresh).")
    var refresh = false

    @Option(help: ArgumentHelp("Print again every SECONDS (at least 5) until interrupted.", valueName: "SECONDS"))
    var watch: Int?

    @Flag(help: "Replay the official readings in the store and score the P(hit) predicted at each.")
    var backtest = false

    @Option(help: "With --backtest: the days of readings to replay (1 to 3,650).")
    var days = 90

    @Option(help: .hidden)
    var now: String?

    /// For tests: stop --watch after this many prints.
    @Option(help: .hidden)
    var watchCount: Int?

    func validate() throws {
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError("--timezone '\(timezone)' is not a time zone; use an IANA name such as UTC or Europe/Paris.")
        }
        if !(100...1_000_000).contains(trials) {
            throw ValidationError("--trials must be between 100 and 1,000,000, got \(trials).")
        }
        if let budget, !(budget > 0 && budget.isFinite && budget < 1e12) {
            throw ValidationError("--budget must be a positive number of dollars, got \(budget).")
        }
        if let watch, watch < 5 {
            throw ValidationError("--watch must be at least 5 seconds, got \(watch).")
        }
        if watch != nil, backtest {
            throw ValidationError("--watch and --backtest do not go together: a backtest replays the past once.")
        }
        if !(1...3650).contains(days) {
            throw ValidationError("--days must be between 1 and 3,650, got \(days).")
        }
        try DateArgument.check("--now", now)
    }

    func run() throws {
        let catalog = try prices.catalog()
        if !refresh, !FileManager.default.fileExists(atPath: database.path) {
            throw UserFacingError.noDatabase(path: database.path)
        }
        let store = try database.open()
        let zone = timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone.current
        var options = Outlook.Options()
        options.vendor = vendor?.name
        options.timeZone = zone
        options.trials = trials
        options.seed = seed
        options.budget = budget
        options.price = { name in try? catalog.price(of: name) }
        let fixedNow = now.flatMap(DateArgument.parse)?.date
        let zoneName = timezone ?? zone.identifier
        var printed = 0
        while true {
            if refresh { try StoreRefresh.run(store) }
            options.now = fixedNow ?? Date()
            let document: OutlookDocument
            if backtest {
                let outcomes = try Outlook.backtest(store: store, options: options, days: Double(days))
                document = OutlookDocument(
                    backtest: outcomes, now: options.now, vendor: outcomes.first?.vendor ?? options.vendor ?? "Anthropic",
                    timeZone: zoneName)
            } else {
                document = OutlookDocument(try Outlook.make(store: store, options: options), timeZone: zoneName)
            }
            let text = format == .json ? try OutlookJSON.render(document) : OutlookText.render(document)
            guard let watch else { return try output.emit(text) }
            // A terminal is cleared before each print; a file or pipe gets the prints one after another.
            let clear = output.out == nil && isatty(STDOUT_FILENO) == 1 ? "\u{1B}[H\u{1B}[2J" : ""
            try output.emit(clear + text)
            printed += 1
            if let watchCount, printed >= watchCount { return }
            Thread.sleep(forTimeInterval: TimeInterval(watch))
        }
    }
}
