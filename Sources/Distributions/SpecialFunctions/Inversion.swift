/// Solves cdf(x) = p for a continuous law by Newton's method safeguarded by bisection.
///
/// Keeps a bracket [lo, hi] around the root; a Newton step that leaves it is replaced by a
/// bisection (geometric when the bracket spans orders of magnitude on the positive axis). For
/// p > 0.5 the equation is solved on the survival function, so upper-tail quantiles keep their
/// relative precision. Stops at about 1e-14 relative change.
func invertContinuousCDF(
    _ p: Double, initial: Double, lower: Double, upper: Double,
    cdf: (Double) -> Double, survival: (Double) -> Double, density: (Double) -> Double
) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    if p == 0 { return lower }
    if p == 1 { return upper }
    let useSurvival = p > 0.5
    let q = 1 - p
    // g(x) is increasing in x with its root at the quantile.
    func g(_ x: Double) -> Double { useSurvival ? q - survival(x) : cdf(x) - p }
    var lo = lower, hi = upper
    var x = initial
    if !(x > lo && x < hi) || !x.isFinite { x = hi.isFinite ? (lo + hi) / 2 : max(lo, 0) + 1 }
    for _ in 0..<400 {
        let gx = g(x)
        if gx == 0 { return x }
        if gx < 0 { lo = x } else { hi = x }
        var next = x - gx / density(x)
        if !(next > lo && next < hi) || !next.isFinite {
            if !hi.isFinite {
                next = x > 0 ? 2 * x : (x == 0 ? 1 : x / 2)
            } else if !lo.isFinite {
                next = x < 0 ? 2 * x : (x == 0 ? -1 : x / 2)
            } else if lo > 0, hi > 4 * lo {
                next = (lo * hi).squareRoot()
            } else if lo == 0, hi > 0 {
                next = hi / 16
            } else {
                next = lo + (hi - lo) / 2
            }
        }
        if abs(next - x) <= 1e-14 * abs(x) || next == lo || next == hi { return next }
        x = next
    }
    return x
}

/// The smallest integer k >= lower with cdf(k) >= p, for a law on the integers from `lower`,
/// found by doubling steps from `start` to a bracket, then bisection.
func invertDiscreteCDF(_ p: Double, start: Double, lower: Double, cdf: (Double) -> Double) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    if p == 0 || cdf(lower) >= p { return lower }
    if p == 1 { return .infinity }
    var s = start.isFinite ? max(lower, start.rounded(.down)) : lower
    var lo: Double, hi: Double  // invariant: cdf(lo) < p <= cdf(hi)
    if cdf(s) >= p {
        hi = s
        var step = 1.0
        lo = max(lower, s - step)
        while cdf(lo) >= p {
            hi = lo
            step *= 2
            lo = max(lower, lo - step)
        }
    } else {
        lo = s
        var step = 1.0
        s += step
        while cdf(s) < p {
            lo = s
            step *= 2
            s += step
            if !s.isFinite || s > 0x1p62 { return .infinity }
        }
        hi = s
    }
    while hi - lo > 1 {
        let mid = (lo + (hi - lo) / 2).rounded(.down)
        if cdf(mid) >= p { hi = mid } else { lo = mid }
    }
    return hi
}
