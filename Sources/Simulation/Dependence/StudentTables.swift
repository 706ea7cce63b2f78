import Distributions
import Foundation

/// The t copula's two tables per ν, built once per process: they depend on ν alone, and a
/// fitted scenario's replicates share a few ν of the fit's grid (building them per replicate
/// was a quarter of loading one with 200 replicates).
final class StudentTables: @unchecked Sendable {
    static let shared = StudentTables()
    private let lock = NSLock()
    private var byDegreesOfFreedom: [Double: (student: StudentScoreMap, mixing: NormalScoreMap)] = [:]

    /// Nil unless ν is finite and at least 1.
    func tables(_ nu: Double) -> (student: StudentScoreMap, mixing: NormalScoreMap)? {
        guard nu.isFinite, nu >= 1 else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if let t = byDegreesOfFreedom[nu] { return t }
        guard let t = try? StudentT(degreesOfFreedom: nu), let w = try? Gamma(shape: nu / 2, scale: 2 / nu) else { return nil }
        let built = (student: StudentScoreMap(t), mixing: NormalScoreMap(w))
        // Hand-written ν can be any number; a scenario holds few, but keep the cache bounded.
        if byDegreesOfFreedom.count >= 64 { byDegreesOfFreedom.removeAll() }
        byDegreesOfFreedom[nu] = built
        return built
    }
}
