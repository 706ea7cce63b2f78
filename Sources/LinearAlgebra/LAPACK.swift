internal import COpenBLAS

/// Factorisations and solvers through OpenBLAS's LAPACK.
public enum LAPACK {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The matrix is not symmetric positive definite (leading minor `order` is not positive).
        case notPositiveDefinite(order: Int)
        /// The system is rank-deficient: least squares has no unique solution.
        case rankDeficient
        case dimensionMismatch(String)

        public var description: String {
            switch self {
            case let .notPositiveDefinite(order):
                "the matrix is not positive definite (leading minor of order \(order) is not positive): check that correlations are between -1 and 1 and mutually consistent"
            case .rankDeficient:
                "the least-squares system is rank-deficient: some columns are constant or collinear"
            case let .dimensionMismatch(what):
                "dimension mismatch: \(what)"
            }
        }
    }

    /// The lower-triangular Cholesky factor `L` of a symmetric positive-definite matrix, `A = L Lᵀ`.
    ///
    /// - Throws: ``Failure/notPositiveDefinite(order:)``.
    /// - Complexity: O(n³), LAPACK `dpotrf`.
    public static func cholesky(_ a: Matrix) throws(Failure) -> Matrix {
        guard a.rows == a.columns else { throw .dimensionMismatch("Cholesky needs a square matrix, got \(a.rows)x\(a.columns)") }
        var n = Int32(a.rows)
        guard n > 0 else { return a }
        // Row-major A read as column-major is Aᵀ = A; asking LAPACK for the upper factor U
        // (A = UᵀU, column-major) leaves, read back row-major, the lower factor L = Uᵀ.
        var data = a.elements
        var uplo = Int8(UInt8(ascii: "U"))
        var lda = n
        var info: Int32 = 0
        data.withUnsafeMutableBufferPointer { p in
            dpotrf_(&uplo, &n, p.baseAddress, &lda, &info)
        }
        if info > 0 { throw .notPositiveDefinite(order: Int(info)) }
        var l = Matrix(rows: a.rows, columns: a.columns, elements: data)
        for i in 0..<a.rows { for j in (i + 1)..<a.columns where j < a.columns { l[i, j] = 0 } }
        return l
    }

    /// The least-squares solution `x` minimising `‖A x − b‖₂` for a full-rank `A` (m x n, m >= n).
    ///
    /// - Throws: ``Failure/rankDeficient`` when `A` does not have full column rank.
    /// - Complexity: O(m n²), LAPACK `dgels` (QR).
    public static func leastSquares(_ a: Matrix, _ b: [Double]) throws(Failure) -> [Double] {
        guard a.rows == b.count else { throw .dimensionMismatch("A has \(a.rows) rows but b has \(b.count)") }
        guard a.rows >= a.columns, a.columns > 0 else {
            throw .dimensionMismatch("least squares needs at least as many rows as columns, got \(a.rows)x\(a.columns)")
        }
        var m = Int32(a.rows), n = Int32(a.columns), nrhs: Int32 = 1
        var colMajor = a.transposed.elements  // LAPACK is column-major
        var rhs = b
        var lda = m, ldb = m, info: Int32 = 0
        var trans = Int8(UInt8(ascii: "N"))
        var lwork: Int32 = -1
        var query = 0.0
        dgels_(&trans, &m, &n, &nrhs, &colMajor, &lda, &rhs, &ldb, &query, &lwork, &info)
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: max(1, Int(lwork)))
        dgels_(&trans, &m, &n, &nrhs, &colMajor, &lda, &rhs, &ldb, &work, &lwork, &info)
        if info > 0 { throw .rankDeficient }
        // dgels only reports an exactly zero pivot; a diagonal of R that is zero up to rounding
        // means collinear columns just the same, and a solution that would be noise.
        let diagonal = (0..<a.columns).map { abs(colMajor[$0 * Int(lda) + $0]) }
        let largest = diagonal.max() ?? 0
        if diagonal.contains(where: { $0 <= largest * Double(max(a.rows, a.columns)) * 1e-13 }) {
            throw .rankDeficient
        }
        return Array(rhs.prefix(a.columns))
    }
}
