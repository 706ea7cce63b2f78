import Foundation
import Reports
import ThreadStore

extension UsageReportDocument {
    /// The `report` document of a store's grouped use.
    init(_ r: UsageReport) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = r.timeZone
        func row(_ m: UsageReport.ModelUsage) -> Row {
            let t = m.tokens
            return Row(
                model: m.model, requests: m.requests, input: t.input, cacheRead: t.cacheRead, cacheWrite5m: t.cacheWrite5m,
                cacheWrite1h: t.cacheWrite1h, output: t.output, reasoning: t.reasoning, costUSD: m.costUSD,
                unpriced: m.unpriced)
        }
        func stamp(_ d: Date) -> String { UsageReport.stamp(d, calendar) }
        let groups = r.groups.map { g in
            Group(
                key: g.key, detail: g.detail, start: stamp(g.start), end: stamp(g.end), lastUse: stamp(g.lastUse),
                active: g.active, models: g.models.map(row), total: row(g.total),
                shares: g.shares.map {
                    Share(
                        vendor: $0.vendor, window: $0.window.rawValue, percent: $0.percent, basis: $0.basis.rawValue,
                        snapshots: $0.snapshots, plan: $0.plan)
                })
        }
        self.init(
            period: r.period.rawValue, timeZone: r.timeZone.identifier, groups: groups, total: row(r.total),
            unpricedModels: r.unpricedModels, priceSource: r.priceSource, untimedRequests: r.untimedRequests)
    }
}
