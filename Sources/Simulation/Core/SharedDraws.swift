import Distributions
import LinearAlgebra

/// The correlated standard normals each trial draws once and shares with everyone in it:
/// per model, five behaviour shifts (``BehaviourUncertainty/dimensions``) and one price-path draw.
///
/// Independent normals `Z` (trials x k) become correlated ones `X = Z Lᵀ`, with `L` the Cholesky
/// factor of the correlation matrix (LAPACK `dpotrf`, once) and the product one BLAS GEMM per
/// block of trials.
public struct SharedDraws: Sendable {
    public let modelCount: Int
    /// Columns per trial: 6 per model.
    public let dimension: Int
    /// Lower Cholesky factor of the correlation matrix, transposed for the row-major GEMM.
    let choleskyTransposed: Matrix
    /// True when the correlation matrix is the identity and the GEMM can be skipped.
    let independent: Bool

    static let perModel = BehaviourUncertainty.dimensions + 1

    /// - Parameters:
    ///   - uncertainties: one per model.
    ///   - priceCorrelation: correlation between the price-path draws of different models.
    /// - Throws: `LAPACK.Failure.notPositiveDefinite` for inconsistent correlations.
    public init(uncertainties: [BehaviourUncertainty], priceCorrelation: Double) throws(LAPACK.Failure) {
        modelCount = uncertainties.count
        dimension = modelCount * Self.perModel
        var c = Matrix.identity(dimension)
        for (i, u) in uncertainties.enumerated() {
            let t = i * Self.perModel, k = t + 1
            c[t, k] = u.turnsTokensCorrelation
            c[k, t] = u.turnsTokensCorrelation
        }
        for i in 0..<modelCount {
            for j in 0..<modelCount where i != j {
                c[i * Self.perModel + 5, j * Self.perModel + 5] = priceCorrelation
            }
        }
        independent = c == .identity(dimension)
        choleskyTransposed = independent ? .identity(dimension) : try LAPACK.cholesky(c).transposed
    }

    /// Fills `out` (rows x dimension, row-major) with each row's correlated normals, row `r`
    /// drawn from `streams[r]`.
    public func draw(rows: Int, streams: inout [RandomStream], into out: inout [Double]) {
        let k = dimension
        var z = [Double](repeating: 0, count: rows * k)
        for r in 0..<rows {
            for j in 0..<k { z[r * k + j] = streams[r].standardNormal() }
        }
        if independent {
            out = z
            return
        }
        if out.count != rows * k { out = [Double](repeating: 0, count: rows * k) }
        z.withUnsafeBufferPointer { pz in
            choleskyTransposed.elements.withUnsafeBufferPointer { pl in
                out.withUnsafeMutableBufferPointer { po in
                    BLAS.gemm(m: rows, n: k, k: k, a: pz.baseAddress!, b: pl.baseAddress!, c: po.baseAddress!)
                }
            }
        }
    }

    /// Offset of model `i`'s five behaviour normals within a row.
    public func behaviourOffset(model i: Int) -> Int { i * Self.perModel }
    /// Offset of model `i`'s price-path normal within a row.
    public func priceOffset(model i: Int) -> Int { i * Self.perModel + 5 }
}
