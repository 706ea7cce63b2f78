/// `exp` for the sampling hot path: branch-free, no libm call, so a loop over a batch compiles
/// to straight-line (and, where the target allows, vector) code.
///
/// Cody–Waite reduction `x = n ln2 + r` with `|r| <= ln2/2`, a degree-13 Taylor polynomial for
/// `e^r` (truncation error below 1e-17 relative), and `2^n` built from the exponent bits. The
/// result is within 2 ulp of the correctly rounded value over [-708, 709]; arguments outside
/// are clamped there (draws so extreme do not occur at any sensible parameters). Used only to
/// turn normal draws into lognormal ones; densities and quantiles keep libm's `exp`.
@inlinable @inline(__always)
func batchExp(_ x: Double) -> Double {
    let log2e = 1.4426950408889634
    let ln2Hi = 0.6931471803691238, ln2Lo = 1.9082149292705877e-10
    // Adding 1.5 * 2^52 rounds to the nearest integer and leaves it in the low mantissa bits.
    let shifter = 6_755_399_441_055_744.0
    let xc = min(max(x, -708.0), 709.0)
    let t = xc * log2e + shifter
    let n = t - shifter
    let r = (xc - n * ln2Hi) - n * ln2Lo
    var p = 1.0 / 6_227_020_800.0
    p = p * r + 1.0 / 479_001_600.0
    p = p * r + 1.0 / 39_916_800.0
    p = p * r + 1.0 / 3_628_800.0
    p = p * r + 1.0 / 362_880.0
    p = p * r + 1.0 / 40_320.0
    p = p * r + 1.0 / 5_040.0
    p = p * r + 1.0 / 720.0
    p = p * r + 1.0 / 120.0
    p = p * r + 1.0 / 24.0
    p = p * r + 1.0 / 6.0
    p = p * r + 0.5
    p = p * r + 1.0
    p = p * r + 1.0
    let k = Int64(bitPattern: t.bitPattern) &- Int64(bitPattern: shifter.bitPattern)
    let scale = Double(bitPattern: UInt64(bitPattern: (k &+ 1023) &<< 52))
    return p * scale
}

/// `ceil` of a positive draw without a libm call; values past 2^52 are whole already.
///
/// Release builds for CPUs with SSE4.1 and up (the Makefile defines `TOKENCAST_ROUND_INSTRUCTION`
/// there) use the rounding instruction, which also vectorises; the portable baseline has none,
/// and `rounded(.up)` would call libm, so it converts through an integer instead. Both are exact.
@inlinable @inline(__always)
func ceilOfPositive(_ x: Double) -> Double {
    #if TOKENCAST_ROUND_INSTRUCTION
    return x.rounded(.up)
    #else
    guard x < 4.5e15 else { return x }
    let t = Double(Int64(x))
    return t < x ? t + 1 : t
    #endif
}

/// `floor` of a positive draw without a libm call; values past 2^52 are whole already.
/// As ``ceilOfPositive(_:)``: the rounding instruction where the Makefile enables it, else a
/// conversion through an integer (truncation is the floor for positive values). Both are exact.
@inlinable @inline(__always)
func floorOfPositive(_ x: Double) -> Double {
    #if TOKENCAST_ROUND_INSTRUCTION
    return x.rounded(.down)
    #else
    guard x < 4.5e15 else { return x }
    return Double(Int64(x))
    #endif
}
