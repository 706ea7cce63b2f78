import Foundation

/// `tokencast calibrate --format csv`: one row per weight, then the hidden-use and dollar rows
/// of each calibrated window; a not-calibrated window is one row saying why.
public enum CalibrationCSV {
    public static let header =
        "window_minutes,window,status,model,class,tokens_seen,value,low,high,allowance,allowance_low,allowance_high,snapshots,pairs,skipped_corrupt,note"

    public static func render(_ d: CalibrationDocument) -> String {
        var lines = [header]
        func cell(_ x: Double?) -> String { x.map { $0.isFinite ? String($0) : "inf" } ?? "" }
        for w in d.windows {
            let head = "\(w.windowMinutes),\(w.window)"
            let tail = "\(w.snapshotsUsed),\(w.pairs),\(w.skippedTotal)"
            guard let c = w.calibration else {
                lines.append("\(head),not_calibrated,,,,,,,,,,\(tail),\(CSVField.quoted(w.reason ?? ""))")
                continue
            }
            for x in c.weights {
                let status = x.identified ? "calibrated" : "not_identified"
                lines.append(
                    "\(head),\(status),\(CSVField.quoted(x.model)),\(x.kind.rawValue),\(cell(x.tokensSeen)),"
                        + "\(cell(x.percentPerMillion)),\(cell(x.percentPerMillionInterval?.lower)),"
                        + "\(cell(x.percentPerMillionInterval?.upper)),\(cell(x.allowanceTokens)),"
                        + "\(cell(x.allowanceInterval?.lower)),\(cell(x.allowanceInterval?.upper)),\(tail),"
                        + "points per million tokens; allowance in tokens")
            }
            lines.append(
                "\(head),calibrated,,hidden,,\(cell(c.hiddenPercentPerHour)),\(cell(c.hiddenInterval.lower)),"
                    + "\(cell(c.hiddenInterval.upper)),,,,\(tail),points per hour of wall time")
            lines.append(
                "\(head),calibrated,,usd,,,,,\(cell(c.dollarAllowance)),\(cell(c.dollarInterval?.lower)),"
                    + "\(cell(c.dollarInterval?.upper)),\(tail),"
                    + CSVField.quoted(
                        "API-equivalent USD of the observed mix filling 100 %; residual RMS \(cell(c.residualRMS)) points"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
