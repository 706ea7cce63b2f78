import Foundation
import Pricing

/// The chance that a plan's window fills before it resets, from the pace so far and the
/// user's own past windows.
///
/// The current window opened at `resetsAt - length` and is `usedPercent` full after `elapsed`.
/// Every past window in the history (opened, as Anthropic opens them, at the first use after
/// the previous one closed) that had use in its own first `elapsed` is one comparable case:
/// its use in the rest of the window over its use in that first part, `rho`, says how much the
/// rest of a window adds to what came before it. The current window ends at
/// `usedPercent * (1 + rho)` in that case; P(hit) is the share of cases at 100 % or more, and
/// the typical end is their median. Use is weighed by API-equivalent cost, so the estimate
/// assumes the plan counts tokens in proportion to their price; no allowance is needed,
/// because the official percentage so far fixes the scale.
///
/// With fewer than ``minimumCases`` comparable windows there is no probability, only the
/// straight-line pace (`usedPercent` over the share of the window elapsed), and it says so.
public struct WindowOutlook: Sendable, Hashable {
    public static let minimumCases = 8

    /// nil when there were too few past windows to say.
    public var probability: Double?
    /// The median projected end use, percent.
    public var projectedPercent: Double?
    /// Past windows compared.
    public var cases: Int
    /// `past windows`, `pace` (straight line) or `full`.
    public var method: String

    /// - Parameters:
    ///   - binCost: the history's cost per bin, oldest first, ending where the current window
    ///     opened.
    ///   - binSeconds: the bins' length.
    public static func estimate(
        usedPercent: Double, elapsed: TimeInterval, length: TimeInterval, binCost: [Double], binSeconds: TimeInterval
    ) -> WindowOutlook {
        if usedPercent >= 100 { return WindowOutlook(probability: 1, projectedPercent: usedPercent, cases: 0, method: "full") }
        let a = min(max(elapsed, 0), length)
        let windowBins = max(Int((length / binSeconds).rounded()), 1)
        let headBins = min(max(Int((a / binSeconds).rounded(.down)), 1), windowBins)
        var prefix = [Double](repeating: 0, count: binCost.count + 1)
        for (i, c) in binCost.enumerated() { prefix[i + 1] = prefix[i] + c }
        var ratios: [Double] = []
        var i = 0
        while i < binCost.count {
            guard binCost[i] > 0 else { i += 1; continue }
            let end = i + windowBins
            guard end <= binCost.count else { break }
            let before = prefix[i + headBins] - prefix[i], after = prefix[end] - prefix[i + headBins]
            if before > 0 { ratios.append(after / before) }
            i = end
        }
        let pace = a >= length * 0.05 ? usedPercent * length / a : nil
        guard ratios.count >= minimumCases, usedPercent > 0 else {
            return WindowOutlook(probability: nil, projectedPercent: pace, cases: ratios.count, method: "pace")
        }
        let ends = ratios.map { usedPercent * (1 + $0) }.sorted()
        let hits = ends.filter { $0 >= 100 }.count
        return WindowOutlook(
            probability: Double(hits) / Double(ends.count), projectedPercent: ends[ends.count / 2], cases: ends.count,
            method: "past windows")
    }
}

extension ThreadStore {
    /// ``WindowOutlook`` for a window of `length` resetting at `resetsAt`, from the stored
    /// requests of models named `modelPrefix*` in the `lookback` before the window opened,
    /// priced by `catalog` (unpriced models weigh nothing).
    public func windowOutlook(
        usedPercent: Double, resetsAt: Date, length: TimeInterval, now: Date, modelPrefix: String,
        catalog: PriceCatalog, lookback: TimeInterval = 60 * 86_400
    ) throws -> WindowOutlook {
        let opened = resetsAt.addingTimeInterval(-length)
        let binSeconds = length <= 6 * 3600 ? 300 : 3600
        let since = opened.addingTimeInterval(-lookback)
        var bins = [Double](repeating: 0, count: Int(lookback) / binSeconds)
        var prices: [String: ModelPrice?] = [:]
        for row in try binnedUse(modelPrefix: modelPrefix, since: since, until: opened, binSeconds: binSeconds) {
            guard bins.indices.contains(row.bin) else { continue }
            if prices[row.model] == nil { prices[row.model] = .some(try? catalog.price(of: row.model)) }
            if let p = prices[row.model] ?? nil { bins[row.bin] += UsageReport.cost(row.tokens, p) }
        }
        return WindowOutlook.estimate(
            usedPercent: usedPercent, elapsed: now.timeIntervalSince(opened), length: length, binCost: bins,
            binSeconds: TimeInterval(binSeconds))
    }
}
