import Distributions
import Testing

/// Expects `actual` within `relative` × |expected| + `absolute` of `expected`; infinities and
/// NaN must match exactly.
public func expectClose(
    _ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 0,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    if expected.isNaN {
        #expect(actual.isNaN, comment, sourceLocation: sourceLocation)
    } else if expected.isInfinite {
        #expect(actual == expected, comment, sourceLocation: sourceLocation)
    } else {
        let tolerance = relative * abs(expected) + absolute
        #expect(
            abs(actual - expected) <= tolerance,
            "\(actual) is not within \(tolerance) of \(expected)\(comment.map { ": \($0)" } ?? "")",
            sourceLocation: sourceLocation)
    }
}

/// The Kolmogorov–Smirnov statistic D = sup |F_n(x) - F(x)| of a sample against a continuous CDF.
public func kolmogorovSmirnovStatistic(_ samples: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = samples.sorted()
    let n = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
        let f = cdf(x)
        d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
    }
    return d
}

/// The KS critical value at significance 0.001 for n samples (asymptotic: 1.95/√n).
public func kolmogorovSmirnovCritical(_ n: Int) -> Double { 1.95 / Double(n).squareRoot() }

/// Pearson's chi-square statistic of integer-valued samples against a pmf on {lower, lower+1, ...},
/// with neighbouring values pooled until each bin expects at least 5 draws; the last bin takes
/// the whole upper tail.
public func chiSquare(_ samples: [Double], lower: Double, pmf: (Double) -> Double) -> (statistic: Double, degreesOfFreedom: Int) {
    let n = Double(samples.count)
    var counts: [Double: Double] = [:]
    for s in samples { counts[s, default: 0] += 1 }
    let top = samples.max() ?? lower
    var bins: [(expected: Double, observed: Double)] = []
    var expected = 0.0, observed = 0.0, cumulative = 0.0
    var k = lower
    while k <= top {
        let mass = pmf(k)
        cumulative += mass
        expected += n * mass
        observed += counts[k, default: 0]
        if expected >= 5 {
            bins.append((expected, observed))
            expected = 0
            observed = 0
        }
        k += 1
    }
    expected += n * max(0, 1 - cumulative)
    if expected >= 5 || bins.isEmpty {
        bins.append((expected, observed))
    } else {
        bins[bins.count - 1].expected += expected
        bins[bins.count - 1].observed += observed
    }
    let statistic = bins.reduce(0) { $0 + ($1.observed - $1.expected) * ($1.observed - $1.expected) / $1.expected }
    return (statistic, max(bins.count - 1, 1))
}

/// The 0.001 upper critical value of the chi-square law (Wilson–Hilferty approximation).
public func chiSquareCritical(degreesOfFreedom df: Int) -> Double {
    let k = Double(df), z = 3.090232306167813
    let h = 1 - 2 / (9 * k) + z * (2 / (9 * k)).squareRoot()
    return k * h * h * h
}

/// `count` draws from `law` with a stream seeded by `seed`, through `fill`.
public func draws(_ law: some UnivariateDistribution, count: Int, seed: UInt64) -> [Double] {
    var rng = RandomStream(seed: seed)
    return law.samples(count, using: &rng)
}
