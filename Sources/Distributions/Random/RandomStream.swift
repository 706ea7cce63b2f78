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
    /// The xoshiro256++ state; every draw is made by ``Words``' methods.
    @usableFromInline var words: Words
    /// The value this stream was seeded from; children are derived from it.
    @usableFromInline let seedMaterial: UInt64

    /// Creates a stream whose state is expanded from `seed` by SplitMix64.
    public init(seed: UInt64) {
        var sm = seed
        words = Words(s0: Self.splitMix64(&sm), s1: Self.splitMix64(&sm), s2: Self.splitMix64(&sm), s3: Self.splitMix64(&sm))
        seedMaterial = seed
    }

    /// A deterministic, statistically independent child stream for `index`.
    ///
    /// Does not advance `self`. The same (seed, index) always gives the same child, however many
    /// numbers were drawn from `self` before; different indices give different children.
    /// Children can themselves be split.
    ///
    /// - Complexity: O(1): three SplitMix64 rounds and a seeding, whatever `index` is.
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
    public mutating func next() -> UInt64 { words.next() }

    /// A uniform number in the open interval (0, 1): a multiple of 2^-53, never exactly 0 or 1.
    @inlinable @inline(__always)
    public mutating func uniform() -> Double { words.uniform() }

    /// The integer behind ``uniform()``: the same draw as k in [1, 2^53), where `uniform()`
    /// would have returned exactly `Double(k) * 0x1p-53`. For comparisons made without a
    /// conversion (see ``uniformThreshold(_:)``).
    @inlinable @inline(__always)
    public mutating func uniformBits() -> UInt64 { words.uniformBits() }

    /// The integer `t` with `uniform() < p` exactly when the same draw's ``uniformBits()`` is
    /// below `t`: ceil(p * 2^53) clamped to [0, 2^53], 0 for NaN. Scaling by a power of two is
    /// exact, and k < x is k < ceil(x) for an integer k.
    public static func uniformThreshold(_ p: Double) -> UInt64 {
        guard p > 0 else { return 0 }
        guard p < 1 else { return 1 << 53 }
        return UInt64((p * 0x1p53).rounded(.up))
    }

    /// A standard normal number, by the ziggurat method.
    ///
    /// Uses Doornik's ZIGNOR variant of the Marsaglia–Tsang ziggurat with 256 layers: one
    /// 64-bit draw supplies both the layer (low 8 bits) and a signed 53-bit uniform (high bits),
    /// which is accepted without further work about 99% of the time. The rare wedge and tail
    /// cases are handled out of line.
    @inlinable
    public mutating func standardNormal() -> Double {
        words.standardNormal(table: NormalZiggurat.table)
    }

    /// ``standardNormal()`` with the ziggurat tables passed in, so that batch loops load them
    /// once rather than once per draw.
    @inlinable @inline(__always)
    mutating func standardNormal(table: NormalZiggurat) -> Double {
        words.standardNormal(table: table)
    }

    /// Fills `out` with standard normals: exactly the numbers, and the final state, that
    /// repeated ``standardNormal()`` calls would give.
    @inlinable
    public mutating func fillStandardNormals(_ out: UnsafeMutableBufferPointer<Double>) {
        guard let base = out.baseAddress, !out.isEmpty else { return }
        words = Words.standardNormals(base, count: out.count, words)
    }

    /// A standard exponential number, by inversion: `-log(U)` with U uniform on (0, 1).
    @inlinable
    public mutating func standardExponential() -> Double {
        -Double.log(uniform())
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

extension RandomStream {
    /// The four state words of xoshiro256++ and the draws made from them.
    ///
    /// Batch loops (the laws' `fill`) keep a `Words` in a local variable inside a function that
    /// is not inlined and gets and returns the words by value: four words travel in registers,
    /// so the state stays in registers through the loop. Drawing from a `RandomStream` held
    /// `inout` instead leaves the state in the caller's memory, stored back on every draw (the
    /// compiler cannot tell it apart from the output buffer). The numbers are the same.
    @usableFromInline
    struct Words: Sendable {
        @usableFromInline var s0: UInt64
        @usableFromInline var s1: UInt64
        @usableFromInline var s2: UInt64
        @usableFromInline var s3: UInt64

        @inlinable
        init(s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64) {
            self.s0 = s0
            self.s1 = s1
            self.s2 = s2
            self.s3 = s3
        }

        /// The next 64 random bits (xoshiro256++).
        @inlinable @inline(__always)
        mutating func next() -> UInt64 {
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

        /// See ``RandomStream/uniform()``.
        @inlinable @inline(__always)
        mutating func uniform() -> Double {
            Double(uniformBits()) * 0x1p-53
        }

        /// See ``RandomStream/uniformBits()``: the top 53 bits, drawn again while they are 0.
        @inlinable @inline(__always)
        mutating func uniformBits() -> UInt64 {
            var bits = next() >> 11
            while _slowPath(bits == 0) { bits = next() >> 11 }
            return bits
        }

        /// See ``RandomStream/standardNormal()``.
        @inlinable @inline(__always)
        mutating func standardNormal(table: NormalZiggurat) -> Double {
            while true {
                let bits = next()
                let i = Int(truncatingIfNeeded: bits & 0xFF)
                let u = Double(Int64(bitPattern: bits) >> 11) * 0x1p-52
                // About 99 % of draws end here; the hint keeps the register allocator's spills
                // for the slow path's call out of this path.
                if _fastPath(abs(u) < table.ratio[i]) { return u * table.x[i] }
                // By value in and out, so that the caller's words need no address.
                let r = Self.normalOutsideRectangles(layer: i, u: u, self)
                self = r.words
                if r.accepted { return r.z }
            }
        }

        /// Standard normals into `out[0..<count]`, from `words`; returns the words after them.
        @usableFromInline @inline(never)
        static func standardNormals(_ out: UnsafeMutablePointer<Double>, count: Int, _ words: Words) -> Words {
            var w = words
            let table = NormalZiggurat.table
            for i in 0..<count { out[i] = w.standardNormal(table: table) }
            return w
        }

        /// The slow path of ``standardNormal(table:)``: the base strip's tail and the wedges.
        /// `accepted` is false when the candidate is rejected.
        @usableFromInline @inline(never)
        static func normalOutsideRectangles(layer i: Int, u: Double, _ words: Words) -> (z: Double, accepted: Bool, words: Words)
        {
            var w = words
            let table = NormalZiggurat.table
            if i == 0 {
                // Marsaglia's tail method beyond R.
                let r = NormalZiggurat.r
                while true {
                    let x = Double.log(w.uniform()) / r
                    let y = Double.log(w.uniform())
                    if -2 * y >= x * x { return (u < 0 ? x - r : r - x, true, w) }
                }
            }
            let x = u * table.x[i]
            let f0 = table.f[i], f1 = table.f[i + 1]
            if f0 + w.uniform() * (f1 - f0) < Double.exp(-0.5 * x * x) { return (x, true, w) }
            return (0, false, w)
        }
    }
}

extension UInt64 {
    @inlinable @inline(__always)
    func rotatedLeft(_ k: UInt64) -> UInt64 { (self &<< k) | (self &>> (64 &- k)) }
}
