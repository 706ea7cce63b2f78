import Distributions
import Foundation
import LinearAlgebra
import Pricing
import ThreadStore

/// Calibrates a plan's allowance from its rate-limit snapshots (docs/fitting.md, "Calibration").
///
/// For each pair of consecutive snapshots of one window, the gauge's change is modelled as
///
///     Δ% = Σ_(model, class) w_(model, class) · tokens_(model, class) + h · hours + noise,
///
/// with every `w` and the hidden-use rate `h` non-negative, fitted by NNLS; intervals come from
/// a bootstrap over windows (over pairs when there are few windows).
public enum Calibration {
    /// Fewer pairs than this give no calibration for the window.
    public static let minimumPairs = 8

    public struct Options: Sendable {
        public var resamples = 200
        public var seed: UInt64 = 1
        /// `--plan`: stored as a label only.
        public var plan: String?
        /// API prices of a model, for the dollar allowance; nil: unpriced.
        public var price: @Sendable (String) -> ModelPrice? = { _ in nil }
        public var now = Date()
        public init() {}
    }

    /// One window type's result.
    public struct Outcome: Sendable {
        public var pairing: SnapshotPairing
        /// nil when not calibrated; `reason` says why.
        public var calibration: PlanCalibration?
        public var reason: String?
    }

    /// Calibrates every window length present in `snapshots`, shortest first.
    public static func fit(snapshots: [QuotaSnapshot], usage: [QuotaUsage], options: Options = Options()) -> [Outcome] {
        // One gauge per tool and window length: Codex's 5-hour window is not Claude's. Snapshots
        // of unknown source are paired with all use.
        let keys = Set(snapshots.map { Key(source: $0.source, minutes: $0.windowMinutes) }).sorted {
            ($0.minutes, $0.source) < ($1.minutes, $1.source)
        }
        let sortedUsage = usage.sorted { $0.timestamp < $1.timestamp }
        return keys.map { key in
            fit(
                window: key.minutes, snapshots: snapshots.filter { $0.source == key.source },
                sortedUsage: key.source == "unknown" ? sortedUsage : sortedUsage.filter { $0.source == key.source },
                options: options)
        }
    }

    struct Key: Hashable {
        var source: String
        var minutes: Int
    }

    static func fit(window minutes: Int, snapshots: [QuotaSnapshot], sortedUsage: [QuotaUsage], options: Options)
        -> Outcome
    {
        let pairing = SnapshotPairing.pair(snapshots, windowMinutes: minutes)
        guard pairing.pairs.count >= minimumPairs else {
            return Outcome(
                pairing: pairing, calibration: nil,
                reason:
                    "\(pairing.pairs.count) pair\(pairing.pairs.count == 1 ? "" : "s") of consecutive snapshots in the same window; at least \(minimumPairs) are needed (keep using the tool, import again, then calibrate)"
            )
        }
        let design = Design(pairs: pairing.pairs, usage: sortedUsage)
        guard pairing.pairs.count >= design.columns.count + 2 else {
            return Outcome(
                pairing: pairing, calibration: nil,
                reason:
                    "\(pairing.pairs.count) snapshot pairs for \(design.columns.count) token classes and models plus hidden use; at least \(design.columns.count + 2) are needed"
            )
        }
        let segments = Self.segments(pairing.pairs)
        guard let point = design.solve(segments: segments) else {
            return Outcome(pairing: pairing, calibration: nil, reason: "the least-squares fit failed on these snapshots")
        }
        // Bootstrap over segments (runs of consecutive pairs of one window): the pairs of one
        // segment share snapshots, so they are resampled together.
        var rng = RandomStream(seed: options.seed)
        var draws: [Design.Solution] = []
        for _ in 0..<options.resamples {
            let drawn = segments.indices.map { _ in segments[Int(rng.uniform() * Double(segments.count)) % segments.count] }
            if let s = design.solve(segments: drawn) { draws.append(s) }
        }
        let totalCost = design.cost(rows: Array(design.rows.indices), price: options.price)
        func interval(_ values: [Double]) -> PlanCalibration.Interval {
            let v = values.sorted()
            guard !v.isEmpty else { return .init(lower: 0, upper: nil) }
            return .init(lower: quantile(v, 0.025), upper: quantile(v, 0.975))
        }
        var weights: [PlanCalibration.Weight] = []
        for (j, column) in design.columns.enumerated() {
            let identified = design.seen[j] > 0 && !point.dependent.contains(j)
            guard identified else {
                weights.append(
                    .init(
                        model: column.model, kind: column.kind, tokensSeen: design.seen[j], identified: false,
                        percentPerMillion: nil, percentPerMillionInterval: nil, allowanceTokens: nil,
                        allowanceInterval: nil))
                continue
            }
            let w = point.weights[j]
            let band = interval(draws.map { $0.weights[j] })
            // Tokens filling 100 % is 100 / w (w per million); the interval maps through 1/x,
            // so its ends swap, and a lower weight of 0 leaves the allowance unbounded.
            weights.append(
                .init(
                    model: column.model, kind: column.kind, tokensSeen: design.seen[j], identified: true,
                    percentPerMillion: w, percentPerMillionInterval: band,
                    allowanceTokens: w > 0 ? 100 / w * 1_000_000 : nil,
                    allowanceInterval: .init(
                        lower: band.upper.map { $0 > 0 ? 100 / $0 * 1_000_000 : .infinity } ?? 0,
                        upper: band.lower > 0 ? 100 / band.lower * 1_000_000 : nil)))
        }
        var dollars: Double?
        var dollarBand: PlanCalibration.Interval?
        if let cost = totalCost {
            func allowance(_ s: Design.Solution, rows: [Int]) -> Double? {
                let percent = design.tokenPercent(rows: rows, weights: s.weights)
                return percent > 0 ? 100 * cost / percent : nil
            }
            let all = Array(design.rows.indices)
            dollars = allowance(point, rows: all)
            let values = draws.compactMap { allowance($0, rows: all) }
            if dollars != nil, !values.isEmpty { dollarBand = interval(values) }
        }
        let source = snapshots.first(where: { $0.windowMinutes == minutes })?.source ?? "unknown"
        let calibration = PlanCalibration(
            windowMinutes: minutes, source: source, plan: options.plan, snapshots: pairing.snapshotsUsed,
            pairs: pairing.pairs.count, since: pairing.since ?? options.now, until: pairing.until ?? options.now,
            weights: weights, hiddenPercentPerHour: point.hidden, hiddenInterval: interval(draws.map(\.hidden)),
            residualRMS: point.residualRMS, dollarAllowance: dollars, dollarInterval: dollarBand,
            resamples: draws.count, createdAt: options.now)
        return Outcome(pairing: pairing, calibration: calibration, reason: nil)
    }

    /// Runs of consecutive pairs within one window, each window cut into pieces of equal length
    /// so that there are at least 16 pieces when the pairs allow (the bootstrap's units).
    static func segments(_ pairs: [SnapshotPair]) -> [[Int]] {
        var windows: [[Int]] = []
        for (i, p) in pairs.enumerated() {
            if let last = windows.last?.last, pairs[last].window == p.window {
                windows[windows.count - 1].append(i)
            } else {
                windows.append([i])
            }
        }
        let longest = windows.map(\.count).max() ?? 1
        let length = max(1, min(longest, pairs.count / 16))
        return windows.flatMap { w in stride(from: 0, to: w.count, by: length).map { Array(w[$0..<min($0 + length, w.count)]) } }
    }

    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let i = Int(position.rounded(.down))
        let f = position - Double(i)
        return i + 1 < sorted.count ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i]
    }
}

/// The regression: one row per pair, one column per (model, class) with use, and hidden hours.
struct Design {
    struct Column: Hashable {
        var model: String
        var kind: PlanCalibration.Kind
    }

    struct Solution {
        /// Percentage points per million tokens, by column.
        var weights: [Double]
        /// Percentage points per hour.
        var hidden: Double
        var residualRMS: Double
        var dependent: Set<Int>
    }

    var columns: [Column]
    /// Millions of tokens, by pair then column.
    var rows: [[Double]]
    var hours: [Double]
    var delta: [Double]
    /// Tokens seen per column.
    var seen: [Double]
    /// Tokens by pair and model, for the dollar allowance.
    var tokensByModel: [[String: TokenCounts]]

    init(pairs: [SnapshotPair], usage: [QuotaUsage]) {
        var perPair: [[Column: Double]] = []
        var byModel: [[String: TokenCounts]] = []
        var present = Set<Column>()
        let times = usage.map(\.timestamp)
        for pair in pairs {
            // Use in (start, end]: a snapshot is logged after the request it reports.
            var lo = Self.firstIndex(after: pair.start, in: times)
            var sums: [Column: Double] = [:]
            var models: [String: TokenCounts] = [:]
            while lo < usage.count, usage[lo].timestamp <= pair.end {
                let u = usage[lo]
                for kind in PlanCalibration.Kind.allCases {
                    let n = u.tokens.count(kind)
                    if n > 0 {
                        let c = Column(model: u.model, kind: kind)
                        sums[c, default: 0] += Double(n)
                        present.insert(c)
                    }
                }
                models[u.model, default: TokenCounts()] += u.tokens
                lo += 1
            }
            perPair.append(sums)
            byModel.append(models)
        }
        let order = Dictionary(uniqueKeysWithValues: PlanCalibration.Kind.allCases.enumerated().map { ($1, $0) })
        columns = present.sorted { ($0.model, order[$0.kind] ?? 0) < ($1.model, order[$1.kind] ?? 0) }
        let cols = columns
        rows = perPair.map { sums in cols.map { (sums[$0] ?? 0) / 1_000_000 } }
        seen = cols.map { c in perPair.reduce(0) { $0 + ($1[c] ?? 0) } }
        hours = pairs.map(\.hours)
        delta = pairs.map(\.deltaPercent)
        tokensByModel = byModel
    }

    static func firstIndex(after date: Date, in times: [Date]) -> Int {
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] <= date { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// NNLS on the given segments (with repeats, for the bootstrap).
    ///
    /// Each segment's pairs enter as levels from its first snapshot: row k is the sum of its
    /// first k pairs (use and change since the segment began). A reading's error (rounding to a
    /// whole percent) then enters each row once instead of two consecutive differences with
    /// opposite signs, which is the generalised least squares of the pairs under such errors.
    /// Columns are scaled to unit norm so that tokens in millions and hours weigh alike in the
    /// active-set tolerance.
    func solve(segments: [[Int]]) -> Solution? {
        let n = columns.count + 1
        let count = segments.reduce(0) { $0 + $1.count }
        var a = Matrix(rows: count, columns: n)
        var b = [Double](repeating: 0, count: count)
        var i = 0
        for segment in segments {
            var level = [Double](repeating: 0, count: n)
            var change = 0.0
            for r in segment {
                for j in 0..<columns.count { level[j] += rows[r][j] }
                level[columns.count] += hours[r]
                change += delta[r]
                for j in 0..<n { a[i, j] = level[j] }
                b[i] = change
                i += 1
            }
        }
        var scale = [Double](repeating: 1, count: n)
        for j in 0..<n {
            let norm = (0..<a.rows).reduce(0.0) { $0 + a[$1, j] * a[$1, j] }.squareRoot()
            if norm > 0 {
                scale[j] = norm
                for i in 0..<a.rows { a[i, j] /= norm }
            }
        }
        guard let s = try? NNLS.solve(a, b) else { return nil }
        let x = zip(s.x, scale).map { $0 / $1 }
        let weights = Array(x.prefix(columns.count))
        let used = segments.flatMap { $0 }
        let unused = Set((0..<columns.count).filter { j in used.allSatisfy { rows[$0][j] == 0 } })
        // The residual people can read: per pair, in points of the gauge.
        let squares = used.reduce(0.0) { sum, r in
            let predicted = zip(rows[r], weights).reduce(0.0) { $0 + $1.0 * $1.1 } + x[columns.count] * hours[r]
            return sum + (delta[r] - predicted) * (delta[r] - predicted)
        }
        return Solution(
            weights: weights, hidden: x[columns.count], residualRMS: (squares / Double(max(used.count, 1))).squareRoot(),
            dependent: Set(s.dependentColumns.filter { $0 < columns.count }).union(unused))
    }

    /// Percentage points the tokens of `rows` account for under `weights`.
    func tokenPercent(rows selection: [Int], weights: [Double]) -> Double {
        selection.reduce(0.0) { sum, r in sum + zip(rows[r], weights).reduce(0.0) { $0 + $1.0 * $1.1 } }
    }

    /// API-equivalent dollars of the tokens in `rows`, nil if a model is unpriced.
    func cost(rows selection: [Int], price: (String) -> ModelPrice?) -> Double? {
        var total = 0.0
        for r in selection {
            for (model, t) in tokensByModel[r] {
                guard let p = price(model) else { return nil }
                total +=
                    Double(t.input) * p.input + Double(t.cacheRead) * p.cacheRead + Double(t.cacheWrite5m)
                    * p.cacheWrite5m + Double(t.cacheWrite1h) * p.cacheWrite1h + Double(t.output) * p.output
            }
        }
        return total
    }
}
