import RealModule

/// log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b).
func logBeta(_ a: Double, _ b: Double) -> Double {
    Double.logGamma(a) + Double.logGamma(b) - Double.logGamma(a + b)
}

/// The regularized incomplete beta function I_x(a, b).
///
/// Evaluates the continued fraction (modified Lentz, Numerical Recipes §6.4) on whichever side
/// of the mean converges fast, using I_x(a, b) = 1 - I_{1-x}(b, a). NaN for a, b <= 0 or x
/// outside [0, 1].
func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
    guard a > 0, b > 0, x >= 0, x <= 1 else { return .nan }
    if x == 0 { return 0 }
    if x == 1 { return 1 }
    if x < (a + 1) / (a + b + 2) {
        return betaFront(a, b, x) * betaContinuedFraction(a, b, x) / a
    }
    return 1 - betaFront(b, a, 1 - x) * betaContinuedFraction(b, a, 1 - x) / b
}

/// 1 - I_x(a, b), computed without cancellation when I_x(a, b) is close to 1.
func regularizedIncompleteBetaComplement(_ a: Double, _ b: Double, _ x: Double) -> Double {
    guard a > 0, b > 0, x >= 0, x <= 1 else { return .nan }
    if x == 0 { return 1 }
    if x == 1 { return 0 }
    if x < (a + 1) / (a + b + 2) {
        return 1 - betaFront(a, b, x) * betaContinuedFraction(a, b, x) / a
    }
    return betaFront(b, a, 1 - x) * betaContinuedFraction(b, a, 1 - x) / b
}

/// x^a (1-x)^b / B(a, b).
private func betaFront(_ a: Double, _ b: Double, _ x: Double) -> Double {
    Double.exp(a * Double.log(x) + b * Double.log(onePlus: -x) - logBeta(a, b))
}

private func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    let qab = a + b, qap = a + 1, qam = a - 1
    var c = 1.0
    var d = 1 - qab * x / qap
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...100_000 {
        let m = Double(m), m2 = 2 * m
        var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        if abs(d) < tiny { d = tiny }
        c = 1 + aa / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        if abs(d) < tiny { d = tiny }
        c = 1 + aa / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return h
}
