// Tests: GaussianMixture.swift, ParallelReplicates.swift, FittedLaw.swift, DemandFit.swift
import Distributions
import Foundation
import Testing
import ThreadStore

@testable import Fitting

/// The fitting pieces below the fitter: the stored law families, the mixture `fit org` groups
/// developers with, demand per working day, and the order-keeping parallel map of replicates.
@Suite struct FittedPiecesTests {
    @Test func everyStoredFamilyMakesItsLaw() throws {
        let cases: [(String, [String: Double], Double)] = [
            // Count laws are of T - 1: shifted to start at 1.
            ("negative_binomial", ["r": 2, "p": 0.25], 1 + 2 * 0.75 / 0.25),
            ("geometric", ["p": 0.2], 1 + 0.8 / 0.2),
            ("poisson", ["mean": 3], 4),
            ("lognormal", ["mu": 1, "sigma": 0.5], exp(1 + 0.125)),
            ("gamma", ["shape": 2, "scale": 3], 6),
            ("weibull", ["shape": 1, "scale": 4], 4),
            ("beta", ["alpha": 9, "beta": 1], 0.9),
            ("constant", ["value": 7], 7),
        ]
        for (family, parameters, mean) in cases {
            let law = try FittedLaw(family: family, parameters: parameters).make()
            #expect(abs(law.mean - mean) < 1e-9 * max(1, mean), "\(family): \(law.mean) vs \(mean)")
        }
        #expect(try FittedLaw(family: "poisson", parameters: ["mean": 3]).make().support.lower == 1)
        let dl = try FittedLaw(family: "discretised_lognormal", parameters: ["mu": 2, "sigma": 0.4]).make()
        #expect(dl.isDiscrete && dl.support.lower >= 1)

        // A zero share wraps the law: that much mass at 0, the rest scaled.
        let zi = try FittedLaw(family: "gamma", parameters: ["shape": 2, "scale": 3, "zero_share": 0.25]).make()
        #expect(abs(zi.mean - 0.75 * 6) < 1e-9)
        #expect(zi.cdf(0) >= 0.25 - 1e-12)
        #expect(try FittedLaw(family: "gamma", parameters: ["shape": 2, "scale": 3, "zero_share": 0]).make().cdf(0) == 0)

        #expect(throws: FittingError.unknownFamily("pareto")) { try FittedLaw(family: "pareto", parameters: [:]).make() }
        #expect(throws: FittingError.missingLawParameter(family: "gamma", name: "scale")) {
            try FittedLaw(family: "gamma", parameters: ["shape": 2]).make()
        }
        do {
            _ = try FittedLaw(family: "beta", parameters: ["alpha": -1, "beta": 2]).make()
            Issue.record("a negative alpha was accepted")
        } catch {
            if case .lawOutsideDomain(family: "beta", _) = error {} else { Issue.record("\(error)") }
        }
        do {
            _ = try FittedLaw(family: "gamma", parameters: ["shape": 2, "scale": 3, "zero_share": 1.5]).make()
            Issue.record("a zero share above 1 was accepted")
        } catch {
            if case .badZeroShare(family: "gamma", _) = error {} else { Issue.record("\(error)") }
        }
        // The stored JSON round-trips.
        let law = FittedLaw(family: "lognormal", parameters: ["mu": 1, "sigma": 0.5])
        #expect(try JSONDecoder().decode(FittedLaw.self, from: JSONEncoder().encode(law)) == law)
    }

    /// Two clusters drawn with known weights and means: EM finds them, and BIC prefers two
    /// components to one and to three.
    @Test func mixtureRecoversTwoKnownClusters() {
        var rng = RandomStream(seed: 11)
        var points: [SIMD2<Double>] = []
        for i in 0..<600 {
            let far = i % 10 < 3
            let centre = far ? SIMD2(4.0, -1.0) : SIMD2(0.0, 1.0)
            points.append(centre + SIMD2(0.5 * rng.standardNormal(), 0.3 * rng.standardNormal()))
        }
        let stream = RandomStream(seed: 5)
        let fits = (1...3).map { GaussianMixture.fit(points, components: $0, stream: stream) }
        let bics = fits.map { $0.bic(observations: points.count) }
        #expect(bics[1] < bics[0] && bics[1] < bics[2], "BIC \(bics)")
        let two = fits[1]
        #expect(two.parameterCount == 11)
        let byX = two.components.sorted { $0.mean.x < $1.mean.x }
        #expect(abs(byX[0].weight - 0.7) < 0.05 && abs(byX[1].weight - 0.3) < 0.05, "\(byX.map(\.weight))")
        #expect(abs(byX[1].mean.x - 4) < 0.15 && abs(byX[1].mean.y + 1) < 0.15)
        #expect(abs(byX[0].covariance.x - 0.25) < 0.06 && abs(byX[0].covariance.z - 0.09) < 0.03)
        let r = two.responsibilities(SIMD2(4, -1))
        #expect(abs(r.reduce(0, +) - 1) < 1e-12)
        let farIndex = two.components.firstIndex { $0.mean.x > 2 } ?? -1
        #expect(two.assign(SIMD2(4, -1)) == farIndex && two.assign(SIMD2(0, 1)) != farIndex)
        // Same stream, same fit; EM from the fit's own components stays there.
        #expect(GaussianMixture.fit(points, components: 2, stream: stream) == two)
        let again = GaussianMixture.em(points, start: two.components)
        #expect(abs(again.logLikelihood - two.logLikelihood) < 1e-6 * abs(two.logLikelihood))
        #expect(GaussianMixture.em([], start: two.components).logLikelihood == -.infinity)
        // One point repeated: the variance floor keeps the density finite.
        let collapsed = GaussianMixture.fit(Array(repeating: SIMD2(1, 1), count: 20), components: 1, stream: stream)
        #expect(collapsed.logLikelihood.isFinite && collapsed.components[0].covariance.x >= GaussianMixture.varianceFloor)
    }

    @Test func replicatesKeepTheirOrderOnAnyCoreCount() {
        let body: @Sendable (Int) -> Double = { i in
            var rng = RandomStream(seed: 3).substream(UInt64(i))
            return rng.uniform() + Double(i)
        }
        let one = ParallelReplicates.map(50, workers: 1, body)
        #expect(one.count == 50)
        #expect(zip(one, one.dropFirst()).allSatisfy { $0 < $1 })
        #expect(ParallelReplicates.map(50, workers: 2, body) == one)
        #expect(ParallelReplicates.map(50, workers: 7, body) == one)
        #expect(ParallelReplicates.map(0, body).isEmpty)
    }

    static func thread(_ developer: String, _ day: String, _ id: Int64) -> ThreadObservation {
        let f = ISO8601DateFormatter()
        return ThreadObservation(
            threadID: id, developer: developer, startedAt: f.date(from: day + "T10:00:00Z"), turns: 3,
            output: 50, tokens: TokenCounts(input: 300, output: 150), outcome: nil, fromRequests: false)
    }

    /// Weekdays without threads are working days with none; a weekend day counts only when a
    /// thread was started on it; `until` is exclusive.
    @Test func demandCountsWorkingDaysAndSpreads() throws {
        // 2026-03-02 is a Monday; 03-07/08 the weekend.
        let threads = [
            Self.thread("a", "2026-03-02", 1), Self.thread("a", "2026-03-02", 2), Self.thread("a", "2026-03-04", 3),
            Self.thread("a", "2026-03-07", 4), Self.thread("b", "2026-03-03", 5), Self.thread("b", "2026-03-09", 6),
        ]
        let counts = DemandFit.dayCounts(threads, since: nil, until: nil)
        #expect(counts["a"] == [2, 0, 1, 0, 0, 1, 0])
        #expect(counts["b"] == [0, 1, 0, 0, 0, 1])
        let f = ISO8601DateFormatter()
        let cut = DemandFit.dayCounts(threads, since: nil, until: f.date(from: "2026-03-05T00:00:00Z"))
        #expect(cut["a"] == [2, 0, 1] && cut["b"] == [0, 1, 0])
        #expect(DemandFit.dayCounts([], since: nil, until: nil).isEmpty)

        let fit = try #require(DemandFit.fit(counts))
        #expect(abs(fit.meanPerDay - 6.0 / 13) < 1e-12)
        #expect(fit.developerDays == 13)
        #expect(fit.daysPerDeveloper == ["a": 7, "b": 6])
        #expect(abs((fit.perDeveloper["a"] ?? 0) - 4.0 / 7) < 1e-12)
        #expect(DemandFit.fit([:]) == nil)

        // Every developer alike, Poisson days: no dispersion and no developer spread.
        var rng = RandomStream(seed: 9)
        var alike: [String: [Double]] = [:]
        for d in 0..<40 {
            alike["dev\(d)"] = (0..<120).map { _ in Double((try? Poisson(mean: 3).sample(using: &rng)) ?? 0) }
        }
        let poisson = try #require(DemandFit.fit(alike))
        #expect(poisson.dayDispersion == nil || (poisson.dayDispersion ?? 0) > 50, "\(String(describing: poisson.dayDispersion))")
        #expect(poisson.developerCV < 0.05, "\(poisson.developerCV)")
        // Developers at 1 and 5 threads a day: a spread of means near sd/mean = 2/3.
        var apart: [String: [Double]] = [:]
        for d in 0..<40 {
            let mean = d % 2 == 0 ? 1.0 : 5.0
            apart["dev\(d)"] = (0..<120).map { _ in Double((try? Poisson(mean: mean).sample(using: &rng)) ?? 0) }
        }
        let spread = try #require(DemandFit.fit(apart))
        #expect(abs(spread.developerCV - 2.0 / 3) < 0.08, "\(spread.developerCV)")
        #expect(spread.dayDispersion != nil)
    }
}
