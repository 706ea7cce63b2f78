import TestSupport
import Testing

@testable import Distributions

/// The kernel copula's marginal step: Φ⁻¹ of a normal mixture's CDF, by table and exactly.
@Suite struct KernelScoreMapTests {
    /// Golden values from scipy: `norm.ppf(norm.cdf((z - c) / b).mean())` (the upper tail through
    /// `norm.sf`) for centres -1, 0, 2 and bandwidth 0.5; -4 is read from the table, 6.5 lies
    /// beyond it and is summed exactly.
    @Test func goldenValues() throws {
        let map = try KernelScoreMap(centres: [-1, 0, 2], bandwidth: 0.5)
        expectClose(map.value(0.3), 0.18607631212871398, relative: 1e-9, "z 0.3")
        expectClose(map.value(-4), -6.175936185968389, relative: 1e-9, "z -4")
        expectClose(map.value(6.5), 9.119834372268874, relative: 1e-12, "z 6.5")
    }

    /// Draws of the mixture (a centre chosen at random plus b times a standard normal) come out
    /// standard normal: KS against Φ at fixed seeds, and the table against the exact sums.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func mixtureDrawsBecomeStandardNormal(seed: UInt64) throws {
        var rng = RandomStream(seed: seed)
        let centres = (0..<50).map { _ in rng.standardNormal() * 0.9 + 0.1 }
        let map = try KernelScoreMap(centres: centres, bandwidth: 0.4)
        var out: [Double] = []
        for _ in 0..<20_000 {
            let i = min(Int(rng.uniform() * 50), 49)
            out.append(map.value(centres[i] + 0.4 * rng.standardNormal()))
        }
        let d = kolmogorovSmirnovStatistic(out, cdf: normalCDF)
        #expect(d < kolmogorovSmirnovCritical(out.count), "seed \(seed): D \(d)")
        for z in stride(from: -4.0, through: 4.0, by: 0.137) {
            expectClose(map.value(z), KernelScoreMap.exact(z, centres, 0.4).score, relative: 1e-7, absolute: 1e-9, "z \(z)")
        }
    }

    @Test func parametersAreValidated() {
        #expect(throws: DistributionError.emptyData) { try KernelScoreMap(centres: [], bandwidth: 0.5) }
        #expect(throws: DistributionError.notFinite(parameter: "score", value: .nan)) {
            try KernelScoreMap(centres: [0, .nan], bandwidth: 0.5)
        }
        #expect(throws: DistributionError.nonPositive(parameter: "bandwidth", value: 0)) {
            try KernelScoreMap(centres: [0, 1], bandwidth: 0)
        }
        #expect(throws: DistributionError.notFinite(parameter: "bandwidth", value: .infinity)) {
            try KernelScoreMap(centres: [0, 1], bandwidth: .infinity)
        }
    }
}
