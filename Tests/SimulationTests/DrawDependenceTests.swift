import Distributions
import LinearAlgebra
import Pricing
import Simulation
import TestSupport
import Testing

@Suite struct DrawDependenceTests {
    static func behaviour() throws -> ThreadBehaviour {
        ThreadBehaviour(
            turns: try NegativeBinomial(r: 2.4, p: 0.074), freshInputPerTurn: try Lognormal(mu: 5, sigma: 0.8),
            outputPerTurn: try Lognormal(mu: 4.4, sigma: 0.25), cacheHitRate: try Beta(alpha: 13, beta: 0.5),
            baseContext: try Gamma(shape: 50, scale: 130), oneShotRate: 0.6, offTheRailsRate: 0.03, maxAttempts: 3)
    }

    static func spearman(_ a: [Double], _ b: [Double]) -> Double {
        func ranks(_ x: [Double]) -> [Double] {
            let order = x.indices.sorted { x[$0] < x[$1] }
            var r = [Double](repeating: 0, count: x.count)
            var i = 0
            while i < x.count {
                var j = i
                while j + 1 < x.count && x[order[j + 1]] == x[order[i]] { j += 1 }
                for k in i...j { r[order[k]] = Double(i + j) / 2 }
                i = j + 1
            }
            return r
        }
        let ra = ranks(a), rb = ranks(b)
        let ma = ra.reduce(0, +) / Double(ra.count), mb = rb.reduce(0, +) / Double(rb.count)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(ra, rb) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
        return sab / (saa * sbb).squareRoot()
    }

    /// The kernel's draws reproduce target Spearman correlations (given as ρ_S, converted to
    /// the copula's normal-score correlation).
    @Test func theKernelReproducesTargetRankCorrelations() throws {
        var b = try Self.behaviour()
        let targets: [(BehaviourDraw, BehaviourDraw, Double)] = [
            (.turns, .cacheHitRate, 0.6), (.turns, .freshInputPerTurn, -0.5), (.freshInputPerTurn, .baseContext, 0.4),
        ]
        b.setDependence(try DrawDependence(pairs: targets.map { ($0.0, $0.1, DrawDependence.normalCorrelation(spearman: $0.2)) }))
        var rng = RandomStream(seed: 31)
        let d = AttemptDraws.sample(b, count: 60_000, rng: &rng)
        let columns: [BehaviourDraw: [Double]] = [
            .turns: d.turns, .freshInputPerTurn: d.fresh, .outputPerTurn: d.output, .cacheHitRate: d.hitRate,
            .baseContext: d.base,
        ]
        for (x, y, target) in targets {
            let s = Self.spearman(columns[x]!, columns[y]!)
            // Turns are counts: ties pull the rank correlation a little toward zero.
            #expect(abs(s - target) < (x == .turns ? 0.03 : 0.015), "\(x.rawValue)/\(y.rawValue): \(s) vs \(target)")
        }
        #expect(abs(Self.spearman(d.output, d.turns)) < 0.015)
        // The marginals are unchanged: KS of each column against its law.
        for (column, law) in [(d.fresh, b.freshInputPerTurn), (d.hitRate, b.cacheHitRate), (d.base, b.baseContext)] {
            let ks = kolmogorovSmirnovStatistic(column, cdf: law.cdf)
            #expect(ks < kolmogorovSmirnovCritical(column.count), "KS \(ks) for \(law)")
        }
    }

    /// A constant law takes no normals (its value is the same whatever its score): a batch draws
    /// four rows of normals, not five (and the t copula its mixing row after them), and the other
    /// draws keep their target rank correlations, even with the constant named in the matrix
    /// between them.
    @Test(arguments: [nil, 6.0])
    func aConstantLawTakesNoNormals(degreesOfFreedom: Double?) throws {
        var b = try Self.behaviour()
        b.outputPerTurn = try Constant(value: 500)
        let targets: [(BehaviourDraw, BehaviourDraw, Double)] = [
            (.turns, .cacheHitRate, 0.6), (.turns, .freshInputPerTurn, -0.5), (.freshInputPerTurn, .outputPerTurn, 0.4),
            (.outputPerTurn, .baseContext, 0.4),
        ]
        b.setDependence(
            try DrawDependence(
                pairs: targets.map { ($0.0, $0.1, DrawDependence.normalCorrelation(spearman: $0.2)) },
                degreesOfFreedom: degreesOfFreedom))
        let n = min(2_000, KernelWorkspace.batchSize)
        var rng = RandomStream(seed: 12), expected = RandomStream(seed: 12)
        let one = AttemptDraws.sample(b, count: n, rng: &rng)
        var normals = [Double](repeating: 0, count: (degreesOfFreedom == nil ? 4 : 5) * n)
        normals.withUnsafeMutableBufferPointer { expected.fillStandardNormals($0) }
        #expect(rng.uniform() == expected.uniform())
        #expect(Set(one.output) == [500])

        let d = AttemptDraws.sample(b, count: 60_000, rng: &rng)
        #expect(abs(Self.spearman(d.turns, d.hitRate) - 0.6) < 0.03)
        #expect(abs(Self.spearman(d.turns, d.fresh) + 0.5) < 0.03)
        // Through a constant nothing passes: fresh input and base context stay uncorrelated.
        #expect(abs(Self.spearman(d.fresh, d.base)) < 0.015)
        let ks = kolmogorovSmirnovStatistic(d.base, cdf: b.baseContext.cdf)
        #expect(ks < kolmogorovSmirnovCritical(d.base.count), "KS \(ks)")
    }

    /// No dependence (nil or an identity matrix) draws exactly today's numbers.
    @Test func independenceIsBitIdentical() throws {
        let plain = PricedModel(
            name: "m", price: try PriceCatalog.builtIn.price(of: "claude-sonnet-4-5"), behaviour: try Self.behaviour())
        var identity = plain
        identity.behaviour.setDependence(try DrawDependence(correlation: Matrix.identity(5)))
        #expect(identity.behaviour.dependence == nil)
        func run(_ m: PricedModel) -> ThreadTotals {
            var rng = RandomStream(seed: 8)
            var totals = ThreadTotals()
            ThreadKernel.simulate(
                m, trial: .nominal(m.behaviour), count: 5_000, rng: &rng, workspace: KernelWorkspace(), totals: &totals)
            return totals
        }
        let a = run(plain), b = run(identity)
        let same = a.cost.value == b.cost.value && a.turns == b.turns && a.attempts == b.attempts
        #expect(same)
    }

    /// Same seed, same numbers; and dependence changes the numbers (the test can fail).
    @Test func dependentDrawsAreReproducible() throws {
        var b = try Self.behaviour()
        b.setDependence(try DrawDependence(pairs: [(.turns, .cacheHitRate, 0.7)]))
        var r1 = RandomStream(seed: 3), r2 = RandomStream(seed: 3)
        #expect(AttemptDraws.sample(b, count: 3_000, rng: &r1).hitRate == AttemptDraws.sample(b, count: 3_000, rng: &r2).hitRate)
        var r3 = RandomStream(seed: 3)
        #expect(
            AttemptDraws.sample(try Self.behaviour(), count: 3_000, rng: &r3).hitRate
                != AttemptDraws.sample(b, count: 3_000, rng: &r1).hitRate)
    }

    /// Replacing a law rebuilds the maps, so the draws follow the new law.
    @Test func replacingALawRebuildsItsMap() throws {
        var b = try Self.behaviour()
        b.setDependence(try DrawDependence(pairs: [(.turns, .cacheHitRate, 0.5)]))
        b.baseContext = try Constant(value: 1_234)
        var rng = RandomStream(seed: 1)
        #expect(Set(AttemptDraws.sample(b, count: 100, rng: &rng).base) == [1_234])
    }

    @Test func badCorrelationsSayWhatIsWrongAndTheFix() throws {
        #expect(throws: DependenceError.outOfRange(first: "turns", second: "cache_hit_rate", value: 1.2)) {
            try DrawDependence(pairs: [(.turns, .cacheHitRate, 1.2)])
        }
        #expect(throws: DependenceError.selfPair("turns")) { try DrawDependence(pairs: [(.turns, .turns, 0.5)]) }
        do {
            _ = try DrawDependence(pairs: [
                (.turns, .cacheHitRate, 0.9), (.turns, .freshInputPerTurn, 0.9), (.freshInputPerTurn, .cacheHitRate, -0.9),
            ])
            Issue.record("an inconsistent set was accepted")
        } catch {
            let text = error.description
            #expect(
                text.hasPrefix(
                    "these correlations are not mutually consistent (the matrix is not positive definite): the nearest valid set is turns.fresh_input_per_turn: "
                ), "\(text)")
            // The offered set is itself valid.
            let numbers = text.split(separator: ",").compactMap {
                Double($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces))
            }
            #expect(numbers.count == 3)
            _ = try DrawDependence(pairs: [
                (.turns, .freshInputPerTurn, numbers[0]), (.turns, .cacheHitRate, numbers[1]),
                (.freshInputPerTurn, .cacheHitRate, numbers[2]),
            ])
        }
    }
}

@Suite struct DependentForecastTests {
    static func spec(workers: Int) throws -> DeveloperForecastSpec {
        var b = try DrawDependenceTests.behaviour()
        b.setDependence(try DrawDependence(pairs: [(.turns, .cacheHitRate, 0.7), (.turns, .freshInputPerTurn, -0.5)]))
        let model = PricedModel(name: "sonnet", price: try PriceCatalog.builtIn.price(of: "claude-sonnet-4-5"), behaviour: b)
        var spec = DeveloperForecastSpec(
            models: [model], mix: [1], uncertainty: [BehaviourUncertainty(turnsCV: 0.2, tokensCV: 0.2)],
            pricePaths: [PricePath()],
            priceCorrelation: 0, demand: ThreadDemand(meanPerDay: 4, dayDispersion: 3, developerCV: 0.3),
            calendar: .spreading(workingDaysPerYear: 230, startYear: 2027, startMonth: 1), trials: 48, seed: 99)
        spec.workers = workers
        return spec
    }

    /// Dependent draws keep the engine's promise: same seed, same numbers on any core count.
    @Test func sameSeedSameNumbersOnAnyWorkerCount() throws {
        let a = try DeveloperForecaster.run(try Self.spec(workers: 1))
        let b = try DeveloperForecaster.run(try Self.spec(workers: 2))
        let c = try DeveloperForecaster.run(try Self.spec(workers: 7))
        #expect(a.annualByTrial == b.annualByTrial)
        #expect(a.annualByTrial == c.annualByTrial)
    }

    /// Golden values: the first dependent draws at seed 42, recorded so that any change to the
    /// copula path (normals, factor, maps) shows up.
    @Test func firstDependentDrawsAtSeed42AreUnchanged() throws {
        var b = try DrawDependenceTests.behaviour()
        b.setDependence(try DrawDependence(pairs: [(.turns, .cacheHitRate, 0.7), (.turns, .freshInputPerTurn, -0.5)]))
        var rng = RandomStream(seed: 42)
        let d = AttemptDraws.sample(b, count: 3, rng: &rng)
        #expect(d.turns == DependentForecastTests.goldenTurns)
        for (x, g) in zip(d.fresh + d.output + d.hitRate + d.base, DependentForecastTests.goldenRest) {
            #expect(abs(x - g) <= 1e-12 * abs(g), "\(x) vs \(g)")
        }
    }

    static let goldenTurns: [Double] = [18, 46, 25]
    static let goldenRest: [Double] = [
        112.06226853900107, 64.88893031293634, 62.22833924351537, 91.39660491806359, 55.190518541939426, 90.76813932904798,
        0.9479084572912886, 0.9492147966522537, 0.9213554040417972, 5684.489966258162, 6600.163349961869, 7317.765460757364,
    ]
}
