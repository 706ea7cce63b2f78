import Distributions
import PropertyBased
import TestSupport
import Testing

@Suite struct RandomStreamTests {
    /// The first outputs at seed 42, recorded so that any change to the generator shows up.
    static let firstWords: [UInt64] = [
        15_021_278_609_987_233_951, 5_881_210_131_331_364_753, 18_149_643_915_985_481_100, 12_933_668_939_759_105_464,
        14_637_574_242_682_825_331,
    ]
    static let firstNormals: [Double] = [
        -0.49297103078205406, 0.9061814705269317, -0.04685450876586601, -0.6901265891330518, -0.670953712618856,
    ]

    @Test func firstOutputsAtSeed42AreUnchanged() {
        var rng = RandomStream(seed: 42)
        #expect((0..<Self.firstWords.count).map { _ in rng.next() } == Self.firstWords)
        var normals = RandomStream(seed: 42)
        for expected in Self.firstNormals { expectClose(normals.standardNormal(), expected, relative: 1e-14) }
    }

    @Test func sameSeedGivesSameSequence() async {
        seededPropertyCheck(seed: 1_387_858_175, input: Gen.uint64()) { seed in
            var a = RandomStream(seed: seed), b = RandomStream(seed: seed)
            for _ in 0..<16 { #expect(a.next() == b.next()) }
        }
    }

    @Test func substreamDoesNotDependOnDrawsFromTheParent() async {
        seededPropertyCheck(seed: 3_417_332_037, input: zip(Gen.uint64(), Gen.uint64(), Gen.int(in: 0...100))) {
            seed, index, burn in
            let fresh = RandomStream(seed: seed)
            var used = fresh
            for _ in 0..<burn { _ = used.next() }
            var a = fresh.substream(index), b = used.substream(index)
            for _ in 0..<8 { #expect(a.next() == b.next()) }
        }
    }

    @Test func substreamsDifferFromEachOtherAndFromTheParent() async {
        seededPropertyCheck(seed: 3_166_136_787, input: zip(Gen.uint64(), Gen.uint64())) { seed, index in
            let parent = RandomStream(seed: seed)
            var a = parent.substream(index), b = parent.substream(index &+ 1), p = parent
            let (x, y, z) = (a.next(), b.next(), p.next())
            #expect(x != y)
            #expect(x != z)
        }
    }

    @Test func substreamDoesNotAdvanceTheParent() {
        var a = RandomStream(seed: 3)
        let b = a
        _ = a.substream(5)
        var c = b
        #expect(a.next() == c.next())
    }

    @Test func uniformStaysInsideTheOpenInterval() {
        var rng = RandomStream(seed: 17)
        var lowest = 1.0, highest = 0.0
        for _ in 0..<100_000 {
            let u = rng.uniform()
            lowest = min(lowest, u)
            highest = max(highest, u)
        }
        #expect(lowest > 0 && highest < 1)
        #expect(lowest < 1e-3 && highest > 1 - 1e-3)
    }

    @Test func uniformIsUniform() {
        var rng = RandomStream(seed: 21)
        let samples = (0..<20_000).map { _ in rng.uniform() }
        let d = kolmogorovSmirnovStatistic(samples) { $0 }
        #expect(d < kolmogorovSmirnovCritical(samples.count))
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func standardNormalIsNormal(seed: UInt64) {
        var rng = RandomStream(seed: seed)
        let samples = (0..<20_000).map { _ in rng.standardNormal() }
        let d = kolmogorovSmirnovStatistic(samples, cdf: normalCDF)
        #expect(d < kolmogorovSmirnovCritical(samples.count))
    }

    /// The tail beyond the base strip (|z| > 3.654) is sampled by a separate path; its mass
    /// must match 2Φ(-3.6541528853610088) = 2.5802e-4.
    @Test func standardNormalTailHasTheRightMass() {
        var rng = RandomStream(seed: 5)
        let n = 2_000_000
        var tail = 0
        for _ in 0..<n where abs(rng.standardNormal()) > 3.6541528853610088 { tail += 1 }
        let expected = Double(n) * 2 * normalCDF(-3.6541528853610088)
        #expect(abs(Double(tail) - expected) < 4 * expected.squareRoot(), "\(tail) tail draws, expected \(expected)")
    }

    @Test func standardExponentialIsExponential() {
        var rng = RandomStream(seed: 8)
        let samples = (0..<20_000).map { _ in rng.standardExponential() }
        let exponential = try! Gamma(shape: 1, scale: 1)
        let d = kolmogorovSmirnovStatistic(samples, cdf: exponential.cdf)
        #expect(d < kolmogorovSmirnovCritical(samples.count))
    }

    @Test func streamsOfNeighbouringSubstreamsAreUncorrelated() {
        let parent = RandomStream(seed: 99)
        var sum = 0.0
        let n = 20_000
        for i in 0..<UInt64(n) {
            var a = parent.substream(i), b = parent.substream(i + 1)
            sum += (a.uniform() - 0.5) * (b.uniform() - 0.5)
        }
        // Correlation estimate; its standard error is 1/√n.
        let correlation = sum / Double(n) * 12
        #expect(abs(correlation) < 4 / Double(n).squareRoot())
    }
}
