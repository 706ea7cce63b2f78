import Foundation
import Pricing

/// The terminal rendering of `tokencast calibrate`.
public enum CalibrationText {
    public static func render(_ d: CalibrationDocument) -> String {
        var out: [String] = []
        if d.windows.isEmpty {
            out.append(
                "No rate-limit snapshots in \(d.database). Codex logs them in its session files: run `tokencast import codex` first."
            )
        }
        for w in d.windows {
            out.append("\(w.window) window (\(w.windowMinutes) min)")
            let span = [w.since, w.until].compactMap { $0.map(time) }.joined(separator: " to ")
            out.append(
                "  \(w.snapshotsRead) snapshots read, \(w.snapshotsUsed) in \(w.pairs) pairs over \(w.windows) window\(w.windows == 1 ? "" : "s")"
                    + (span.isEmpty ? "" : ", \(span)"))
            if w.skippedTotal > 0 {
                let list = w.skippedCorrupt.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                out.append(
                    "  skipped \(w.skippedTotal) corrupt snapshot\(w.skippedTotal == 1 ? "" : "s"): "
                        + list.joined(separator: ", "))
            }
            if w.inferredResets > 0 {
                out.append(
                    "  \(w.inferredResets) reset\(w.inferredResets == 1 ? "" : "s") inferred from a falling gauge (the snapshots give no reset time)"
                )
            }
            guard let c = w.calibration else {
                out.append("  not calibrated: \(w.reason ?? "too few snapshots"); nothing stored for this window")
                out.append("")
                continue
            }
            out.append("  \(c.label), source \(c.source)" + (c.plan.map { ", plan \($0)" } ?? ""))
            var table = TextTable(
                header: ["model", "class", "tokens seen", "points per M", "95 % interval", "fills 100 %", "95 % interval"],
                leftAligned: [0, 1])
            for weight in c.weights {
                guard weight.identified, let p = weight.percentPerMillion else {
                    table.add([weight.model, weight.kind.rawValue, tokens(weight.tokensSeen), "not identified", "", "", ""])
                    continue
                }
                table.add([
                    weight.model, weight.kind.rawValue, tokens(weight.tokensSeen), number(p),
                    range(weight.percentPerMillionInterval, number),
                    weight.allowanceTokens.map(tokens) ?? "unbounded", range(weight.allowanceInterval, tokens),
                ])
            }
            out.append(table.render())
            out.append(
                "  hidden use: \(number(c.hiddenPercentPerHour)) points per hour of wall time (95 %: \(range(c.hiddenInterval, number)))"
            )
            if let dollars = c.dollarAllowance {
                out.append(
                    "  allowance at API prices: \(Money.full(dollars)) of the observed token mix fills the window (95 %: \(range(c.dollarInterval, Money.full)))"
                )
            } else {
                out.append("  allowance at API prices: - (a model in these pairs has no catalog price)")
            }
            out.append(
                "  residual: \(number(c.residualRMS)) points RMS per pair; intervals from \(c.resamples) bootstrap resamples")
            out.append("")
        }
        if d.windows.contains(where: \.calibrated) {
            out.append(
                d.dryRun
                    ? "Not stored (--dry-run)."
                    : "Stored \(d.stored) calibration\(d.stored == 1 ? "" : "s") in \(d.database): plans and statusline label them \"calibrated from N snapshots\"."
            )
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func time(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// Three significant digits.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "-" }
        if x == 0 { return "0" }
        return String(format: "%.3g", x)
    }

    /// `1.23M`, `456k`; infinite reads as unbounded.
    static func tokens(_ x: Double) -> String {
        guard x.isFinite else { return "unbounded" }
        switch x {
        case 1e9...: return String(format: "%.3gB", x / 1e9)
        case 1e6...: return String(format: "%.3gM", x / 1e6)
        case 1e3...: return String(format: "%.3gk", x / 1e3)
        default: return String(format: "%.0f", x)
        }
    }

    static func range(_ i: PlanCalibration.Interval?, _ show: (Double) -> String) -> String {
        guard let i else { return "-" }
        return "\(show(i.lower)) to \(i.upper.map(show) ?? "unbounded")"
    }
}
