import Simulation

/// `tokencast diff A B`: what differs between two scenarios, then the distribution of the change
/// in spend (B minus A) with common random numbers.
public struct TeamDiffDocument: Codable, Sendable {
    public var tool = "tokencast"
    public var version: String
    public var kind = "team-diff"
    public var a: String
    public var b: String
    public var trials: Int
    public var seed: UInt64
    /// `~ path: a → b`, `+ path: b`, `- path: a`.
    public var inputs: [String]
    public var annual: Change
    public var totalCost: Change
    public var monthly: [Change]
    public var profiles: [Change]
    public var models: [Change]

    public struct Change: Codable, Sendable {
        public var name: String
        public var mean: Double
        public var p10: Double
        public var p50: Double
        public var p90: Double
        public var probabilityBCheaper: Double
        /// The same in every trial: nothing that feeds this row differs (each model's threads
        /// have their own random stream, so an unchanged model is exactly unchanged).
        public var unchanged: Bool
        enum CodingKeys: String, CodingKey {
            case name, mean, p10, p50, p90, probabilityBCheaper = "probability_b_cheaper", unchanged
        }

        init(_ name: String, _ values: [Double]) {
            let s = SpendSummary(values)
            self.name = name
            mean = s.mean
            p10 = s.p10
            p50 = s.p50
            p90 = s.p90
            probabilityBCheaper = TeamForecastDiff.probabilityCheaper(values)
            unchanged = values.allSatisfy { $0 == 0 }
        }

        /// The P(B cheaper) cell: "unchanged" rather than a 0 % that reads as "B always dearer".
        func probabilityCell(digits: Int = 1) -> String {
            unchanged ? "unchanged" : Money.percent(probabilityBCheaper, digits: digits)
        }
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, kind, a, b, trials, seed, inputs, annual, totalCost = "total_cost", monthly, profiles, models
    }

    public init(a: String, b: String, inputs: [String], diff: TeamForecastDiff, trials: Int, seed: UInt64, version: String) {
        self.version = version
        self.a = a
        self.b = b
        self.trials = trials
        self.seed = seed
        self.inputs = inputs
        annual = Change("organisation", diff.annual)
        totalCost = Change("tokens + lost time", diff.totalCost)
        monthly = diff.monthly.map { Change($0.month, $0.change) }
        profiles = diff.profiles.map { Change($0.name, $0.change) }
        models = diff.models.map { Change($0.name, $0.change) }
    }
}

/// Terminal and CSV renderings of a diff.
public enum TeamDiffText {
    public static func render(_ d: TeamDiffDocument) -> String {
        var out = [
            "tokencast \(d.version) · diff \(d.a) → \(d.b)",
            "\(Money.grouped(Double(d.trials))) trials, seed \(d.seed), common random numbers", "",
        ]
        out.append("Inputs that differ")
        out += d.inputs.isEmpty ? ["  (none)"] : d.inputs.map { "  " + $0 }
        func table(_ title: String, _ rows: [TeamDiffDocument.Change]) {
            out.append("")
            out.append(title)
            var t = TextTable(header: ["", "mean", "P10", "P50", "P90", "P(B cheaper)"], leftAligned: [0])
            for r in rows { t.add([r.name, signed(r.mean), signed(r.p10), signed(r.p50), signed(r.p90), r.probabilityCell()]) }
            out.append(t.render())
        }
        table("Change in spend over the horizon, B minus A (USD)", [d.annual, d.totalCost])
        table("By profile", d.profiles)
        table("By model", d.models)
        table("By month", d.monthly)
        return out.joined(separator: "\n") + "\n"
    }

    public static func csv(_ d: TeamDiffDocument) -> String {
        var rows = ["scope,name,statistic,value"]
        for line in d.inputs { rows.append("input,\(ForecastCSV.escape(line)),,") }
        func add(_ scope: String, _ c: TeamDiffDocument.Change) {
            for (k, v) in [
                ("mean", c.mean), ("p10", c.p10), ("p50", c.p50), ("p90", c.p90),
                ("probability_b_cheaper", c.probabilityBCheaper), ("unchanged", c.unchanged ? 1 : 0),
            ] {
                rows.append("\(scope),\(ForecastCSV.escape(c.name)),\(k),\(ForecastCSV.format(v))")
            }
        }
        add("organisation", d.annual)
        add("total_cost", d.totalCost)
        for c in d.profiles { add("profile", c) }
        for c in d.models { add("model", c) }
        for c in d.monthly { add("month", c) }
        return rows.joined(separator: "\n") + "\n"
    }

    static func signed(_ usd: Double) -> String { (usd > 0 ? "+" : "") + Money.full(usd) }
}
