/// `tokencast validate` as CSV: the comparison rows, as fitted, (when fitted dependent)
/// independent, and (when replicates were simulated) the forecast mix. The model name is quoted when it must be (a name from a CSV import can hold a
/// comma).
public enum ValidationCSV {
    public static func render(_ v: ValidationDocument) -> String {
        var lines = ["model,dependence,metric,quantile,held_out,simulated,relative_error,lower_95,upper_95"]
        for (label, figures) in [
            ("as_fitted", Optional(v.figures)), ("independent", v.independent), ("forecast_mix", v.forecastMix),
        ] {
            guard let figures else { continue }
            for r in figures.rows {
                lines.append(
                    "\(CSVField.quoted(v.model)),\(label),\(r.metric),\(r.quantile),\(r.heldOut),\(r.simulated),\(r.relativeError),\(r.lower),\(r.upper)"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
