/// A running sum with Neumaier's compensation, so that millions of terms of different sizes
/// add up to within a few ulps instead of drifting by the count times an ulp.
///
/// ```swift
/// var s = CompensatedSum()
/// for x in costs { s.add(x) }
/// let total = s.value
/// ```
public struct CompensatedSum: Sendable, Hashable {
    @usableFromInline var sum: Double = 0
    @usableFromInline var compensation: Double = 0

    /// An empty sum (value 0).
    @inlinable
    public init() {}

    /// The sum of `values`, added in sequence order.
    @inlinable
    public init(_ values: some Sequence<Double>) {
        for v in values { add(v) }
    }

    /// Adds one term.
    @inlinable
    public mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) {
            compensation += (sum - t) + x
        } else {
            compensation += (x - t) + sum
        }
        sum = t
    }

    /// Adds another running sum (its sum, then its compensation).
    @inlinable
    public mutating func add(_ other: CompensatedSum) {
        add(other.sum)
        add(other.compensation)
    }

    /// The compensated total.
    @inlinable
    public var value: Double { sum + compensation }
}
