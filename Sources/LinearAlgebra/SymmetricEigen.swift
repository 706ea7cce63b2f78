internal import COpenBLAS

extension LAPACK {
    /// Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix:
    /// `A = V diag(values) Vᵀ`, with eigenvector `j` in column `j` of `vectors`.
    ///
    /// - Throws: ``Failure/dimensionMismatch(_:)`` for a non-square matrix.
    /// - Complexity: O(n³), LAPACK `dsyev`.
    public static func symmetricEigen(_ a: Matrix) throws(Failure) -> (values: [Double], vectors: Matrix) {
        guard a.rows == a.columns else {
            throw .dimensionMismatch("an eigen-decomposition needs a square matrix, got \(a.rows)x\(a.columns)")
        }
        var n = Int32(a.rows)
        guard n > 0 else { return ([], a) }
        // Symmetric, so row-major and column-major read the same; LAPACK returns eigenvectors
        // as columns in column-major order, i.e. rows of the row-major buffer: transpose back.
        var data = a.elements
        var values = [Double](repeating: 0, count: a.rows)
        var jobz = Int8(UInt8(ascii: "V")), uplo = Int8(UInt8(ascii: "U"))
        var lda = n, info: Int32 = 0, lwork: Int32 = -1
        var query = 0.0
        dsyev_(&jobz, &uplo, &n, &data, &lda, &values, &query, &lwork, &info)
        lwork = max(1, Int32(query))
        var work = [Double](repeating: 0, count: Int(lwork))
        dsyev_(&jobz, &uplo, &n, &data, &lda, &values, &work, &lwork, &info)
        if info != 0 { throw .dimensionMismatch("the eigen-decomposition did not converge (dsyev info \(info))") }
        return (values, Matrix(rows: a.rows, columns: a.columns, elements: data).transposed)
    }

    /// The correlation matrix nearest to `a` in the Frobenius norm whose smallest eigenvalue is
    /// at least `floor` (Higham 2002: alternating projections with Dykstra's correction).
    ///
    /// What a user is offered when the correlations they wrote are not mutually consistent.
    /// - Complexity: O(iterations n³).
    public static func nearestCorrelation(_ a: Matrix, floor: Double = 1e-6, iterations: Int = 200) throws(Failure) -> Matrix {
        let n = a.rows
        var y = a
        var correction = Matrix(rows: n, columns: n)
        for _ in 0..<iterations {
            var r = y
            for i in 0..<(n * n) { r.elements[i] -= correction.elements[i] }
            // Projection on the matrices with eigenvalues >= floor.
            let (values, v) = try symmetricEigen(r)
            var x = Matrix(rows: n, columns: n)
            for i in 0..<n {
                for j in 0..<n {
                    var s = 0.0
                    for k in 0..<n { s += v[i, k] * max(values[k], floor) * v[j, k] }
                    x[i, j] = s
                }
            }
            for i in 0..<(n * n) { correction.elements[i] = x.elements[i] - r.elements[i] }
            // Projection on unit diagonal.
            var next = x
            for i in 0..<n { next[i, i] = 1 }
            let change = zip(next.elements, y.elements).map { abs($0 - $1) }.max() ?? 0
            y = next
            if change < 1e-10 { break }
        }
        // The unit-diagonal step can leave the smallest eigenvalue a hair below the floor; a
        // slight shrink toward the identity restores it.
        if let smallest = try? symmetricEigen(y).values.first, smallest < floor {
            let w = (floor - smallest) / (1 - smallest)
            for i in 0..<n { for j in 0..<n where i != j { y[i, j] *= 1 - w } }
        }
        return y
    }
}
