import RealModule

/// Maps the scores of a t copula to normal scores, z = Φ⁻¹(T_ν(y)), so that a t copula's draws
/// go through the same marginal maps (``NormalScoreMap``) as the Gaussian copula's.
///
/// The map is odd and smooth: tabulated once on |y| <= ``limit`` at steps of 1/32 and
/// interpolated by cubic Hermite polynomials with exact slopes (dz/dy = t_ν(y) / φ(z)), so no
/// special function is evaluated per draw. Beyond the table (P(|Y| > 64) is 2.4e-4 at ν = 2
/// and far less above) the exact map is used.
public struct StudentScoreMap: Sendable {
    public static let limit = 64.0
    static let step = 1.0 / 32

    public let law: StudentT
    /// Node values z_i = Φ⁻¹(T_ν(i step)) and slopes dz/dy there, i = 0...2048.
    let zs: [Double]
    let slopes: [Double]

    /// - Complexity: 2,049 t CDF evaluations.
    public init(_ law: StudentT) {
        self.law = law
        let count = Int(Self.limit / Self.step) + 1
        var zs = [Double](repeating: 0, count: count), slopes = zs
        for i in 0..<count {
            let y = Double(i) * Self.step
            let z = Self.exact(y, law)
            zs[i] = z
            // φ(z) = exp(-z²/2)/√(2π); the ratio in logs, since both are tiny far out.
            slopes[i] = Double.exp(law.logDensity(y) + 0.5 * z * z + 0.9189385332046728)
        }
        self.zs = zs
        self.slopes = slopes
    }

    /// Φ⁻¹(T_ν(y)) from the tail on the side of y.
    static func exact(_ y: Double, _ law: StudentT) -> Double {
        if y.isNaN { return .nan }
        if y == 0 { return 0 }
        let z = -normalQuantile(law.lowerTail(-y.magnitude))
        return y < 0 ? -z : z
    }

    /// The normal score of one t score.
    public func value(_ y: Double) -> Double {
        zs.withUnsafeBufferPointer { z in slopes.withUnsafeBufferPointer { m in value(y, z, m) } }
    }

    /// Maps `values` in place.
    public func apply(_ values: UnsafeMutableBufferPointer<Double>) {
        zs.withUnsafeBufferPointer { z in
            slopes.withUnsafeBufferPointer { m in
                for i in values.indices { values[i] = value(values[i], z, m) }
            }
        }
    }

    @inline(__always)
    func value(_ y: Double, _ zs: UnsafeBufferPointer<Double>, _ slopes: UnsafeBufferPointer<Double>) -> Double {
        let a = y.magnitude
        guard a < Self.limit else { return Self.exact(y, law) }
        let g = a * 32
        let i = Int(g), t = g - Double(i)
        let z0 = zs[i], z1 = zs[i + 1], m0 = slopes[i] * Self.step, m1 = slopes[i + 1] * Self.step
        let t2 = t * t, t3 = t2 * t
        let v = (2 * t3 - 3 * t2 + 1) * z0 + (t3 - 2 * t2 + t) * m0 + (3 * t2 - 2 * t3) * z1 + (t3 - t2) * m1
        let z = min(max(v, z0), z1)
        return y < 0 ? -z : z
    }
}
