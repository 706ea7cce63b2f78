import Foundation

/// `tokencast outlook` as text: one block per window and one for the month, or the backtest's
/// scores and calibration table.
public enum OutlookText {
    public static func render(_ d: OutlookDocument) -> String {
        let zone = TimeZone(identifier: d.timeZone) ?? TimeZone(secondsFromGMT: 0) ?? .current
        var lines: [String] = []
        if let backtest = d.backtest {
            lines.append("Outlook backtest for \(d.vendor)'s plan windows, replaying the official readings in the store")
            for b in backtest { lines += backtestLines(b) }
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append(
            "Outlook for \(d.vendor) at \(stamp(d.now, zone, withDay: true)) \(d.timeZone) (\(Money.grouped(Double(d.uses))) logged uses read)"
        )
        for w in d.windows { lines += windowLines(w, now: d.now, zone: zone) }
        if let m = d.month { lines += monthLines(m, now: d.now, zone: zone) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func windowLines(_ w: OutlookDocument.Window, now: Date, zone: TimeZone) -> [String] {
        var out = [""]
        let title = w.window == "5-hour" ? "5-hour window" : "Weekly window"
        guard let opened = w.opened, let resets = w.resets else {
            out.append("\(title): \(w.note ?? "no window open")")
            return out
        }
        out.append(
            "\(title): opened \(stamp(opened, zone, withDay: w.window != "5-hour")), resets \(stamp(resets, zone, withDay: w.window != "5-hour")) (in \(Countdown.text(resets.timeIntervalSince(now))))"
        )
        if let used = w.usedPercent {
            var how = w.basis == "official" ? "official" : "estimated"
            if let at = w.readingAt, let p = w.readingPercent {
                how = "official \(percent(p)) at \(stamp(at, zone, withDay: false))"
                if abs(used - p) >= 0.5 { how += ", plus logged use since" }
            }
            if let scale = w.scale { how += "; \(scale)" }
            out.append("  used so far      \(percent(used)) (\(how))")
        }
        out.append("  API-equivalent   \(Money.full(w.apiEquivalentUSD)) logged in this window")
        if let f = w.forecast {
            if let p = f.probabilityOfHit {
                var hit = "  P(hit)           \(probability(p)) before it resets"
                if let t = f.hitTimeMedian, p >= 0.005 {
                    hit += ", most likely at \(stamp(t, zone, withDay: w.window != "5-hour"))"
                    if let lo = f.hitTimeP10, let hi = f.hitTimeP90, hi.timeIntervalSince(lo) >= 600 {
                        hit +=
                            " (P10-P90 \(stamp(lo, zone, withDay: w.window != "5-hour"))-\(stamp(hi, zone, withDay: w.window != "5-hour")))"
                    }
                }
                out.append(hit)
            }
            out.append(
                "  at reset         P50 \(percent(f.endP50)), P90 \(percent(f.endP90)) (what you would use with no limit)")
            let past =
                f.pastPeriods >= 4
                ? "\(f.pastPeriods) past windows"
                : "\(f.pastPeriods) past window\(f.pastPeriods == 1 ? "" : "s"), too few: a wide prior"
            out.append(
                "  pace             \(level(f.posteriorLevel)) your typical window so far (\(past), \(Money.grouped(Double(f.trials))) trials)"
            )
        }
        if let note = w.note { out.append("  note: \(note)") }
        return out
    }

    static func monthLines(_ m: OutlookDocument.Month, now: Date, zone: TimeZone) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "MMMM yyyy"
        var out = ["", "Month (\(formatter.string(from: m.start))): API-equivalent spend, all models"]
        out.append("  spent so far     \(Money.full(m.spentUSD))")
        if let f = m.forecast {
            out.append(
                "  at month end     \(Money.full(f.endP50)) (P10 \(Money.full(f.endP10)) - P90 \(Money.full(f.endP90)))")
            if let budget = m.budgetUSD, let p = f.probabilityOfHit {
                var line = "  budget           \(Money.full(budget)): P(over) \(probability(p))"
                if let t = f.hitTimeMedian, p >= 0.005 { line += ", most likely passed on \(stamp(t, zone, withDay: true))" }
                out.append(line)
            }
        }
        if !m.unpricedModels.isEmpty {
            out.append("  unpriced (not counted): \(m.unpricedModels.joined(separator: ", ")); pass --prices FILE")
        }
        return out
    }

    static func backtestLines(_ b: OutlookDocument.Backtest) -> [String] {
        let title = b.window == "5-hour" ? "5-hour window" : "Weekly window"
        var out = ["", "\(title): \(b.readings) readings\(b.scale.map { ", \($0)" } ?? "")"]
        guard b.predictions > 0, let brier = b.brier, let base = b.climatologyBrier, let error = b.calibrationError else {
            out.append("  nothing to replay: \(b.note ?? "no reading of a closed window")")
            return out
        }
        out.append(
            "  \(b.predictions) predictions over \(b.windows) closed windows, \(b.windowsHit) of which filled (\(b.skipped) readings in open windows or their last minute skipped)"
        )
        out.append(String(format: "  Brier score      %.3f (always predicting the base rate: %.3f)", brier, base))
        out.append(String(format: "  calibration      %.1f points mean |predicted - observed|", error))
        var rows = [["P(hit)", "predictions", "mean predicted", "filled"]]
        for bin in b.bins {
            rows.append([
                String(format: "%.0f-%.0f %%", bin.lower * 100, bin.upper * 100), "\(bin.predictions)",
                String(format: "%.1f %%", bin.meanPredicted * 100), String(format: "%.1f %%", bin.observed * 100),
            ])
        }
        out += PlainTable.render(rows).split(separator: "\n").map { "  " + $0 }
        return out
    }

    static func percent(_ p: Double) -> String { p >= 10 || p == 0 ? String(format: "%.0f %%", p) : String(format: "%.1f %%", p) }

    /// `<1 %`, `37 %`, `>99 %`: a simulated probability with no false precision.
    static func probability(_ p: Double) -> String {
        if p <= 0 { return "<1 %" }
        if p >= 1 { return "100 %" }
        let n = Int((p * 100).rounded())
        return n < 1 ? "<1 %" : n > 99 ? ">99 %" : "\(n) %"
    }

    static func level(_ x: Double) -> String {
        x >= 1 ? String(format: "%.1fx", x) : String(format: "%.0f %% of", x * 100)
    }

    static func stamp(_ d: Date, _ zone: TimeZone, withDay: Bool) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = withDay ? "EEE d MMM HH:mm" : "HH:mm"
        return f.string(from: d)
    }

}
