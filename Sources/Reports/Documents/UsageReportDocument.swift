import Foundation

/// What `tokencast report` shows: use grouped by day, week, month, session or 5-hour block,
/// per model, with tokens by class, the API-equivalent cost and the share of plan windows.
public struct UsageReportDocument: Sendable {
    /// One model's use in a group, or the group's total (`model` is `all`).
    public struct Row: Sendable {
        public var model: String
        public var requests: Int
        public var input, cacheRead, cacheWrite5m, cacheWrite1h, output, reasoning: Int64
        /// The priced part; nil when nothing in the row has a price.
        public var costUSD: Double?
        /// Models in the row without a price: their tokens count, their cost is not known.
        public var unpriced: [String]

        public init(
            model: String, requests: Int, input: Int64, cacheRead: Int64, cacheWrite5m: Int64, cacheWrite1h: Int64,
            output: Int64, reasoning: Int64, costUSD: Double?, unpriced: [String]
        ) {
            self.model = model
            self.requests = requests
            self.input = input
            self.cacheRead = cacheRead
            self.cacheWrite5m = cacheWrite5m
            self.cacheWrite1h = cacheWrite1h
            self.output = output
            self.reasoning = reasoning
            self.costUSD = costUSD
            self.unpriced = unpriced
        }

        /// `$1.23`, `$1.23 + unpriced`, or `unpriced`: never `$0` for tokens without a price.
        var costText: String {
            switch (costUSD, unpriced.isEmpty) {
            case let (c?, true): return Money.full(c)
            case let (c?, false): return Money.full(c) + " + unpriced"
            case (nil, _): return "unpriced"
            }
        }
    }

    /// The share of one vendor's window used in a group.
    public struct Share: Sendable {
        public var vendor: String
        /// `5h` or `weekly`.
        public var window: String
        public var percent: Double
        /// `official` (the vendor's own reading) or `estimated` (cost over a plan's allowance).
        public var basis: String
        public var snapshots: Int
        public var plan: String?

        public init(vendor: String, window: String, percent: Double, basis: String, snapshots: Int, plan: String?) {
            self.vendor = vendor
            self.window = window
            self.percent = percent
            self.basis = basis
            self.snapshots = snapshots
            self.plan = plan
        }

        /// `Anthropic 5h 42% official`.
        var text: String { "\(vendor) \(window) \(Self.percentText(percent))% \(basis)" }

        /// Small shares keep two significant digits: a block at 0.4 % is not a block at 0 %.
        static func percentText(_ p: Double) -> String {
            p >= 10 ? String(format: "%.0f", p) : p >= 1 ? String(format: "%.1f", p) : String(format: "%.2g", p)
        }
    }

    public struct Group: Sendable {
        public var key: String
        public var detail: String?
        /// In the report's time zone, `YYYY-MM-DD HH:MM`.
        public var start: String
        public var end: String
        public var lastUse: String
        public var active: Bool?
        public var models: [Row]
        public var total: Row
        public var shares: [Share]

        public init(
            key: String, detail: String?, start: String, end: String, lastUse: String, active: Bool?, models: [Row],
            total: Row, shares: [Share]
        ) {
            self.key = key
            self.detail = detail
            self.start = start
            self.end = end
            self.lastUse = lastUse
            self.active = active
            self.models = models
            self.total = total
            self.shares = shares
        }
    }

    /// `daily`, `weekly`, `monthly`, `session` or `blocks`.
    public var period: String
    /// e.g. `Europe/Paris`.
    public var timeZone: String
    public var groups: [Group]
    public var total: Row
    public var unpricedModels: [String]
    public var priceSource: String
    public var untimedRequests: Int

    public init(
        period: String, timeZone: String, groups: [Group], total: Row, unpricedModels: [String], priceSource: String,
        untimedRequests: Int
    ) {
        self.period = period
        self.timeZone = timeZone
        self.groups = groups
        self.total = total
        self.unpricedModels = unpricedModels
        self.priceSource = priceSource
        self.untimedRequests = untimedRequests
    }

    /// The first column's name.
    var keyColumn: String {
        switch period {
        case "daily": "day"
        case "weekly": "week"
        case "monthly": "month"
        case "session": "session"
        default: "block"
        }
    }

    static let tokenColumns = ["requests", "input", "output", "cache_read", "cache_write_5m", "cache_write_1h"]

    /// Notes under every rendering: where prices come from, what is unpriced, what is estimated.
    var notes: [String] {
        var out = ["prices: \(priceSource); cost is API-equivalent at base prices (context tiers not applied)"]
        out.append("times in \(timeZone)")
        if !unpricedModels.isEmpty {
            out.append("unpriced (tokens counted, cost unknown): \(unpricedModels.joined(separator: ", "))")
        }
        if groups.contains(where: { $0.shares.contains { $0.basis == "official" } }) {
            out.append("official shares: the highest reading the vendor gave inside the period")
        }
        if groups.contains(where: { $0.shares.contains { $0.basis == "estimated" } }) {
            out.append("estimated shares: API-equivalent cost over the plan's allowance, which is itself an estimate")
        }
        if untimedRequests > 0 { out.append("\(untimedRequests) requests without a time are not in any period") }
        return out
    }
}
