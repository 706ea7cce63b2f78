import Foundation
import GRDB
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
    ///   - stride: how far after a past window's start the next one may start; nil for a
    ///     window's length (windows as Anthropic opens them, not overlapping). The weekly
    ///     outlook uses a day: a week from the first use of each past day, so that two months of
    ///     history give dozens of (overlapping) weeks, not eight.
    ///   - hiddenPerHour: use the logs do not see, at a steady rate (a calibration's hidden use,
    ///     in the history's unit per hour): added to each past window's first part and rest by
    ///     their lengths. Not added to the bins, because a window opens at the first *logged*
    ///     use: a rate in every bin would open windows through nights and weekends.
    public static func estimate(
        usedPercent: Double, elapsed: TimeInterval, length: TimeInterval, binCost: [Double], binSeconds: TimeInterval,
        stride: TimeInterval? = nil, hiddenPerHour: Double = 0
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
            let hidden = max(hiddenPerHour, 0) * binSeconds / 3600
            let before = prefix[i + headBins] - prefix[i] + hidden * Double(headBins)
            let after = prefix[end] - prefix[i + headBins] + hidden * Double(windowBins - headBins)
            if before > 0 { ratios.append(after / before) }
            i += stride.map { max(Int(($0 / binSeconds).rounded()), 1) } ?? windowBins
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

/// The API-equivalent cost of stored requests in 5-minute bins: read once per statusline run
/// and shared by the 5-hour and the weekly outlook.
public struct UseHistory: Sendable {
    public static let binSeconds = 300
    public var origin: Date
    /// Cost per bin from `origin`.
    public var cost: [Double]
    /// Steady use the logs do not see, in `cost`'s unit per hour (``WindowOutlook/estimate(usedPercent:elapsed:length:binCost:binSeconds:stride:hiddenPerHour:)``).
    public var hiddenPerHour: Double = 0

    public init(origin: Date, cost: [Double], hiddenPerHour: Double = 0) {
        self.origin = origin
        self.cost = cost
        self.hiddenPerHour = hiddenPerHour
    }

    /// The cost per bin of `binSeconds` (a multiple of 5 minutes) from `since` to `until`.
    public func bins(from since: Date, to until: Date, binSeconds: Int) -> [Double] {
        let factor = max(binSeconds / Self.binSeconds, 1)
        let first = Int((since.timeIntervalSince(origin) / Double(Self.binSeconds)).rounded(.down))
        let count = max(Int((until.timeIntervalSince(since) / Double(binSeconds)).rounded(.down)), 0)
        var out = [Double](repeating: 0, count: count)
        for k in 0..<(count * factor) {
            let j = first + k
            if cost.indices.contains(j) { out[k / factor] += cost[j] }
        }
        return out
    }

    /// The outlook of a window of `length` resetting at `resetsAt`, from the `lookback` before
    /// it opened (5-minute bins for windows of hours, hourly for longer ones).
    public func outlook(
        usedPercent: Double, resetsAt: Date, length: TimeInterval, now: Date, lookback: TimeInterval = 60 * 86_400
    ) -> WindowOutlook {
        let opened = resetsAt.addingTimeInterval(-length)
        let binSeconds = length <= 6 * 3600 ? 300 : 3600
        return WindowOutlook.estimate(
            usedPercent: usedPercent, elapsed: now.timeIntervalSince(opened), length: length,
            binCost: bins(from: opened.addingTimeInterval(-lookback), to: opened, binSeconds: binSeconds),
            binSeconds: TimeInterval(binSeconds), stride: length > 86_400 ? 86_400 : nil, hiddenPerHour: hiddenPerHour)
    }
}

extension ThreadStore {
    /// The cost of stored requests of models named `modelPrefix*`, in the whole 5-minute bins
    /// from `since` (rounded down to a bin) to `until` (rounded down), priced by `catalog`
    /// (unpriced models weigh nothing). The bin `until` cuts is left out: the outlooks read
    /// only bins before a window opened.
    public func useHistory(modelPrefix: String, since: Date, until: Date, catalog: PriceCatalog) throws -> UseHistory {
        try useHistory(modelPrefix: modelPrefix, since: since, until: until) { model in
            guard let p = try? catalog.price(of: model) else { return nil }
            return { UsageReport.cost($0, p) }
        }
    }

    /// `useHistory` with each model's use weighed by `weigh(model)` (nil: the model weighs
    /// nothing), e.g. a plan calibration's percentage points (``PlanCalibration/percentOfWindow(model:price:)``).
    ///
    /// One range scan of `request_bins`, where SQLite names each row's model by its position in
    /// the range's weighed models (found by ``binModels(since:until:)``) and Swift weighs the
    /// counts. Measured under callgrind on a statusline run over 60 days of bins (5,259 rows):
    /// this scan is 17 M instructions of a 49 M run; reading each row's model into Swift (as
    /// bytes) cost 11 M more, pricing in SQL 4.6 M more than reading the counts, and GROUP BY
    /// and LIKE more again.
    public func useHistory(
        modelPrefix: String, since: Date, until: Date, weigh: (String) -> ((TokenCounts) -> Double)?
    ) throws -> UseHistory {
        let width = Double(UseHistory.binSeconds)
        let lo = Int((since.timeIntervalSince1970 / width).rounded(.down) * width)
        let hi = Int((until.timeIntervalSince1970 / width).rounded(.down) * width)
        var bins = [Double](repeating: 0, count: max((hi - lo) / UseHistory.binSeconds, 0))
        let origin = Date(timeIntervalSince1970: Double(lo))
        guard !bins.isEmpty else { return UseHistory(origin: origin, cost: bins) }
        // As SQL's LIKE 'prefix%' matched before: ASCII letters in any case.
        let prefix = modelPrefix.lowercased()
        var weights: [(TokenCounts) -> Double] = []
        var cases = ""
        var arguments: StatementArguments = []
        for model in try binModels(since: origin, until: Date(timeIntervalSince1970: Double(hi)))
        where model.lowercased().hasPrefix(prefix) {
            guard let w = weigh(model) else { continue }
            cases += " WHEN ? THEN \(weights.count)"
            arguments += [model]
            weights.append(w)
        }
        guard !weights.isEmpty else { return UseHistory(origin: origin, cost: bins) }
        arguments += [lo, hi]
        try writer.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT start, CASE model\(cases) END, input_tokens, cache_read_tokens, cache_write_5m_tokens,
                           cache_write_1h_tokens, output_tokens
                    FROM request_bins WHERE start >= ? AND start < ?
                    """,
                arguments: arguments)
            while let r = try rows.next() {
                guard let k: Int = r[1] else { continue }
                let start: Int = r[0]
                let bin = (start - lo) / UseHistory.binSeconds
                guard bins.indices.contains(bin) else { continue }
                let tokens = TokenCounts(input: r[2], cacheRead: r[3], cacheWrite5m: r[4], cacheWrite1h: r[5], output: r[6])
                bins[bin] += weights[k](tokens)
            }
        }
        return UseHistory(origin: origin, cost: bins)
    }
}

extension ThreadStore {
    /// The models with bins in `since..<until`, in name order: a skip over the
    /// `request_bins_by_model` index, one seek per model, whatever the range holds.
    public func binModels(since: Date, until: Date) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    WITH RECURSIVE m(model) AS (
                        SELECT min(model) FROM request_bins
                        UNION ALL
                        SELECT (SELECT min(model) FROM request_bins WHERE model > m.model) FROM m WHERE m.model IS NOT NULL)
                    SELECT model FROM m
                    WHERE model IS NOT NULL AND EXISTS (
                        SELECT 1 FROM request_bins b WHERE b.model = m.model AND b.start >= ? AND b.start < ?)
                    ORDER BY model
                    """,
                arguments: [since.timeIntervalSince1970.rounded(.up), until.timeIntervalSince1970.rounded(.up)])
        }
    }
}
