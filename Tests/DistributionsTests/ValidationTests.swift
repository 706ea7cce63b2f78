// Tests: Validation.swift, UnivariateDistribution.swift
import Foundation
import Testing

@testable import Distributions

/// The parameter checks every law's initialiser runs, and the protocol's default methods.
@Suite struct ValidationTests {
    static func error(
        _ check: (String, Double) throws(DistributionError) -> Void, _ name: String, _ value: Double
    ) -> DistributionError? {
        do throws(DistributionError) {
            try check(name, value)
            return nil
        } catch {
            return error
        }
    }

    @Test func eachCheckNamesTheParameterAndTheRule() {
        // NaN is not equal to itself, so the case is matched, not compared.
        if case .notFinite(parameter: "mu", _)? = Self.error(Check.finite, "mu", .nan) {} else { Issue.record("NaN passed") }
        #expect(Self.error(Check.finite, "mu", .infinity) == .notFinite(parameter: "mu", value: .infinity))
        #expect(Self.error(Check.positive, "sigma", 0) == .nonPositive(parameter: "sigma", value: 0))
        #expect(Self.error(Check.positive, "sigma", .infinity) == .notFinite(parameter: "sigma", value: .infinity))
        #expect(Self.error(Check.nonNegative, "shift", -1) == .negative(parameter: "shift", value: -1))
        #expect(Self.error(Check.nonNegative, "shift", 0) == nil)
        #expect(Self.error(Check.probability, "p", 1.5) == .probabilityOutsideUnitInterval(parameter: "p", value: 1.5))
        #expect(Self.error(Check.probability, "p", 0) == nil && Self.error(Check.probability, "p", 1) == nil)
        #expect(abs(normalQuantile90 - normalQuantile(0.9)) < 1e-12)
        #expect(abs(logSqrtTwoPi - 0.5 * log(2 * Double.pi)) < 1e-15)
    }

    /// A law that only has `sample`: the default `fill` and `samples` draw from it in order.
    struct Counter: UnivariateDistribution {
        var description: String { "counter" }
        var isDiscrete: Bool { true }
        var mean: Double { 0 }
        var variance: Double { 4 }
        var support: (lower: Double, upper: Double) { (0, .infinity) }
        func sample(using rng: inout RandomStream) -> Double { Double(rng.next() % 1000) }
        func cdf(_ x: Double) -> Double { 0 }
        func quantile(_ p: Double) -> Double { 0 }
        func logDensity(_ x: Double) -> Double { 0 }
    }

    @Test func defaultMethodsDrawInOrderAndAdvanceTheStream() {
        let law = Counter()
        #expect(law.standardDeviation == 2)
        var a = RandomStream(seed: 5), b = RandomStream(seed: 5)
        let drawn = law.samples(10, using: &a)
        let one = (0..<10).map { _ in law.sample(using: &b) }
        #expect(drawn == one)
        // The stream moved on by exactly the draws made.
        #expect(a.next() == b.next())
        #expect(law.samples(0, using: &a).isEmpty)
    }
}
