import NameMatching
import NumericalMethods
import Simulation

/// One `forecast --fail-if` condition: a statistic of forecast spend against a limit, for the
/// whole team or one profile (`team:NAME`), over the horizon or in its worst month.
///
/// Written the way a CI pipeline's cost check reads: `p90 > 250000`, `team:backend p95 >= 40k`,
/// `monthly p90 > 30000`. The gate fails when the condition holds, so the pipeline stops.
public struct SpendGate: Sendable, Hashable {
    /// Whose spend: the whole team, or one profile of `team.profiles`.
    public enum Scope: Sendable, Hashable {
        case team
        case profile(String)
    }

    /// Over which period: the horizon's total, or each month (the gate fails when any month does).
    public enum Period: String, Sendable, Hashable, CaseIterable {
        case horizon = "total"
        case monthly
    }

    public enum Statistic: String, Sendable, Hashable, CaseIterable {
        case mean, p5, p10, p50, p90, p95, p99

        var label: String { self == .mean ? "mean" : rawValue.uppercased() }
    }

    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case above = ">", atLeast = ">=", below = "<", atMost = "<="

        func holds(_ x: Double, _ limit: Double) -> Bool {
            switch self {
            case .above: x > limit
            case .atLeast: x >= limit
            case .below: x < limit
            case .atMost: x <= limit
            }
        }

        var words: String {
            switch self {
            case .above: "above"
            case .atLeast: "at or above"
            case .below: "below"
            case .atMost: "at or below"
            }
        }
    }

    public var scope: Scope
    public var period: Period
    public var statistic: Statistic
    public var comparison: Comparison
    /// US dollars.
    public var limit: Double
    /// The condition as the user wrote it, for messages.
    public var text: String

    public init(scope: Scope, period: Period, statistic: Statistic, comparison: Comparison, limit: Double, text: String) {
        self.scope = scope
        self.period = period
        self.statistic = statistic
        self.comparison = comparison
        self.limit = limit
        self.text = text
    }
}

extension SpendGate {
    /// Parses `[team:NAME | org] [total | monthly] STAT OP AMOUNT`.
    ///
    /// AMOUNT takes `$`, thousands separators (`,` or `_`) and a `k` or `M` suffix. `profiles`
    /// are the scenario's profile names, for `team:NAME` and its did-you-mean.
    public static func parse(_ text: String, profiles: [String]) throws(SpendGateError) -> SpendGate {
        var words = tokens(of: text)
        guard !words.isEmpty else { throw .empty }
        var scope = Scope.team
        if let first = words.first, first.lowercased().hasPrefix("team:") {
            let name = String(first.dropFirst("team:".count))
            guard profiles.contains(name) else {
                throw .unknownProfile(
                    name, text: text, profiles: profiles,
                    suggestion: EditDistance.closest(to: name, among: profiles, limit: 1).first)
            }
            scope = .profile(name)
            words.removeFirst()
        } else if words.first?.lowercased() == "org" || words.first?.lowercased() == "team" {
            words.removeFirst()
        }
        var period = Period.horizon
        if let first = words.first, let p = Period(rawValue: first.lowercased()) {
            period = p
            words.removeFirst()
        }
        guard words.count == 3 else { throw .shape(text) }
        guard let statistic = Statistic(rawValue: words[0].lowercased()) else {
            throw .unknownStatistic(words[0], text: text)
        }
        guard let comparison = Comparison(rawValue: words[1]) else { throw .unknownComparison(words[1], text: text) }
        guard let limit = amount(words[2]) else { throw .badAmount(words[2], text: text) }
        return SpendGate(
            scope: scope, period: period, statistic: statistic, comparison: comparison, limit: limit, text: text)
    }

    /// Splits on spaces and around the comparison operator, so `p90>250000` reads as well.
    private static func tokens(of text: String) -> [String] {
        var out: [String] = []
        var word = ""
        var chars = Array(text)[...]
        func flush() {
            if !word.isEmpty { out.append(word) }
            word = ""
        }
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == " " || c == "\t" {
                flush()
            } else if c == ">" || c == "<" {
                flush()
                if chars.first == "=" {
                    chars = chars.dropFirst()
                    out.append("\(c)=")
                } else {
                    out.append(String(c))
                }
            } else {
                word.append(c)
            }
        }
        flush()
        return out
    }

    /// `250000`, `$250,000`, `250k`, `1.5M`, `2_000`: dollars; nil when it is none of these or
    /// not a finite, non-negative amount.
    static func amount(_ word: String) -> Double? {
        var s = word.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
        if s.hasPrefix("$") { s.removeFirst() }
        var scale = 1.0
        if let last = s.last, "kKmM".contains(last) {
            scale = (last == "k" || last == "K") ? 1e3 : 1e6
            s.removeLast()
        }
        guard let x = Double(s), x.isFinite, x >= 0 else { return nil }
        return x * scale
    }
}

/// What a gate found: the figure it compared, and where (the month, for a monthly gate).
public struct SpendGateVerdict: Sendable, Hashable {
    public var gate: SpendGate
    /// The statistic: of the horizon's spend, or of the worst month's for a monthly gate.
    public var figure: Double
    /// For a monthly gate, the month whose figure decided (the first that fails, else the
    /// one closest to failing).
    public var month: String?
    public var fails: Bool

    /// One sentence for the pipeline's log, naming the figure and the limit.
    public var sentence: String {
        let whose: String
        switch gate.scope {
        case .team: whose = "the team's spend"
        case .profile(let name): whose = "the spend of profile '\(name)'"
        }
        let when = month.map { " in \($0)" } ?? " over the forecast horizon"
        let verdict = fails ? "fails" : "passes"
        return
            "--fail-if \"\(gate.text)\" \(verdict): the \(gate.statistic.label) of \(whose)\(when) is \(Money.full(figure)), \(gate.comparison.holds(figure, gate.limit) ? "" : "not ")\(gate.comparison.words) the limit \(Money.full(gate.limit))"
    }
}

extension SpendGate {
    /// Evaluates the gate on a forecast's per-trial spend.
    ///
    /// - Complexity: O(trials x log trials) per month looked at (a sort per quantile).
    public func evaluate(_ forecast: TeamForecast) -> SpendGateVerdict {
        let p = profileIndex(in: forecast)
        switch period {
        case .horizon:
            let values = p.map { forecast.profileAnnual($0) } ?? forecast.teamAnnual
            let x = statistic(of: values)
            return SpendGateVerdict(gate: self, figure: x, month: nil, fails: comparison.holds(x, limit))
        case .monthly:
            var decisive: SpendGateVerdict?
            for m in forecast.months.indices {
                let values = p.map { forecast.profileMonthly($0, month: m) } ?? forecast.teamMonth(m)
                let x = statistic(of: values)
                let v = SpendGateVerdict(gate: self, figure: x, month: forecast.months[m], fails: comparison.holds(x, limit))
                if v.fails { return v }
                // Closest to failing: the largest figure for > and >=, the smallest for < and <=.
                let closer: Bool
                switch comparison {
                case .above, .atLeast: closer = x > (decisive?.figure ?? -.infinity)
                case .below, .atMost: closer = x < (decisive?.figure ?? .infinity)
                }
                if closer { decisive = v }
            }
            return decisive ?? SpendGateVerdict(gate: self, figure: 0, month: nil, fails: false)
        }
    }

    private func profileIndex(in forecast: TeamForecast) -> Int? {
        guard case .profile(let name) = scope else { return nil }
        return forecast.profiles.firstIndex(of: name)
    }

    /// Through ``SpendSummary``, so the figure is the one the report prints.
    private func statistic(of values: [Double]) -> Double {
        let s = SpendSummary(values)
        switch statistic {
        case .mean: return s.mean
        case .p5: return s.p5
        case .p10: return s.p10
        case .p50: return s.p50
        case .p90: return s.p90
        case .p95: return s.p95
        case .p99: return s.p99
        }
    }
}
