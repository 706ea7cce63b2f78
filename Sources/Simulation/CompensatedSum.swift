/// A running sum with Neumaier's compensation, so that millions of terms of different sizes
/// add up to within a few ulps instead of drifting by the count times an ulp.
public struct CompensatedSum: Sendable, Hashable {
    @usableFromInline var sum: Double = 0
    @usableFromInline var compensation: Double = 0

    public init() {}

    public init(_ values: some Sequence<Double>) {
        for v in values { add(v) }
    }

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

    @inlinable
    public mutating func add(_ other: CompensatedSum) {
        add(other.sum)
        add(other.compensation)
    }

    /// The compensated total.
    @inlinable
    public var value: Double { sum + compensation }
}
