/// What `tokencast backtest org` shows: each test month's actual spend against the forecast's
/// band, per team and in total.
public struct OrgBacktestDocument: Codable, Sendable {
    public var tool = "tokencast"
    public var kind = "org-backtest"
    public var source: String
    public var trainMonths: [String]
    public var testMonths: [String]
    public var profiles: Int
    public var series: [Series]
    public var notes: [String]

    public struct Month: Codable, Sendable {
        public var month: String
        public var p10: Double
        public var p50: Double
        public var p90: Double
        public var actual: Double
        public var inside: Bool
        public init(month: String, p10: Double, p50: Double, p90: Double, actual: Double, inside: Bool) {
            self.month = month
            self.p10 = p10
            self.p50 = p50
            self.p90 = p90
            self.actual = actual
            self.inside = inside
        }
    }

    public struct Series: Codable, Sendable {
        public var team: String
        public var coverage: Double
        public var meanAbsoluteP50Error: Double
        public var months: [Month]
        public init(team: String, coverage: Double, meanAbsoluteP50Error: Double, months: [Month]) {
            self.team = team
            self.coverage = coverage
            self.meanAbsoluteP50Error = meanAbsoluteP50Error
            self.months = months
        }
        enum CodingKeys: String, CodingKey {
            case team, coverage, meanAbsoluteP50Error = "mean_absolute_p50_error", months
        }
    }

    public init(source: String, trainMonths: [String], testMonths: [String], profiles: Int, series: [Series], notes: [String]) {
        self.source = source
        self.trainMonths = trainMonths
        self.testMonths = testMonths
        self.profiles = profiles
        self.series = series
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case tool, kind, source, trainMonths = "train_months", testMonths = "test_months", profiles, series, notes
    }
}
