import Distributions
import PropertyBased
import TestSupport
import Testing

/// Properties every law must have, over seeded random parameters: the quantile inverts the cdf,
/// draws stay in the support and are finite, and sample moments match the exact ones.
@Suite struct DistributionPropertyTests {
    /// A law drawn from a parameter generator, with a name for messages.
    struct Law: CustomStringConvertible {
        let law: any UnivariateDistribution
        var description: String { law.description }
    }

    /// Random valid parameters for each of the eleven laws, in ranges whose moments a sample of
    /// 20,000 estimates well (lognormal sigma at most 1, shapes away from 0).
    static let laws: [(String, Generator<Law?, AnySequence<Any>>)] = [
        (
            "uniform",
            zip(Gen.double(in: -1e6...1e6), Gen.double(in: 1e-3...1e6))
                .map { a, w in (try? Uniform(min: a, max: a + w)).map { Law(law: $0) } }.eraseToAny()
        ),
        (
            "lognormal",
            zip(Gen.double(in: -5...15), Gen.double(in: 0.05...1))
                .map { m, s in (try? Lognormal(mu: m, sigma: s)).map { Law(law: $0) } }.eraseToAny()
        ),
        (
            "discretised lognormal",
            zip(Gen.double(in: 0...8), Gen.double(in: 0.05...1))
                .map { m, s in (try? DiscretisedLognormal(mu: m, sigma: s)).map { Law(law: $0) } }.eraseToAny()
        ),
        (
            "gamma",
            zip(Gen.double(in: 0.3...50), Gen.double(in: 1e-3...1e4))
                .map { k, t in (try? Gamma(shape: k, scale: t)).map { Law(law: $0) } }.eraseToAny()
        ),
        (
            "beta",
            zip(Gen.double(in: 0.3...40), Gen.double(in: 0.3...40))
                .map { a, b in (try? Beta(alpha: a, beta: b)).map { Law(law: $0) } }.eraseToAny()
        ),
        (
            "pert",
            zip(Gen.double(in: -1e4...1e4), Gen.double(in: 0...1), Gen.double(in: 1e-2...1e4))
                .map { a, m, w in (try? PERT(min: a, mode: a + m * w, max: a + w)).map { Law(law: $0) } }.eraseToAny()
        ),
        ("poisson", Gen.double(in: 1e-3...5_000).map { m in (try? Poisson(mean: m)).map { Law(law: $0) } }.eraseToAny()),
        (
            "negative binomial",
            zip(Gen.double(in: 0.5...200), Gen.double(in: 0.05...0.95))
                .map { r, p in (try? NegativeBinomial(r: r, p: p)).map { Law(law: $0) } }.eraseToAny()
        ),
        ("bernoulli", Gen.double(in: 0...1).map { p in (try? Bernoulli(p: p)).map { Law(law: $0) } }.eraseToAny()),
        ("constant", Gen.double(in: -1e9...1e9).map { v in (try? Constant(value: v)).map { Law(law: $0) } }.eraseToAny()),
        (
            "empirical",
            Gen.double(in: -1e3...1e3).array(of: 1...40)
                .map { v in (try? Empirical(values: v)).map { Law(law: $0) } }.eraseToAny()
        ),
    ]

    @Test(arguments: 0..<laws.count)
    func everyGeneratedParameterSetIsValid(_ index: Int) {
        let (name, generator) = Self.laws[index]
        seededPropertyCheck(count: 50, seed: 7_000 + UInt64(index), input: generator) { law in
            #expect(law != nil, "\(name): the generator produced parameters the law refuses")
        }
    }

    @Test(arguments: 0..<laws.count)
    func quantileInvertsCDF(_ index: Int) {
        let (name, generator) = Self.laws[index]
        seededPropertyCheck(count: 40, seed: 100 + UInt64(index), input: zip(generator, Gen.double(in: 1e-6...(1 - 1e-6)))) {
            law, p in
            guard let law = law?.law else { return }
            let x = law.quantile(p)
            #expect(x.isFinite, "\(name) \(law): quantile(\(p)) = \(x)")
            if law.isDiscrete {
                // The smallest atom with cdf >= p: at x the cdf has reached p; just below it, not.
                #expect(law.cdf(x) >= p - 1e-12, "\(name) \(law): cdf(quantile(\(p))) = \(law.cdf(x))")
                let below = x - max(1e-9 * abs(x), 1e-9)
                #expect(law.cdf(below) < p + 1e-12, "\(name) \(law): cdf just below quantile(\(p)) = \(law.cdf(below))")
            } else {
                #expect(abs(law.cdf(x) - p) <= 1e-9 + 1e-7 * min(p, 1 - p), "\(name) \(law): cdf(quantile(\(p))) = \(law.cdf(x))")
            }
        }
    }

    @Test(arguments: 0..<laws.count)
    func samplesAreFiniteAndInsideTheSupport(_ index: Int) {
        let (name, generator) = Self.laws[index]
        seededPropertyCheck(count: 30, seed: 200 + UInt64(index), input: zip(generator, Gen.uint64())) { law, seed in
            guard let law = law?.law else { return }
            var rng = RandomStream(seed: seed)
            let draws = law.samples(4_096, using: &rng)
            let (lo, hi) = law.support
            let outside = draws.filter { !$0.isFinite || $0 < lo || $0 > hi }
            #expect(outside.isEmpty, "\(name) \(law): \(outside.prefix(3)) outside [\(lo), \(hi)]")
        }
    }

    @Test(arguments: 0..<laws.count)
    func sampleMomentsMatchExactOnes(_ index: Int) {
        let (name, generator) = Self.laws[index]
        seededPropertyCheck(count: 12, seed: 300 + UInt64(index), input: zip(generator, Gen.uint64())) { law, seed in
            guard let law = law?.law else { return }
            var rng = RandomStream(seed: seed)
            let n = 20_000
            let draws = law.samples(n, using: &rng)
            let mean = draws.reduce(0, +) / Double(n)
            let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
            let sd = law.variance.squareRoot()
            // Five standard errors (the seed is fixed, so this cannot flake; it catches a wrong
            // parameterisation, which is off by far more).
            #expect(
                abs(mean - law.mean) <= 5 * sd / Double(n).squareRoot() + 1e-12 * abs(law.mean),
                "\(name) \(law): sample mean \(mean) vs \(law.mean)")
            if law.variance > 0 {
                #expect(abs(variance / law.variance - 1) < 0.3, "\(name) \(law): sample variance \(variance) vs \(law.variance)")
            } else {
                #expect(variance <= 1e-24 * law.mean * law.mean, "\(name) \(law): variance \(variance) of a law without spread")
            }
        }
    }
}
