import Foundation

/// The `report` document as JSON: `period`, `time_zone`, `prices`, `unpriced_models`,
/// `groups` (each with `models`, `total`, `window_shares`) and `total`. A cost is the priced
/// part (null when nothing is priced) beside the list of unpriced models, never 0 for them.
public enum UsageReportJSON {
    public static func render(_ d: UsageReportDocument) throws -> String {
        try JSONText.encode(
            Output(
                period: d.period, timeZone: d.timeZone, prices: d.priceSource, unpricedModels: d.unpricedModels,
                untimedRequests: d.untimedRequests, groups: d.groups.map(GroupItem.init), total: RowItem(d.total)))
    }

    struct Output: Encodable {
        var period, timeZone, prices: String
        var unpricedModels: [String]
        var untimedRequests: Int
        var groups: [GroupItem]
        var total: RowItem
        enum CodingKeys: String, CodingKey {
            case period, prices, groups, total
            case timeZone = "time_zone", unpricedModels = "unpriced_models", untimedRequests = "untimed_requests"
        }
    }

    struct GroupItem: Encodable {
        var key: String, detail: String?, start: String, end: String, lastUse: String, active: Bool?
        var models: [RowItem], total: RowItem, windowShares: [ShareItem]
        init(_ g: UsageReportDocument.Group) {
            key = g.key; detail = g.detail; start = g.start; end = g.end; lastUse = g.lastUse; active = g.active
            models = g.models.map(RowItem.init); total = RowItem(g.total); windowShares = g.shares.map(ShareItem.init)
        }
        enum CodingKeys: String, CodingKey {
            case key, detail, start, end, active, models, total
            case lastUse = "last_use", windowShares = "window_shares"
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key); try c.encode(detail, forKey: .detail)
            try c.encode(start, forKey: .start); try c.encode(end, forKey: .end); try c.encode(lastUse, forKey: .lastUse)
            try c.encode(active, forKey: .active); try c.encode(models, forKey: .models)
            try c.encode(total, forKey: .total); try c.encode(windowShares, forKey: .windowShares)
        }
    }

    struct RowItem: Encodable {
        var model: String, requests: Int
        var input, output, cacheRead, cacheWrite5m, cacheWrite1h, reasoning: Int64
        var costUSD: Double?, unpriced: [String]
        init(_ r: UsageReportDocument.Row) {
            model = r.model; requests = r.requests; input = r.input; output = r.output; cacheRead = r.cacheRead
            cacheWrite5m = r.cacheWrite5m; cacheWrite1h = r.cacheWrite1h; reasoning = r.reasoning
            costUSD = r.costUSD; unpriced = r.unpriced
        }
        enum CodingKeys: String, CodingKey {
            case model, requests, input, output, reasoning, unpriced
            case cacheRead = "cache_read", cacheWrite5m = "cache_write_5m", cacheWrite1h = "cache_write_1h"
            case costUSD = "cost_usd"
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(model, forKey: .model); try c.encode(requests, forKey: .requests)
            try c.encode(input, forKey: .input); try c.encode(output, forKey: .output)
            try c.encode(cacheRead, forKey: .cacheRead); try c.encode(cacheWrite5m, forKey: .cacheWrite5m)
            try c.encode(cacheWrite1h, forKey: .cacheWrite1h); try c.encode(reasoning, forKey: .reasoning)
            try c.encode(costUSD, forKey: .costUSD); try c.encode(unpriced, forKey: .unpriced)
        }
    }

    struct ShareItem: Encodable {
        var vendor, window: String, percent: Double, basis: String, snapshots: Int, plan: String?
        init(_ s: UsageReportDocument.Share) {
            vendor = s.vendor; window = s.window; percent = s.percent; basis = s.basis; snapshots = s.snapshots; plan = s.plan
        }
    }
}
