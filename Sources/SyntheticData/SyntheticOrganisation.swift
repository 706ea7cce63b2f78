import Distributions
import Foundation

/// An organisation's daily usage drawn from known developer profiles, so that `fit org` and
/// `backtest org` can be checked against the truth. Same seed, same rows.
///
/// Developer `u` of a profile is active on each working day with the profile's probability
/// (weekends with a tenth of it); on an active day they spend `m_u x exp(N(0, s_w) - s_w²/2)`,
/// where their own mean is `m_u = m x exp(N(0, s_b) - s_b²/2)`: the profile's mean spend per
/// active day `m` holds in expectation. Requests are spend over a price per request. Each
/// developer joins on day `join` (0 for the founding ones) and may leave.
public struct SyntheticOrganisation: Sendable {
    public struct Profile: Sendable {
        public var share: Double
        public var activeDayProbability: Double
        public var spendPerActiveDay: Double
        public var betweenSigma: Double = 0.25
        public var withinSigma: Double = 0.6
        public var dollarsPerRequest: Double = 0.08

        public init(share: Double, activeDayProbability: Double, spendPerActiveDay: Double) {
            self.share = share
            self.activeDayProbability = activeDayProbability
            self.spendPerActiveDay = spendPerActiveDay
        }
    }

    public struct Row: Sendable, Hashable {
        public var user: String
        public var team: String
        /// Days since 1970-01-01.
        public var day: Int
        public var model: String
        public var requests: Double
        public var spend: Double
    }

    public var profiles: [Profile]
    public var developers: Int
    /// The first day (days since 1970-01-01, a Monday is best) and the number of days.
    public var firstDay: Int
    public var days: Int
    public var teams = ["platform", "product"]
    /// Models and their shares of every developer's spend.
    public var models: [(name: String, share: Double)] = [("claude-sonnet-4-5", 0.7), ("claude-opus-4-5", 0.3)]
    /// Growth: the spend per active day is multiplied by `(1 + drift)^(day / 30)`; 0 for none.
    /// A model without drift must miss it, which is what a backtest is meant to show.
    public var monthlyDrift = 0.0
    /// New developers per 30 days after the start, of random profiles.
    public var hiresPerMonth = 0.0
    public var seed: UInt64 = 1

    public init(profiles: [Profile], developers: Int, firstDay: Int, days: Int) {
        self.profiles = profiles
        self.developers = developers
        self.firstDay = firstDay
        self.days = days
    }

    /// The profile of each developer (founders first, then hires), in order.
    public func assignments() -> [Int] {
        var rng = RandomStream(seed: seed).substream(0)
        let total = hires()
        return (0..<(developers + total.count)).map { _ in pick(&rng) }
    }

    /// Join days of the hires, after the founders.
    func hires() -> [Int] {
        guard hiresPerMonth > 0 else { return [] }
        var rng = RandomStream(seed: seed).substream(1)
        var out: [Int] = []
        var t = 0.0
        while true {
            t += rng.standardExponential() * 30 / hiresPerMonth
            if t >= Double(days) { break }
            out.append(Int(t))
        }
        return out
    }

    private func pick(_ rng: inout RandomStream) -> Int {
        let total = profiles.reduce(0) { $0 + $1.share }
        var u = rng.uniform() * total
        for (i, p) in profiles.enumerated() {
            u -= p.share
            if u <= 0 { return i }
        }
        return profiles.count - 1
    }

    /// Every row, developer by developer, day by day.
    ///
    /// - Complexity: O(developers x days x models).
    public func rows() -> [Row] {
        var out: [Row] = []
        forEachRow { out.append($0) }
        return out
    }

    /// The rows of ``rows()``, in its order, one at a time: a year of 10,000 developers is
    /// millions of rows, which the scale bench writes to a store in batches without holding them.
    public func forEachRow(_ body: (Row) throws -> Void) rethrows {
        let joins = [Int](repeating: 0, count: developers) + hires()
        let profileOf = assignments()
        for (u, p) in profileOf.enumerated() {
            var rng = RandomStream(seed: seed).substream(100 + UInt64(u))
            let profile = profiles[p]
            let own =
                profile.spendPerActiveDay
                * Foundation.exp(profile.betweenSigma * rng.standardNormal() - profile.betweenSigma * profile.betweenSigma / 2)
            let team = teams[u % teams.count]
            for d in joins[u]..<days {
                let day = firstDay + d
                let weekday = ((day % 7) + 7 + 3) % 7
                let probability = profile.activeDayProbability * (weekday < 5 ? 1 : 0.1)
                guard rng.uniform() < probability else { continue }
                let growth = Foundation.pow(1 + monthlyDrift, Double(d) / 30)
                let spend =
                    own * growth
                    * Foundation.exp(profile.withinSigma * rng.standardNormal() - profile.withinSigma * profile.withinSigma / 2)
                for m in models {
                    let s = spend * m.share
                    try body(
                        Row(
                            user: "dev\(u)", team: team, day: day, model: m.name,
                            requests: (s / profile.dollarsPerRequest).rounded(),
                            spend: s))
                }
            }
        }
    }
}
