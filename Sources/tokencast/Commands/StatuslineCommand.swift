import ArgumentParser
import Fitting
import Foundation
import Pricing
import Reports
import ThreadStore

/// `tokencast statusline`: Claude Code's statusline command.
///
/// Claude Code runs it after each message with a JSON object on standard input and shows the
/// one line it prints. It must never break the editor: malformed input prints a short fallback
/// line, records nothing, is logged to `statusline.log` beside the database, and exits 0; a
/// busy store (an import writing) skips the write and still prints.
struct StatuslineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statusline",
        abstract: "Claude Code statusline: session and today's cost, 5-hour and weekly use with P(hit).",
        discussion: """
            Set it in ~/.claude/settings.json: "statusLine": {"type": "command", "command": "tokencast statusline"}. \
            Reads Claude Code's JSON on standard input, prints one line, and records the plan's window readings \
            and the session's cost in the thread database. P(hit) compares the pace so far with your past \
            windows in the store (import your logs for it); see docs/logs.md.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Time zone of 'today', e.g. UTC (default: this machine's).")
    var timezone: String?

    @Option(help: .hidden)
    var now: String?

    func validate() throws {
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError("--timezone '\(timezone)' is not a time zone; use an IANA name such as UTC or Europe/Paris.")
        }
        try DateArgument.check("--now", now)
    }

    func run() throws {
        let clock = now.flatMap(DateArgument.parse)?.date ?? Date()
        Self.printLine(databasePath: database.path, now: clock, timeZone: timezone.flatMap(TimeZone.init(identifier:)))
    }

    static func printLine(databasePath: String, now: Date, timeZone: TimeZone?) {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let line = Statusline(databasePath: databasePath, now: now, timeZone: timeZone).line(for: data)
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Runs the everyday invocations, no options or only `--db PATH` and `--timezone ZONE`
    /// (also as `--db=PATH`), without argument-parser: its parse, which reflects over the
    /// option wrappers and checks for completion-script requests, was about a tenth of a
    /// statusline run under `perf`. Returns false for anything else (`--help`, `--now`, a
    /// typo, a zone that does not exist), which then goes through argument-parser for its usual
    /// messages; the options themselves are declared once, above.
    static func runQuickly(_ arguments: [String]) -> Bool {
        guard let options = quickOptions(arguments) else { return false }
        printLine(databasePath: options.db ?? ThreadStore.defaultPath(), now: Date(), timeZone: options.zone)
        return true
    }

    /// The options `runQuickly` reads, or nil for arguments it leaves to argument-parser.
    static func quickOptions(_ arguments: [String]) -> (db: String?, zone: TimeZone?)? {
        var db: String?, zone: TimeZone?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let name = parts.first, name == "--db" || name == "--timezone" else { return nil }
            guard let value = parts.count == 2 ? parts[1] : rest.popFirst(), !value.isEmpty, !value.hasPrefix("-") else {
                return nil
            }
            if name == "--db" {
                guard db == nil else { return nil }
                db = (value as NSString).expandingTildeInPath
            } else {
                guard zone == nil, let z = TimeZone(identifier: value) else { return nil }
                zone = z
            }
        }
        return (db, zone)
    }
}

/// The work of one statusline run, apart from standard input and output.
struct Statusline {
    var databasePath: String
    var now: Date
    /// The zone of "today"; nil for this machine's (`TZ`, else /etc/localtime).
    var timeZone: TimeZone?

    static let source = "claude-code-statusline"
    /// How far back past windows are compared: long enough for dozens of 5-hour windows and a
    /// few weeks, short enough that the statusline reads it in milliseconds.
    static let lookback: TimeInterval = 60 * 86_400
    /// What the editor shows when the input cannot be read.
    static let fallback = "tokencast: no status (see statusline.log)"

    /// The line to print; never throws: every failure is logged and degrades the line.
    func line(for data: Data) -> String {
        let input: StatuslineInput
        do {
            input = try StatuslineInput(json: data)
        } catch {
            log("malformed input: \(error.reason); nothing recorded")
            return Self.fallback
        }
        let day = Self.day(of: now, in: timeZone)
        var today: Double?
        var outlooks: [String: WindowOutlook] = [:]
        /// Per window: "calibrated from N snapshots" or "estimate", the basis of its outlook.
        var labels: [String: String] = [:]
        do {
            let store = try ThreadStore(path: databasePath, waitWhenBusy: 0, singleConnection: true)
            do {
                try store.recordStatusline(input, day: day, at: now, source: Self.source)
            } catch {
                log("store busy or unwritable, reading not recorded: \(error)")
            }
            today = try store.statuslineCost(day: day)
            // A reset time outside the window's own span (a clock far off, a stale reading) has
            // no elapsed share to compare: those windows get no outlook.
            let windows = input.windows.filter { w in
                guard w.name == "five_hour" || w.name == "seven_day", let resets = w.resetsAt else { return false }
                let ahead = resets.timeIntervalSince(now)
                return ahead > 0 && ahead <= Double(w.minutes * 60) + 3600
            }
            if let earliest = windows.compactMap({ $0.resetsAt?.addingTimeInterval(-Double($0.minutes * 60)) }).min() {
                let since = earliest.addingTimeInterval(-Self.lookback)
                // One read of the history in dollars serves the windows without a calibration.
                var dollars: UseHistory?
                for w in windows {
                    guard let resets = w.resetsAt else { continue }
                    let history: UseHistory
                    if let c = Self.calibration(windowMinutes: w.minutes, in: store) {
                        history = try Self.calibratedHistory(c, store: store, since: since, until: now)
                        labels[w.name] = c.label
                    } else {
                        if dollars == nil {
                            dollars = try store.useHistory(modelPrefix: "claude", since: since, until: now, catalog: Self.catalog)
                        }
                        guard let dollars else { continue }
                        history = dollars
                        labels[w.name] = PlanCalibration.label(for: nil)
                    }
                    outlooks[w.name] = history.outlook(
                        usedPercent: w.usedPercent, resetsAt: resets, length: TimeInterval(w.minutes * 60), now: now,
                        lookback: Self.lookback)
                }
            }
        } catch {
            log("store not read: \(error)")
        }
        var parts: [String] = []
        if let name = input.modelName ?? input.modelID { parts.append(name) }
        if let cost = input.sessionCostUSD { parts.append("session \(Self.money(cost))") }
        if let today { parts.append("today \(Self.money(max(today, input.sessionCostUSD ?? 0)))") }
        var shown: [(window: String, basis: String)] = []
        for (name, label) in [("five_hour", "5h"), ("seven_day", "week")] {
            guard let w = input.windows.first(where: { $0.name == name }) else { continue }
            var text = "\(label) \(Int(w.usedPercent.rounded()))%"
            if let resets = w.resetsAt { text += " ↻" + Countdown.text(resets.timeIntervalSince(now)) }
            if let o = outlooks[name] {
                if let p = o.probability {
                    text += ", P(hit) " + Self.percent(p)
                } else if let projected = o.projectedPercent {
                    text += ", on pace for \(Int(projected.rounded()))%"
                }
                if o.probability != nil || o.projectedPercent != nil, let basis = labels[name] {
                    shown.append((label, basis))
                }
            }
            parts.append(text)
        }
        // The basis once when the windows share it ("estimate"), else per window.
        if !shown.isEmpty {
            let bases = Set(shown.map(\.basis))
            parts.append(bases.count == 1 ? shown[0].basis : shown.map { "\($0.window) \($0.basis)" }.joined(separator: ", "))
        }
        return parts.isEmpty ? "tokencast" : parts.joined(separator: " · ")
    }

    /// `YYYY-MM-DD` of `date` in `zone`, or in this machine's zone through the C library:
    /// Foundation's `TimeZone.current` resolves the zone's canonical name through ICU, which
    /// was a quarter of the statusline's own work under `perf`.
    static func day(of date: Date, in zone: TimeZone?) -> String {
        if let zone {
            var calendar = Calendar(identifier: .iso8601)
            calendar.timeZone = zone
            return String(UsageReport.stamp(date, calendar).prefix(10))
        }
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return day(of: date, in: TimeZone(identifier: "UTC")) }
        // By hand: String(format:) looks up its arguments' conformances at run time.
        func digits(_ n: Int32, _ width: Int) -> String {
            let text = String(n)
            return String(repeating: "0", count: max(width - text.count, 0)) + text
        }
        return digits(parts.tm_year + 1900, 4) + "-" + digits(parts.tm_mon + 1, 2) + "-" + digits(parts.tm_mday, 2)
    }

    /// The newest calibration of Claude's window of `windowMinutes` (`tokencast calibrate` on
    /// the readings this command records), when it has a dollar allowance to weigh what its
    /// weights do not.
    static func calibration(windowMinutes: Int, in store: ThreadStore) -> PlanCalibration? {
        guard let c = Calibration.latest(windowMinutes: windowMinutes, vendor: "Anthropic", in: store),
            let dollars = c.dollarAllowance, dollars > 0, dollars.isFinite
        else { return nil }
        return c
    }

    /// The history in percentage points of the window: each class of each model by its
    /// calibrated weight, and the calibration's hidden use (web chat on the same gauge) as a
    /// steady rate the outlook adds to each past window.
    static func calibratedHistory(_ c: PlanCalibration, store: ThreadStore, since: Date, until: Date) throws -> UseHistory {
        let catalog = Self.catalog
        var history = try store.useHistory(modelPrefix: "claude", since: since, until: until) { model in
            c.percentOfWindow(model: model, price: try? catalog.price(of: model))
        }
        history.hiddenPerHour = max(c.hiddenPercentPerHour, 0)
        return history
    }

    /// The standard catalog: the built-in names, then the LiteLLM snapshot, which is read only
    /// when the history has a model the built-in names do not price (a newer Claude model).
    /// Made once, so that two histories (a calibrated window and one in dollars) read the
    /// snapshot at most once.
    static let catalog: PriceCatalog = (try? PriceCatalog.standard()) ?? .builtIn

    static func money(_ usd: Double) -> String {
        usd < 10 ? String(format: "$%.2f", usd) : String(format: "$%.0f", usd)
    }

    /// `<1%`, `37%`, `>99%`: a probability from a few dozen past windows has no decimals.
    static func percent(_ p: Double) -> String {
        if p <= 0 { return "<1%" }
        if p >= 1 { return "100%" }
        let n = Int((p * 100).rounded())
        return n < 1 ? "<1%" : n > 99 ? ">99%" : "\(n)%"
    }

    /// Appends to `statusline.log` beside the database; the log is cut when it passes 1 MB so
    /// a broken setup cannot fill the disk. Failing to log is silent: the line comes first.
    func log(_ message: String) {
        let directory = (databasePath as NSString).deletingLastPathComponent
        let path = ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent("statusline.log")
        try? FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
        let stamp = ISO8601DateFormatter().string(from: now)
        let entry = Data("\(stamp) \(message)\n".utf8)
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 1 << 20 {
            try? FileManager.default.removeItem(atPath: path)
        }
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(entry)
            try? handle.close()
        } else {
            FileManager.default.createFile(atPath: path, contents: entry)
        }
    }
}
