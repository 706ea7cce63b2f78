import PropertyBased
import Testing

/// PropertyBased's `propertyCheck` with a fixed seed, so that a property test draws the same
/// inputs on every run and never flakes.
///
/// PropertyBased seeds each run from the system's random source; its `.fixedSeed` trait is meant
/// for reproducing one failure (it runs a single input and always records an issue). This helper
/// keeps the library's generators and draws `count` inputs from `Xoshiro` seeded with `seed`.
/// A failing input is named in an issue, with the index of the draw.
///
/// - Parameters:
///   - count: inputs to try.
///   - seed: the generator's seed; change it to explore other inputs.
///   - input: the generator (compose several with PropertyBased's `zip`).
///   - body: the property; `#expect` inside it as usual.
public func seededPropertyCheck<Value>(
    count: Int = 100, seed: UInt64, input: Generator<Value, some Sequence>,
    sourceLocation: SourceLocation = #_sourceLocation,
    perform body: (Value) throws -> Void
) {
    var rng = Xoshiro(seed: (seed, seed ^ 0x9E37_79B9_7F4A_7C15, ~seed, 0xD1B5_4A32_D192_ED03))
    for index in 0..<count {
        let value = input.run(using: &rng)
        do {
            try body(value)
        } catch {
            Issue.record("input \(index) (seed \(seed)): \(value) threw \(error)", sourceLocation: sourceLocation)
            return
        }
    }
}
