import Distributions
import Foundation
import NumericalMethods

/// A finite mixture of bivariate normals with full covariances, fitted by EM; the number of
/// components chosen by BIC.
///
/// `fit org` groups developers by two features (log spend per active day, logit of the
/// active-day rate): two dimensions need no BLAS, and closed-form 2x2 inverses keep EM exact
/// and fast.
public struct GaussianMixture: Sendable, Hashable {
    public struct Component: Sendable, Hashable {
        public var weight: Double
        public var mean: SIMD2<Double>
        /// Covariance (xx, xy, yy).
        public var covariance: SIMD3<Double>
    }

    public var components: [Component]
    public var logLikelihood: Double
    public var iterations: Int

    /// Free parameters: per component two means, three covariances, and the weights less one.
    public var parameterCount: Int { components.count * 6 - 1 }

    /// BIC = -2 log L + p log n: smaller is better.
    public func bic(observations n: Int) -> Double {
        -2 * logLikelihood + Double(parameterCount) * Foundation.log(Double(max(n, 1)))
    }

    /// Covariances are floored at this variance so a component cannot collapse on one point.
    static let varianceFloor = 1e-4

    /// Fits `k` components by EM from k-means++ starts (`restarts` of them, seeded), keeping
    /// the best likelihood.
    ///
    /// - Complexity: O(points x k x iterations x restarts).
    public static func fit(
        _ points: [SIMD2<Double>], components k: Int, restarts: Int = 4, maxIterations: Int = 300,
        stream: RandomStream
    ) -> GaussianMixture {
        var best: GaussianMixture?
        for r in 0..<max(restarts, 1) {
            var rng = stream.substream(UInt64(r))
            let start = initial(points, k: k, rng: &rng)
            let m = em(points, start: start, maxIterations: maxIterations)
            if best == nil || m.logLikelihood > (best?.logLikelihood ?? -.infinity) { best = m }
        }
        return best ?? GaussianMixture(components: [], logLikelihood: -.infinity, iterations: 0)
    }

    /// EM from given components (for bootstrap refits started at the full fit).
    public static func em(_ points: [SIMD2<Double>], start: [Component], maxIterations: Int = 300) -> GaussianMixture {
        var comps = start
        let n = points.count, k = comps.count
        guard n > 0, k > 0 else { return GaussianMixture(components: comps, logLikelihood: -.infinity, iterations: 0) }
        var resp = [Double](repeating: 0, count: n * k)
        var previous = -Double.infinity
        var logL = -Double.infinity
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            logL = expectation(points, comps, into: &resp)
            maximisation(points, resp, into: &comps)
            if abs(logL - previous) < 1e-8 * max(1, abs(logL)) { break }
            previous = logL
        }
        logL = expectation(points, comps, into: &resp)
        return GaussianMixture(components: comps, logLikelihood: logL, iterations: iteration)
    }

    /// The responsibilities of each component for one point (they sum to 1).
    public func responsibilities(_ x: SIMD2<Double>) -> [Double] {
        let logs = components.map { Foundation.log(max($0.weight, 1e-300)) + Self.logDensity(x, $0) }
        let top = logs.max() ?? 0
        let e = logs.map { Foundation.exp($0 - top) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// The component a point most likely belongs to.
    public func assign(_ x: SIMD2<Double>) -> Int {
        let r = responsibilities(x)
        return r.indices.max { r[$0] < r[$1] } ?? 0
    }

    static func logDensity(_ x: SIMD2<Double>, _ c: Component) -> Double {
        let a = c.covariance.x, b = c.covariance.y, d = c.covariance.z
        let det = max(a * d - b * b, 1e-300)
        let u = x - c.mean
        let q = (d * u.x * u.x - 2 * b * u.x * u.y + a * u.y * u.y) / det
        return -Foundation.log(2 * Double.pi) - 0.5 * Foundation.log(det) - 0.5 * q
    }

    private static func expectation(_ points: [SIMD2<Double>], _ comps: [Component], into resp: inout [Double]) -> Double {
        let k = comps.count
        let logWeights = comps.map { Foundation.log(max($0.weight, 1e-300)) }
        var logL = CompensatedSum()
        var row = [Double](repeating: 0, count: k)
        for (i, x) in points.enumerated() {
            var top = -Double.infinity
            for j in 0..<k {
                row[j] = logWeights[j] + logDensity(x, comps[j])
                top = max(top, row[j])
            }
            var s = 0.0
            for j in 0..<k {
                row[j] = Foundation.exp(row[j] - top)
                s += row[j]
            }
            for j in 0..<k { resp[i * k + j] = row[j] / s }
            logL.add(top + Foundation.log(s))
        }
        return logL.value
    }

    private static func maximisation(_ points: [SIMD2<Double>], _ resp: [Double], into comps: inout [Component]) {
        let n = points.count, k = comps.count
        for j in 0..<k {
            var w = 0.0
            var m = SIMD2<Double>(0, 0)
            for i in 0..<n {
                w += resp[i * k + j]
                m += resp[i * k + j] * points[i]
            }
            guard w > 1e-9 else {
                comps[j].weight = 0
                continue
            }
            m /= w
            var c = SIMD3<Double>(0, 0, 0)
            for i in 0..<n {
                let u = points[i] - m
                c += resp[i * k + j] * SIMD3(u.x * u.x, u.x * u.y, u.y * u.y)
            }
            c /= w
            c.x = max(c.x, varianceFloor)
            c.z = max(c.z, varianceFloor)
            // Keep the matrix positive definite after flooring.
            let limit = 0.999 * (c.x * c.z).squareRoot()
            c.y = min(max(c.y, -limit), limit)
            comps[j] = Component(weight: w / Double(n), mean: m, covariance: c)
        }
    }

    /// k-means++ seeding: each next centre drawn with probability proportional to the squared
    /// distance to the nearest chosen one; covariances start at the data's.
    private static func initial(_ points: [SIMD2<Double>], k: Int, rng: inout RandomStream) -> [Component] {
        guard !points.isEmpty else { return [] }
        let n = Double(points.count)
        let mean = points.reduce(SIMD2<Double>(0, 0), +) / n
        var cov = SIMD3<Double>(0, 0, 0)
        for p in points {
            let u = p - mean
            cov += SIMD3(u.x * u.x, u.x * u.y, u.y * u.y)
        }
        cov /= n
        cov.x = max(cov.x, varianceFloor)
        cov.z = max(cov.z, varianceFloor)
        let startCov = cov / Double(k * k)
        var centres = [points[Int(rng.uniform() * n) % points.count]]
        while centres.count < k {
            let d2 = points.map { p in centres.map { c in ((p - c) * (p - c)).sum() }.min() ?? 0 }
            let total = d2.reduce(0, +)
            guard total > 0 else { break }
            var u = rng.uniform() * total
            var chosen = points.count - 1
            for (i, d) in d2.enumerated() {
                u -= d
                if u <= 0 {
                    chosen = i
                    break
                }
            }
            centres.append(points[chosen])
        }
        return centres.map {
            Component(
                weight: 1 / Double(centres.count), mean: $0,
                covariance: SIMD3(max(startCov.x, varianceFloor), startCov.y, max(startCov.z, varianceFloor)))
        }
    }
}
