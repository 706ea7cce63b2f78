/// `tokencast fit` as CSV: every model's parameters with their 95 % intervals, the rates'
/// posteriors first.
public enum FitCSV {
    public static func render(_ d: FitDocument) -> String {
        (["model,parameter,estimate,lower_95,upper_95"] + d.fits.flatMap(rows)).joined(separator: "\n") + "\n"
    }

    static func rows(_ f: FitDocument.Fit) -> [String] {
        var rows: [String] = []
        if let o = f.outcomes {
            rows.append("\(f.model),one_shot_rate,\(o.oneShot.estimate),\(o.oneShot.lower),\(o.oneShot.upper)")
            rows.append("\(f.model),off_the_rails_rate,\(o.offTheRails.estimate),\(o.offTheRails.lower),\(o.offTheRails.upper)")
        }
        for i in f.intervals where !["one_shot_rate", "off_the_rails_rate"].contains(i.name) {
            rows.append("\(f.model),\(i.name),\(i.estimate),\(i.lower),\(i.upper)")
        }
        return rows
    }
}
