import Foundation
import Pricing

/// How `tokencast report` groups use.
public enum UsagePeriod: String, Sendable, CaseIterable, Codable {
    case daily, weekly, monthly, session, blocks
}

/// Stored use grouped by day, ISO week, month, session or 5-hour block, per model, with the
/// API-equivalent cost and, where known, the share of a plan's windows used.
public struct UsageReport: Sendable {
    /// One model's use in a group, or a group's total (`model` is `all`).
    public struct ModelUsage: Sendable, Hashable {
        public var model: String
        public var requests: Int
        public var tokens: TokenCounts
        /// The priced part of the cost; nil when nothing in it has a price.
        public var costUSD: Double?
        /// Models in it without a price: their tokens are counted, their cost is not.
        public var unpriced: [String]
    }

    /// Whether a window share was read from the vendor or estimated from a plan's allowance.
    public enum ShareBasis: String, Sendable, Codable { case official, estimated }

    /// How much of one vendor's window the group used.
    public struct WindowShare: Sendable, Hashable {
        public var vendor: String
        public var window: LimitWindow
        /// Percent of the window, e.g. 42.5.
        public var percent: Double
        public var basis: ShareBasis
        /// Official readings in the group (0 for an estimate).
        public var snapshots: Int
        /// For an estimate: the plan whose allowance it divides by.
        public var plan: String?
    }

    public struct Group: Sendable {
        /// `2025-10-02`, `2025-W40`, `2025-10`, a session id, or a block's start.
        public var key: String
        /// The session's project, for sessions.
        public var detail: String?
        /// The group's span: a whole day, week or month; a session's first and last use; a
        /// block's five hours.
        public var start: Date
        public var end: Date
        /// The last use in the group.
        public var lastUse: Date
        /// Blocks only: whether the window is still open.
        public var active: Bool?
        public var models: [ModelUsage]
        public var total: ModelUsage
        public var shares: [WindowShare]
    }

    public var period: UsagePeriod
    public var timeZone: TimeZone
    public var groups: [Group]
    /// Every model without a price.
    public var unpricedModels: [String]
    /// e.g. `built-in 2025-10-01`.
    public var priceSource: String
    /// Requests without a time, left out of every group.
    public var untimedRequests: Int

    /// Every group summed; its cost is the priced part, `unpriced` lists every unpriced model.
    public var total: ModelUsage {
        var total = ModelUsage(model: "all", requests: 0, tokens: TokenCounts(), costUSD: nil, unpriced: unpricedModels)
        for g in groups {
            total.requests += g.total.requests
            total.tokens += g.total.tokens
            if let c = g.total.costUSD { total.costUSD = (total.costUSD ?? 0) + c }
        }
        return total
    }

    /// Groups `events` (oldest first).
    ///
    /// - Parameters:
    ///   - snapshots: official window readings; a group's official share is the highest
    ///     plan-wide reading taken inside it.
    ///   - plans: plans to estimate shares by where there is no reading: a block's cost over
    ///     the plan's 5-hour allowance, a week's over its weekly allowance, for the plan's vendor.
    ///   - now: decides which block is active.
    public static func build(
        events: [UsageEvent], period: UsagePeriod, timeZone: TimeZone, catalog: PriceCatalog,
        snapshots: [WindowSnapshot] = [], plans: [Plan] = [], now: Date = Date(), untimedRequests: Int = 0
    ) -> UsageReport {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        var prices: [String: ModelPrice?] = [:]
        func price(_ model: String) -> ModelPrice? {
            if let known = prices[model] { return known }
            let p = try? catalog.price(of: model)
            prices[model] = p
            return p
        }

        // Spans: each event's group.
        struct Span { var key: String, detail: String?, start: Date, end: Date, active: Bool?, indices: [Int] }
        var spans: [Span] = []
        switch period {
        case .blocks:
            for b in UsageBlocks.blocks(of: events.map(\.timestamp)) {
                spans.append(
                    Span(
                        key: stamp(b.start, calendar), detail: nil, start: b.start, end: b.end, active: b.isActive(at: now),
                        indices: Array(b.indices)))
            }
        case .session:
            var order: [String: Int] = [:]
            for (i, e) in events.enumerated() {
                let id = e.sourceKind.rawValue + ":" + e.session
                if let s = order[id] {
                    spans[s].indices.append(i)
                    spans[s].end = max(spans[s].end, e.timestamp)
                    if spans[s].detail == nil { spans[s].detail = e.project }
                } else {
                    order[id] = spans.count
                    spans.append(
                        Span(key: e.session, detail: e.project, start: e.timestamp, end: e.timestamp, active: nil, indices: [i]))
                }
            }
        case .daily, .weekly, .monthly:
            let component: Calendar.Component = period == .daily ? .day : period == .weekly ? .weekOfYear : .month
            var current: Int?
            for (i, e) in events.enumerated() {
                if let c = current, e.timestamp < spans[c].end {
                    spans[c].indices.append(i)
                    continue
                }
                guard let interval = calendar.dateInterval(of: component, for: e.timestamp) else { continue }
                spans.append(
                    Span(
                        key: label(interval.start, period, calendar), detail: nil, start: interval.start, end: interval.end,
                        active: nil, indices: [i]))
                current = spans.count - 1
            }
        }

        let plansByVendor = Dictionary(plans.map { ($0.vendor.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var allUnpriced = Set<String>()
        var groups: [Group] = []
        for span in spans {
            var byModel: [String: ModelUsage] = [:]
            var vendorCost: [String: Double] = [:], vendorTokens: [String: Double] = [:]
            for i in span.indices {
                let e = events[i]
                var m =
                    byModel[e.model] ?? ModelUsage(model: e.model, requests: 0, tokens: TokenCounts(), costUSD: nil, unpriced: [])
                m.requests += e.requests
                m.tokens += e.tokens
                byModel[e.model] = m
                let vendor = Self.vendor(of: e.model, price: price(e.model))
                vendorTokens[vendor, default: 0] += Double(e.tokens.totalInput + e.tokens.output)
                if let p = price(e.model) { vendorCost[vendor, default: 0] += cost(e.tokens, p) }
            }
            var models = byModel.values.sorted { $0.model < $1.model }
            for k in models.indices {
                if let p = price(models[k].model) {
                    models[k].costUSD = cost(models[k].tokens, p)
                } else {
                    models[k].unpriced = [models[k].model]
                    allUnpriced.insert(models[k].model)
                }
            }
            var total = ModelUsage(model: "all", requests: 0, tokens: TokenCounts(), costUSD: nil, unpriced: [])
            for m in models {
                total.requests += m.requests
                total.tokens += m.tokens
                if let c = m.costUSD { total.costUSD = (total.costUSD ?? 0) + c }
                total.unpriced += m.unpriced
            }
            let lastUse = span.indices.last.map { events[$0].timestamp } ?? span.start
            // A session's span ends at its last use; readings up to a minute later still count.
            let shareEnd = period == .session ? span.end.addingTimeInterval(60) : span.end
            var shares: [WindowShare] = []
            for vendor in ["Anthropic", "OpenAI"] {
                for window in LimitWindow.allCases {
                    let inside = snapshots.filter {
                        $0.vendor == vendor && $0.window == window && $0.isPlanWide && $0.timestamp >= span.start
                            && $0.timestamp < shareEnd
                    }
                    if let top = inside.map(\.usedPercent).max() {
                        shares.append(
                            WindowShare(
                                vendor: vendor, window: window, percent: top, basis: .official, snapshots: inside.count,
                                plan: nil))
                        continue
                    }
                    let estimable = (period == .blocks && window == .fiveHour) || (period == .weekly && window == .weekly)
                    guard estimable, let plan = plansByVendor[vendor.lowercased()],
                        let allowance = window == .fiveHour ? plan.allowance5h : plan.allowanceWeekly, allowance.amount > 0
                    else { continue }
                    let used = allowance.isTokens ? vendorTokens[vendor] : vendorCost[vendor]
                    guard let used, used > 0 else { continue }
                    shares.append(
                        WindowShare(
                            vendor: vendor, window: window, percent: 100 * used / allowance.amount, basis: .estimated,
                            snapshots: 0, plan: plan.name))
                }
            }
            groups.append(
                Group(
                    key: span.key, detail: span.detail, start: span.start, end: span.end, lastUse: lastUse,
                    active: span.active, models: models, total: total, shares: shares))
        }
        return UsageReport(
            period: period, timeZone: timeZone, groups: groups, unpricedModels: allUnpriced.sorted(),
            priceSource: "\(catalog.source) \(catalog.date)", untimedRequests: untimedRequests)
    }

    /// API-equivalent dollars at base prices (context tiers not applied), as `threads` prices.
    public static func cost(_ t: TokenCounts, _ p: ModelPrice) -> Double {
        Double(t.input) * p.input + Double(t.cacheRead) * p.cacheRead + Double(t.cacheWrite5m) * p.cacheWrite5m
            + Double(t.cacheWrite1h) * p.cacheWrite1h + Double(t.output) * p.output
    }

    /// The vendor whose plan a model's use counts against: the catalog's provider, else the
    /// name's family (`claude-*` is Anthropic's; `gpt-*`, `o3`..., `codex-*` OpenAI's).
    public static func vendor(of model: String, price: ModelPrice?) -> String {
        let provider = price?.provider.lowercased() ?? ""
        if provider.contains("anthropic") { return "Anthropic" }
        if provider.contains("openai") { return "OpenAI" }
        let m = model.lowercased()
        if m.hasPrefix("claude") { return "Anthropic" }
        if m.hasPrefix("gpt") || m.hasPrefix("codex") || m.range(of: #"^o[0-9]"#, options: .regularExpression) != nil {
            return "OpenAI"
        }
        return price?.provider ?? "other"
    }

    static func label(_ start: Date, _ period: UsagePeriod, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .yearForWeekOfYear, .weekOfYear], from: start)
        switch period {
        case .weekly: return String(format: "%04d-W%02d", c.yearForWeekOfYear ?? 0, c.weekOfYear ?? 0)
        case .monthly: return String(format: "%04d-%02d", c.year ?? 0, c.month ?? 0)
        default: return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
    }

    /// `2025-10-02 09:14` in the calendar's time zone.
    public static func stamp(_ date: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}
