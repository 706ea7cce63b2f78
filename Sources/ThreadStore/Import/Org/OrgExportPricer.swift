import Pricing

/// Prices the buckets of sources that carry tokens but no spend, with the price catalog, and
/// keeps the models it has no price for: their spend stays 0 in the panel and the summary
/// lists them, so that an unpriced model is never a silent $0.
///
/// Base prices per class (cache writes by lifetime); context-size tiers and batch or priority
/// discounts are not applied (the cost reports have the billed amounts).
struct OrgExportPricer {
    struct Unpriced: Equatable {
        var model: String
        var tokens: Int64
        var buckets: Int
    }

    let catalog: PriceCatalog
    private var resolved: [String: ModelPrice?] = [:]
    private(set) var unpriced: [String: Unpriced] = [:]
    private(set) var priced = 0

    init(catalog: PriceCatalog) { self.catalog = catalog }

    mutating func price(_ bucket: inout OrgExportBucket) {
        guard bucket.spendUSD == nil else { return }
        let price: ModelPrice?
        if let known = resolved[bucket.model] {
            price = known
        } else {
            price = bucket.model.isEmpty ? nil : try? catalog.price(of: bucket.model)
            resolved[bucket.model] = price
        }
        guard let price else {
            bucket.spendUSD = 0
            var u = unpriced[bucket.model] ?? Unpriced(model: bucket.model, tokens: 0, buckets: 0)
            u.tokens += bucket.tokens
            u.buckets += 1
            unpriced[bucket.model] = u
            return
        }
        let write5m = bucket.cacheWriteTokens - bucket.cacheWrite1hTokens
        bucket.spendUSD =
            Double(bucket.inputTokens) * price.input + Double(bucket.outputTokens) * price.output
            + Double(bucket.cacheReadTokens) * price.cacheRead + Double(write5m) * price.cacheWrite5m
            + Double(bucket.cacheWrite1hTokens) * price.cacheWrite1h
        priced += 1
    }
}
