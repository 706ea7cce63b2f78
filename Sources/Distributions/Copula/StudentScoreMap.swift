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
    /// ``HermiteTable`` coefficients of z_i = Φ⁻¹(T_ν(i step)) with slopes dz/dy, i = 0...2048.
    let table: [Double]

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
        table = HermiteTable.coefficients(values: zs, slopes: slopes, step: Self.step)
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
        table.withUnsafeBufferPointer { value(y, $0) }
    }

    /// Maps `values` in place.
    public func apply(_ values: UnsafeMutableBufferPointer<Double>) {
        table.withUnsafeBufferPointer { c in
            for i in values.indices { values[i] = value(values[i], c) }
        }
    }

    @inline(__always)
    func value(_ y: Double, _ c: UnsafeBufferPointer<Double>) -> Double {
        let a = y.magnitude
        guard a < Self.limit else { return Self.exact(y, law) }
        let g = a * 32
        let i = Int(g), t = g - Double(i)
        let z = HermiteTable.value(c, interval: i, fraction: t)
        return y < 0 ? -z : z
    }
}
