import RealModule

/// The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a).
///
/// Uses the power series for x < a + 1 and the Legendre continued fraction (modified Lentz)
/// otherwise, each in the region where it converges fast and without cancellation
/// (Numerical Recipes §6.2). NaN for a <= 0 or x < 0.
func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    guard a > 0, x >= 0 else { return .nan }
    if x == 0 { return 0 }
    if x == .infinity { return 1 }
    return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x)
}

/// The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), computed directly so
/// that small upper tails keep their relative precision.
func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
    guard a > 0, x >= 0 else { return .nan }
    if x == 0 { return 1 }
    if x == .infinity { return 0 }
    return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x)
}

/// exp(-x) x^a / Γ(a), the common factor of both expansions, in log space.
private func gammaPrefactorLog(_ a: Double, _ x: Double) -> Double {
    -x + a * Double.log(x) - Double.logGamma(a)
}

private func gammaSeries(_ a: Double, _ x: Double) -> Double {
    var ap = a
    var term = 1 / a
    var sum = term
    for _ in 0..<100_000 {
        ap += 1
        term *= x / ap
        sum += term
        if abs(term) < abs(sum) * 1e-17 { break }
    }
    return sum * Double.exp(gammaPrefactorLog(a, x))
}

private func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1...100_000 {
        let an = -Double(i) * (Double(i) - a)
        b += 2
        d = an * d + b
        if abs(d) < tiny { d = tiny }
        c = b + an / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return Double.exp(gammaPrefactorLog(a, x)) * h
}
