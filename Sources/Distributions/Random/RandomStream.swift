import RealModule

/// A seedable, splittable source of random numbers: [xoshiro256++](https://prng.di.unimi.it/)
/// seeded through SplitMix64.
///
/// `RandomStream` is a value type: copying it copies the state, so two copies produce the same
/// numbers. Every draw in tokencast goes through a stream, which makes a run reproducible from
/// one seed whatever the number of cores.
///
/// ## Substreams
/// ``substream(_:)`` derives a child stream for an index (a trial, a batch) by hashing the
/// stream's *seed material* (the 64-bit value it was created from) together with the index
/// through the SplitMix64 finaliser, and seeding a fresh xoshiro256++ state from the result.
/// The child therefore depends only on (seed, index) — not on how many numbers the parent has
/// drawn — so work can be split across threads in any order. This is the scheme of
/// counter-based seeding (as in NumPy's `SeedSequence.spawn`); it does not guarantee
/// non-overlapping sequences the way a xoshiro jump does, but with 2^256 states the chance that
/// two children overlap within any realistic run is negligible, and it is O(1) per child.
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64
    /// The value this stream was seeded from; children are derived from it.
    @usableFromInline let seedMaterial: UInt64

    /// Creates a stream whose state is expanded from `seed` by SplitMix64.
    public init(seed: UInt64) {
        var sm = seed
        s0 = Self.splitMix64(&sm)
        s1 = Self.splitMix64(&sm)
        s2 = Self.splitMix64(&sm)
        s3 = Self.splitMix64(&sm)
        seedMaterial = seed
    }

    /// A deterministic, statistically independent child stream for `index`.
    ///
    /// Does not advance `self`. The same (seed, index) always gives the same child, however many
    /// numbers were drawn from `self` before; different indices give different children.
    /// Children can themselves be split.
    public func substream(_ index: UInt64) -> RandomStream {
        // Two rounds of the SplitMix64 finaliser, with distinct odd constants mixed in, so
        // that substream(i) of seed s is unrelated to RandomStream(seed: s + i) and to the
        // children of neighbouring seeds.
        let h = Self.mix64(seedMaterial ^ 0x6A09_E667_F3BC_C909)
        let child = Self.mix64(h &+ Self.mix64(index &+ 0xBB67_AE85_84CA_A73B))
        return RandomStream(seed: child)
    }

    /// The next 64 random bits (xoshiro256++).
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = (s0 &+ s3).rotatedLeft(23) &+ s0
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(45)
        return result
    }

    /// A uniform number in the open interval (0, 1): a multiple of 2^-53, never exactly 0 or 1.
    @inlinable @inline(__always)
    public mutating func uniform() -> Double {
        var bits = next() >> 11
        while bits == 0 { bits = next() >> 11 }
        return Double(bits) * 0x1p-53
    }

    /// A standard normal number, by the ziggurat method.
    ///
    /// Uses Doornik's ZIGNOR variant of the Marsaglia–Tsang ziggurat with 256 layers: one
    /// 64-bit draw supplies both the layer (low 8 bits) and a signed 53-bit uniform (high bits),
    /// which is accepted without further work about 99% of the time. The rare wedge and tail
    /// cases are handled out of line.
    @inlinable
    public mutating func standardNormal() -> Double {
        standardNormal(table: NormalZiggurat.table)
    }

    /// ``standardNormal()`` with the ziggurat tables passed in, so that batch loops load them
    /// once rather than once per draw.
    @inlinable @inline(__always)
    mutating func standardNormal(table: NormalZiggurat) -> Double {
        while true {
            let bits = next()
            let i = Int(truncatingIfNeeded: bits & 0xFF)
            let u = Double(Int64(bitPattern: bits) >> 11) * 0x1p-52
            if abs(u) < table.ratio[i] { return u * table.x[i] }
            if let z = normalOutsideRectangles(layer: i, u: u) { return z }
        }
    }

    /// A standard exponential number, by inversion: `-log(U)` with U uniform on (0, 1).
    @inlinable
    public mutating func standardExponential() -> Double {
        -Double.log(uniform())
    }

    /// The slow path of ``standardNormal()``: the base strip's tail and the wedges.
    /// Returns nil when the candidate is rejected.
    @usableFromInline
    mutating func normalOutsideRectangles(layer i: Int, u: Double) -> Double? {
        let table = NormalZiggurat.table
        if i == 0 {
            // Marsaglia's tail method beyond R.
            let r = NormalZiggurat.r
            while true {
                let x = Double.log(uniform()) / r
                let y = Double.log(uniform())
                if -2 * y >= x * x { return u < 0 ? x - r : r - x }
            }
        }
        let x = u * table.x[i]
        let f0 = table.f[i], f1 = table.f[i + 1]
        if f0 + uniform() * (f1 - f0) < Double.exp(-0.5 * x * x) { return x }
        return nil
    }

    @usableFromInline
    static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix64(state)
    }

    @usableFromInline
    static func mix64(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UInt64 {
    @inlinable @inline(__always)
    func rotatedLeft(_ k: UInt64) -> UInt64 { (self &<< k) | (self &>> (64 &- k)) }
}
