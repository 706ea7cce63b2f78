import TestSupport
import Testing

@testable import Distributions

/// The copula's marginal step: x = F⁻¹(Φ(z)), by closed form, Hermite table or step cuts.
@Suite struct NormalScoreMapTests {
    static let laws: [any UnivariateDistribution] = [
        try! Lognormal(mu: 7, sigma: 0.8),
        try! DiscretisedLognormal(mu: 3, sigma: 0.7),
        try! Beta(alpha: 13.5, beta: 0.51),
        try! Gamma(shape: 1.06, scale: 75),
        try! NegativeBinomial(r: 2.4, p: 0.074),
        try! ZeroInflated(zeroShare: 0.39, base: try! Gamma(shape: 1.06, scale: 75)),
        try! Constant(value: 6_800),
        try! FlooredLognormal(mu: 3.4, sigma: 0.6),
    ]

    /// Against the exact quantile at scores across the range: continuous laws within 1e-6
    /// relative, integer laws exactly.
    @Test(arguments: 0..<NormalScoreMapTests.laws.count)
    func agreesWithTheExactQuantile(index: Int) {
        let law = Self.laws[index]
        let map = NormalScoreMap(law)
        for i in 0...400 {
            let z = -6 + Double(i) * 0.03 + 0.0071
            let exact = law.quantile(normalCDF(z))
            let mapped = map.value(z)
            if law.isDiscrete {
                #expect(mapped == exact, "\(law) at z \(z): \(mapped) vs \(exact)")
            } else {
                #expect(abs(mapped - exact) <= 1e-6 * max(abs(exact), 1e-3), "\(law) at z \(z): \(mapped) vs \(exact)")
            }
        }
    }

    /// Laws unbounded above get a table too (it ends where Φ(z) rounds to 1 and their quantile is
    /// infinite); before, that top node left them with none and every score took the exact path.
    @Test func lawsUnboundedAboveAreTabulated() throws {
        for law: any UnivariateDistribution in [
            try Gamma(shape: 1.06, scale: 75), try StudentT(degreesOfFreedom: 4), try Weibull(shape: 1.5, scale: 800),
        ] {
            let map = NormalScoreMap(law)
            #expect(map.kind == .table, "\(law)")
            // Past the table's end the exact quantile takes over.
            expectClose(map.value(8.4), law.quantile(normalCDF(8.4)), relative: 1e-12, "\(law) at 8.4")
        }
    }

    /// Mapped standard normals are draws of the law: KS against its exact CDF at a fixed seed
    /// (laws without an atom; the zero-inflated one is checked on its atom's share and the rest).
    @Test(arguments: [0, 2, 3])
    func mappedNormalsFollowTheLaw(index: Int) {
        let law = Self.laws[index]
        var rng = RandomStream(seed: 4242 + UInt64(index))
        var z = [Double](repeating: 0, count: 20_000)
        z.withUnsafeMutableBufferPointer { rng.fillStandardNormals($0) }
        var x = z
        z.withUnsafeBufferPointer { zb in x.withUnsafeMutableBufferPointer { NormalScoreMap(law).apply(zb, into: $0) } }
        let d = kolmogorovSmirnovStatistic(x, cdf: law.cdf)
        #expect(d < kolmogorovSmirnovCritical(x.count), "KS D = \(d) for \(law)")
    }

    @Test func theAtomIsCutAtItsExactScore() {
        let law = Self.laws[5]
        let map = NormalScoreMap(law)
        let cut = normalQuantile(0.39)
        #expect(map.value(cut - 1e-9) == 0)
        #expect(map.value(cut + 1e-3) > 0)
    }

    /// The floored log-normal's closed form draws what the law's own sampler draws from the same
    /// normals (its `fill` is max(1, ⌊e^(μ+σz)⌋) of them), including far in the upper tail,
    /// where the integer steps' cuts Φ⁻¹(F(k)) round.
    @Test func flooredLognormalIsItsSamplerOfTheSameNormals() throws {
        let law = try FlooredLognormal(mu: 3.4, sigma: 0.6)
        let map = NormalScoreMap(law)
        #expect(map.kind == .floorLognormal)
        var rng = RandomStream(seed: 77)
        var z = [Double](repeating: 0, count: 10_000)
        var copy = rng
        z.withUnsafeMutableBufferPointer { rng.fillStandardNormals($0) }
        var sampled = z
        sampled.withUnsafeMutableBufferPointer { law.fill($0, using: &copy) }
        var mapped = z
        z.withUnsafeBufferPointer { zb in mapped.withUnsafeMutableBufferPointer { map.apply(zb, into: $0) } }
        #expect(mapped == sampled)
        // z = 7.5: e^(3.4 + 4.5) = 2697.28..., so 2697.
        #expect(map.value(7.5) == 2_697)
        #expect(map.value(-9) == 1)
    }

    @Test func applyEqualsValue() {
        for law in Self.laws {
            let map = NormalScoreMap(law)
            let z = (0..<300).map { -4 + Double($0) * 0.027 }
            var out = [Double](repeating: 0, count: z.count)
            z.withUnsafeBufferPointer { zb in out.withUnsafeMutableBufferPointer { map.apply(zb, into: $0) } }
            for (a, b) in zip(out, z.map(map.value)) { #expect(abs(a - b) <= 1e-12 * max(abs(b), 1), "\(law)") }
        }
    }
}
