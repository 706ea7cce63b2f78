import Distributions
import Foundation
import NumericalMethods
import Simulation
import TestSupport
import Testing

/// Extreme but legal inputs give finite, correct numbers (or a clear error), never NaN or Inf in
/// a report; sums of millions of terms stay accurate.
@Suite struct ExtremeInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        /// Expected figures of the JSON report (top level), exact or within 1e-9 relative.
        var expected: [String: Double]
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        // Prices of $0: spend 0, and the shares that divide by it stay 0.
        Case(file: "extreme-zeroprice.yaml", expected: ["cost_per_thread": 0, "waste_share": 0]),
        // One-shot rate 1, off-the-rails 0, cache hit rate 1: one attempt each, all complete.
        Case(file: "extreme-probs01.yaml", expected: ["completion_rate": 1, "attempts_per_thread": 1, "waste_share": 0]),
        // One-shot rate 0, off-the-rails 1: every attempt fails and is waste, up to max_attempts.
        Case(file: "extreme-probs10.yaml", expected: ["completion_rate": 0, "attempts_per_thread": 3, "waste_share": 1]),
        // One-shot rate 0 with max_attempts 100: a hundred attempts per thread, none completes.
        Case(file: "extreme-oneshot0.yaml", expected: ["completion_rate": 0, "attempts_per_thread": 100]),
        // Turns with median 12 and p90 490, so p99 ≈ 10,000: compaction keeps every attempt finite.
        Case(file: "extreme-turns.yaml", expected: [:]),
        // A trillion tokens per turn and of base context, in a window that holds them.
        Case(file: "extreme-trillion.yaml", expected: [:]),
        // No threads at all: zero spend, no division by zero.
        Case(file: "extreme-nothreads.yaml", expected: ["cost_per_thread": 0, "completion_rate": 0]),
    ]

    @Test(arguments: cases)
    func reportIsFiniteAndCorrect(_ c: Case) throws {
        let result = try CommandRunner.run([
            "run", RepositoryPaths.root.appendingPathComponent("fixtures/reliability/\(c.file)").path, "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        // JSONSerialization refuses NaN and Inf, and the text must not smuggle them in as strings.
        let lowered = result.stdout.lowercased()
        for word in ["nan", "inf", "null"] {
            #expect(
                !lowered.contains(": \(word)") && !lowered.contains(":\(word)") && !lowered.contains("\"\(word)\""),
                "\(c.file): \(word) in the report")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for (key, value) in c.expected {
            let actual = try #require(json[key] as? Double, "\(key) missing")
            #expect(abs(actual - value) <= 1e-9 * max(1, abs(value)), "\(c.file): \(key) = \(actual), expected \(value)")
        }
        let annual = try #require(json["annual"] as? [String: Any])
        for (key, value) in annual {
            let number = try #require(value as? Double, "annual.\(key)")
            #expect(number.isFinite && number >= 0, "\(c.file): annual.\(key) = \(number)")
        }
    }

    @Test func aTrillionTokenBaseContextInTheDefaultWindowIsAClearError() throws {
        let path = RepositoryPaths.root.appendingPathComponent("fixtures/reliability/extreme-trillion-default-window.yaml").path
        let result = try CommandRunner.run(["run", path, "--format", "json"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: \(path):7:16: model 'opus': the base context (mean 1000000000000 tokens, constant) does not fit the 200000 token context window: lower base_context or raise context_window\n"
        )
    }

    /// Ten million terms spanning 2^-20 .. 2^40, positive and negative, summed with
    /// `CompensatedSum`, against the exact sum (all terms are multiples of 2^-20, so a 128-bit
    /// integer holds the exact total).
    @Test func compensatedSumOfTenMillionMixedTermsIsAccurate() {
        var rng = RandomStream(seed: 99)
        var exact: Int128 = 0
        var compensated = CompensatedSum()
        var naive = 0.0
        for _ in 0..<10_000_000 {
            let bits = rng.next()
            let mantissa = Int64(bits >> 44) - (1 << 19)  // 20-bit signed
            let exponent = Int((bits >> 8) % 61) - 20  // -20 ... 40
            let term = Double(mantissa) * Double(sign: .plus, exponent: exponent, significand: 1)
            exact += Int128(mantissa) << (exponent + 20)
            compensated.add(term)
            naive += term
        }
        let reference = Double(exact) / 1_048_576
        let relative = abs(compensated.value - reference) / abs(reference)
        #expect(relative < 1e-9, "compensated relative error \(relative) (naive \(abs(naive - reference) / abs(reference)))")
    }
}
