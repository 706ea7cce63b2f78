extension ModelPrice {
    /// The model's prices laid out as one column of the prices matrix, indexed by
    /// ``TokenClass/rawValue`` (USD per token).
    ///
    /// Without a tier, the above-tier classes carry the base prices so that a token counted on
    /// either side costs the same.
    public func priceVector(cacheLifetime: CacheLifetime = .fiveMinutes) -> [Double] {
        let write = cacheLifetime == .fiveMinutes ? cacheWrite5m : cacheWrite1h
        var v = [Double](repeating: 0, count: TokenClass.count)
        v[TokenClass.input.rawValue] = input
        v[TokenClass.cacheRead.rawValue] = cacheRead
        v[TokenClass.cacheWrite.rawValue] = write
        v[TokenClass.output.rawValue] = output
        let tier = tiers.min { $0.threshold < $1.threshold }
        // A tier's write price is quoted for the 5-minute lifetime; scale it like the base one.
        let writeScale = cacheWrite5m > 0 ? write / cacheWrite5m : 1
        v[TokenClass.inputAboveTier.rawValue] = tier?.input ?? input
        v[TokenClass.cacheReadAboveTier.rawValue] = tier?.cacheRead ?? cacheRead
        v[TokenClass.cacheWriteAboveTier.rawValue] = tier.map { $0.cacheWrite * writeScale } ?? write
        v[TokenClass.outputAboveTier.rawValue] = tier?.output ?? output
        return v
    }

    /// Context size above which the tier prices apply (the lowest tier), or nil.
    public var tierThreshold: Double? { tiers.map(\.threshold).min() }
}
