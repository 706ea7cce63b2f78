/// What `tokencast fit org` shows: the profiles found in an organisation's usage, with
/// intervals, and what lies beside them (adoption, attrition, weekly rhythm, model mix).
public struct OrgFitDocument: Codable, Sendable {
    public var tool = "tokencast"
    public var kind = "org-fit"
    public var source: String
    public var firstDay: String
    public var lastDay: String
    public var developers: Int
    public var developersFitted: Int
    public var replicates: Int
    /// BIC by number of profiles; the smallest chose.
    public var bic: [String: Double]
    public var profiles: [Profile]
    public var adoption: [Count]
    public var leavers: [Count]
    public var monthlyAttrition: Double
    /// Monday first.
    public var weekdayShare: [Double]
    public var teams: [Team]
    /// The scenario written with `--write`, if any.
    public var scenario: String?
    public var notes: [String]

    public struct Estimate: Codable, Sendable {
        public var value: Double
        public var low: Double
        public var high: Double
        public init(value: Double, low: Double, high: Double) {
            self.value = value
            self.low = low
            self.high = high
        }
    }

    public struct Profile: Codable, Sendable {
        public var name: String
        public var developers: Int
        public var headCount: Int
        public var share: Estimate
        public var activeDayProbability: Estimate
        public var spendPerActiveDay: Estimate
        public var requestsPerActiveDay: Estimate
        public var spendPerWorkingDay: Estimate
        public var developerCV: Double
        public init(
            name: String, developers: Int, headCount: Int, share: Estimate, activeDayProbability: Estimate,
            spendPerActiveDay: Estimate, requestsPerActiveDay: Estimate, spendPerWorkingDay: Estimate, developerCV: Double
        ) {
            self.name = name
            self.developers = developers
            self.headCount = headCount
            self.share = share
            self.activeDayProbability = activeDayProbability
            self.spendPerActiveDay = spendPerActiveDay
            self.requestsPerActiveDay = requestsPerActiveDay
            self.spendPerWorkingDay = spendPerWorkingDay
            self.developerCV = developerCV
        }
        enum CodingKeys: String, CodingKey {
            case name, developers, headCount = "head_count", share, activeDayProbability = "active_day_probability"
            case spendPerActiveDay = "spend_per_active_day", requestsPerActiveDay = "requests_per_active_day"
            case spendPerWorkingDay = "spend_per_working_day", developerCV = "developer_cv"
        }
    }

    public struct Count: Codable, Sendable {
        public var month: String
        public var developers: Int
        public init(month: String, developers: Int) {
            self.month = month
            self.developers = developers
        }
    }

    public struct Team: Codable, Sendable {
        public var name: String
        public var headCount: Int
        public var modelMix: [String: Double]
        public init(name: String, headCount: Int, modelMix: [String: Double]) {
            self.name = name
            self.headCount = headCount
            self.modelMix = modelMix
        }
        enum CodingKeys: String, CodingKey { case name, headCount = "head_count", modelMix = "model_mix" }
    }

    public init(
        source: String, firstDay: String, lastDay: String, developers: Int, developersFitted: Int, replicates: Int,
        bic: [String: Double], profiles: [Profile], adoption: [Count], leavers: [Count], monthlyAttrition: Double,
        weekdayShare: [Double], teams: [Team], scenario: String?, notes: [String]
    ) {
        self.source = source
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.developers = developers
        self.developersFitted = developersFitted
        self.replicates = replicates
        self.bic = bic
        self.profiles = profiles
        self.adoption = adoption
        self.leavers = leavers
        self.monthlyAttrition = monthlyAttrition
        self.weekdayShare = weekdayShare
        self.teams = teams
        self.scenario = scenario
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case tool, kind, source, firstDay = "first_day", lastDay = "last_day", developers
        case developersFitted = "developers_fitted", replicates, bic, profiles, adoption, leavers
        case monthlyAttrition = "monthly_attrition", weekdayShare = "weekday_share", teams, scenario, notes
    }
}
