import RealModule

/// Maps standard-normal scores to a law's values, x = F⁻¹(Φ(z)): the marginal step of a
/// Gaussian copula, done for a whole column of draws at once.
///
/// Where a closed form exists it is used (log-normal: exp(μ + σz); its ceiling for the
/// discretised log-normal, max(1, floor) for the floored one; a constant). Other continuous laws are tabulated once at build time
/// on a grid in z and interpolated by cubic Hermite polynomials whose slopes come from the
/// density (dx/dz = φ(z) / f(x)), so no special function is evaluated per draw; an atom at the
/// lower bound (a zero-inflated law) is cut at its exact score Φ⁻¹(P(X = lower)). Integer laws
/// keep the scores at which the value steps up, Φ⁻¹(F(k)), with a guide table over z, so
/// a draw is the exact inverse of the law's CDF up to the precision of Φ⁻¹.
///
/// Scores beyond ±``zLimit`` (probability below 1e-17) take the law's exact quantile.
public struct NormalScoreMap: Sendable {
    /// Scores beyond this magnitude are mapped by the exact quantile.
    public static let zLimit = 8.5
    /// Grid step in z of the continuous tables: 1/32, 545 nodes across ±8.5.
    static let step = 1.0 / 32

    enum Kind: Sendable { case constant, lognormal, ceilLognormal, floorLognormal, table, steps, exact }

    let kind: Kind
    let law: any UnivariateDistribution
    /// constant: the value; lognormal: μ and σ; table: first node z0 and the atom (NaN if none);
    /// steps: the law's lowest value.
    var a = 0.0, b = 0.0
    /// steps: cuts[i] = Φ⁻¹(F(b + i)).
    var xs: [Double] = []
    /// table: ``HermiteTable`` coefficients of the quantile at the nodes z = `a` + i `step`
    /// (slopes dx/dz).
    var hermite: [Double] = []
    /// steps: guide[g] = first i with cuts[i] >= -zLimit + g * step.
    var guide: [Int32] = []

    /// Builds the map of `law`.
    /// - Complexity: O(1) for closed forms; 545 quantile evaluations for a tabulated continuous
    ///   law; one CDF evaluation per integer value up to the 1 - 1e-17 quantile for integer laws.
    public init(_ law: any UnivariateDistribution) {
        self.law = law
        if let c = law as? Constant {
            kind = .constant
            a = c.value
        } else if let l = law as? Lognormal {
            kind = .lognormal
            (a, b) = (l.mu, l.sigma)
        } else if let l = law as? DiscretisedLognormal {
            kind = .ceilLognormal
            (a, b) = (l.mu, l.sigma)
        } else if let l = law as? FlooredLognormal {
            // F(k) = Φ((ln(k + 1) - μ)/σ), so F⁻¹(Φ(z)) = max(1, ⌈e^(μ+σz)⌉ - 1): the floor but
            // where e^(μ+σz) is a whole number (probability 0), as the law's own sampler draws.
            // Closed form rather than the integer steps: no branch per draw (the steps' search
            // mispredicts about once a draw at the turns' usual spread), and exact in the upper
            // tail, where Φ⁻¹(F(k)) rounds.
            kind = .floorLognormal
            (a, b) = (l.mu, l.sigma)
        } else if law.isDiscrete, let (lower, cuts, guide) = Self.integerSteps(law) {
            kind = .steps
            (b, xs, self.guide) = (lower, cuts, guide)
        } else if !law.isDiscrete, let t = Self.continuousTable(law) {
            kind = .table
            (a, b) = (t.z0, t.atom ?? .nan)
            hermite = HermiteTable.coefficients(values: t.x, slopes: t.slope, step: Self.step)
        } else {
            kind = .exact
        }
    }

    /// The law's value at one score.
    public func value(_ z: Double) -> Double {
        switch kind {
        case .constant: return a
        case .lognormal: return Double.exp(a + b * z)
        case .ceilLognormal: return max(1, Double.exp(a + b * z).rounded(.up))
        case .floorLognormal: return max(1, Double.exp(a + b * z).rounded(.down))
        case .table:
            return hermite.withUnsafeBufferPointer { tableValue(z, $0) }
        case .steps:
            return xs.withUnsafeBufferPointer { c in guide.withUnsafeBufferPointer { g in stepValue(z, c, g) } }
        case .exact: return exactValue(z)
        }
    }

    /// Maps every score of `scores` into `out` (the two may be the same buffer).
    /// - Complexity: O(count); closed forms and tables evaluate no special function per draw.
    public func apply(_ scores: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(out.count >= scores.count, "output shorter than the scores")
        let mu = a, sigma = b
        switch kind {
        case .constant:
            for i in scores.indices { out[i] = mu }
        case .lognormal:
            for i in scores.indices { out[i] = batchExp(mu + sigma * scores[i]) }
        case .ceilLognormal:
            for i in scores.indices { out[i] = max(1, batchExp(mu + sigma * scores[i]).rounded(.up)) }
        case .floorLognormal:
            for i in scores.indices { out[i] = max(1, floorOfPositive(batchExp(mu + sigma * scores[i]))) }
        case .table:
            hermite.withUnsafeBufferPointer { c in
                for i in scores.indices { out[i] = tableValue(scores[i], c) }
            }
        case .steps:
            xs.withUnsafeBufferPointer { c in
                guide.withUnsafeBufferPointer { g in
                    for i in scores.indices { out[i] = stepValue(scores[i], c, g) }
                }
            }
        case .exact:
            for i in scores.indices { out[i] = exactValue(scores[i]) }
        }
    }

    @inline(__always)
    func tableValue(_ z: Double, _ c: UnsafeBufferPointer<Double>) -> Double {
        let z0 = a
        if z < z0 { return b.isNaN ? c[0] : b }
        let g = (z - z0) * 32
        guard g < Double(c.count / 4 - 1) else { return exactValue(z) }
        let (i, t) = Self.wholeAndFraction(g)
        return HermiteTable.value(c, interval: i, fraction: t)
    }

    @inline(__always)
    func stepValue(_ z: Double, _ cuts: UnsafeBufferPointer<Double>, _ guide: UnsafeBufferPointer<Int32>) -> Double {
        guard z > -Self.zLimit else { return exactValue(z) }
        // Tested before the conversion: for x >= 0, Int(x) < count exactly when x < count.
        let x = (z + Self.zLimit) * 32
        guard x < Double(guide.count) else { return exactValue(z) }
        var i = Int(guide[Self.wholeAndFraction(x).whole])
        while i < cuts.count && cuts[i] < z { i += 1 }
        return i < cuts.count ? b + Double(i) : exactValue(z)
    }

    /// `(Int(g), g - Double(Int(g)))` for 0 <= g < 2^52, as the table lookups need it. Where
    /// the Makefile enables the rounding instruction, the whole part is read from the bits of
    /// `floor(g) + 2^52` (exact below 2^52), which needs none of the range checks of `Int(g)`;
    /// the values are the same.
    @inline(__always)
    static func wholeAndFraction(_ g: Double) -> (whole: Int, fraction: Double) {
        #if TOKENCAST_ROUND_INSTRUCTION
        let f = g.rounded(.down)
        let shifted = f + 0x1p52
        return (Int(truncatingIfNeeded: shifted.bitPattern &- (0x1p52 as Double).bitPattern), g - f)
        #else
        let i = Int(g)
        return (i, g - Double(i))
        #endif
    }

    func exactValue(_ z: Double) -> Double {
        // Only scores beyond the tables (|z| > zLimit, probability below 1e-17) and laws without
        // a table come here: the law's own inversion, per draw.
        law.quantile(normalCDF(z))
    }

    static func continuousTable(_ law: any UnivariateDistribution) -> (z0: Double, x: [Double], slope: [Double], atom: Double?)? {
        let lower = law.support.lower
        let atomMass = lower.isFinite ? law.cdf(lower) : 0
        var z0 = -zLimit
        var atom: Double?
        if atomMass > 0 {
            guard atomMass < 1 else { return nil }
            z0 = normalQuantile(atomMass)
            atom = lower
        }
        let count = Int(((zLimit - z0) / step).rounded(.up)) + 1
        guard count >= 2 else { return nil }
        var xs = [Double](repeating: 0, count: count), slopes = xs
        var top = count
        for i in 0..<count {
            let z = z0 + Double(i) * step
            // Just above the atom's cut, the continuous part starts at its own lower end.
            let p = i == 0 && atom != nil ? min(1, atomMass + 1e-15) : normalCDF(z)
            let x = law.quantile(p)
            guard x.isFinite else {
                // Φ(z) rounds to 1 near the top (from z ≈ 8.3), where a law unbounded above has
                // an infinite quantile: the table ends at the last finite node and the scores
                // above it take the exact quantile. (Without this, such laws, the gamma and
                // Student's t among them, had no table at all and every score took the exact path.)
                // A law with an atom keeps the exact path: just above its cut the quantile of the
                // continuous part is too steep for the table (a zero-inflated gamma was off by
                // 1e-4 relative there).
                guard z > 0, i >= 2, atom == nil else { return nil }
                top = i
                break
            }
            xs[i] = x
            let density = Double.exp(law.logDensity(x))
            let phi = Double.exp(-z * z / 2) * 0.3989422804014327
            slopes[i] = density > 0 && density.isFinite ? phi / density : 0
        }
        if top < count {
            xs.removeSubrange(top...)
            slopes.removeSubrange(top...)
        }
        for i in 1..<top where xs[i] < xs[i - 1] { xs[i] = xs[i - 1] }
        return (z0, xs, slopes, atom)
    }

    /// Integer laws only (values lower, lower + 1, ...); nil for laws on other atoms.
    static func integerSteps(_ law: any UnivariateDistribution) -> (lower: Double, cuts: [Double], guide: [Int32])? {
        let lower = law.support.lower
        guard lower.isFinite, lower == lower.rounded() else { return nil }
        let top = normalCDF(zLimit)
        var cuts: [Double] = []
        var k = lower
        while cuts.count < 1_000_000 {
            let f = law.cdf(k)
            guard f.isFinite else { return nil }
            cuts.append(f >= 1 ? .infinity : normalQuantile(f))
            if f >= top { break }
            k += 1
        }
        guard cuts.count < 1_000_000 else { return nil }
        let cells = Int(2 * zLimit / step) + 1
        var guide = [Int32](repeating: 0, count: cells)
        var i = 0
        for g in 0..<cells {
            let z = -zLimit + Double(g) * step
            while i < cuts.count && cuts[i] < z { i += 1 }
            guide[g] = Int32(i)
        }
        return (lower, cuts, guide)
    }
}
