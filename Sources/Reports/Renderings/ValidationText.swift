/// `tokencast validate` as text: what was split and fitted, then the comparison, the
/// distribution tests and the coverage of the simulated bands.
public enum ValidationText {
    public static func render(_ v: ValidationDocument) -> String {
        var out = "Out-of-sample check of \(ValidationCells.summary(v))\n"
        out += "dependence: \(ValidationCells.dependenceLabel(v)); \(v.dependenceReason)\n\n"
        let r = ValidationCells.comparison(v)
        out += PlainTable.render([r.header] + r.rows)
        out += ValidationCells.intervalNote(v) + "\n\n"
        let t = ValidationCells.tests(v)
        out += PlainTable.render([t.header] + t.rows) + "\n"
        let c = ValidationCells.coverage(v)
        out += PlainTable.render([c.header] + c.rows)
        if let m = ValidationCells.mix(v), let note = ValidationCells.mixNote(v) {
            out += "\nwhat forecasts draw: held-out threads against the fit's bootstrap replicates pooled\n"
            out += PlainTable.render([m.header] + m.rows)
            out += note + "\n"
        }
        if let s = ValidationCells.split(v) {
            out += "\nthe split itself: logged training threads against logged held-out threads\n"
            out += PlainTable.render([s.header] + s.rows)
            if let note = ValidationCells.splitNote(v) { out += note + "\n" }
        }
        return out
    }
}
