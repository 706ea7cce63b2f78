/// `tokencast validate` as text: what was split and fitted, then the comparison, the
/// distribution tests and the coverage of the simulated bands.
public enum ValidationText {
    public static func render(_ v: ValidationDocument) -> String {
        var out = "Out-of-sample check of \(ValidationCells.summary(v))\n"
        out += "dependence: \(ValidationCells.dependenceLabel(v)); \(v.dependenceReason)\n\n"
        let r = ValidationCells.comparison(v)
        out += PlainTable.render([r.header] + r.rows) + "\n"
        let t = ValidationCells.tests(v)
        out += PlainTable.render([t.header] + t.rows) + "\n"
        let c = ValidationCells.coverage(v)
        out += PlainTable.render([c.header] + c.rows)
        return out
    }
}
