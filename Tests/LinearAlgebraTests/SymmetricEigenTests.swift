import Testing

@testable import LinearAlgebra

/// Eigen-decomposition (LAPACK dsyev) and the nearest correlation matrix it is used for.
@Suite struct SymmetricEigenTests {
    @Test func eigenpairsReconstructTheMatrix() throws {
        let a = Matrix(rows: 3, columns: 3, elements: [4, 1, 0, 1, 3, 1, 0, 1, 2])
        let (values, v) = try LAPACK.symmetricEigen(a)
        #expect(values == values.sorted())
        #expect(abs(values.reduce(0, +) - 9) < 1e-12, "the trace")
        for i in 0..<3 {
            for j in 0..<3 {
                var s = 0.0
                for k in 0..<3 { s += v[i, k] * values[k] * v[j, k] }
                #expect(abs(s - a[i, j]) < 1e-12)
            }
        }
        #expect(throws: LAPACK.Failure.self) { try LAPACK.symmetricEigen(Matrix(rows: 2, columns: 3)) }
        #expect(try LAPACK.symmetricEigen(Matrix(rows: 0, columns: 0)).values.isEmpty)
    }

    @Test func theNearestCorrelationMatrixIsPositiveDefiniteWithAUnitDiagonal() throws {
        // Pairwise plausible, jointly impossible.
        let bad = Matrix(rows: 3, columns: 3, elements: [1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1])
        #expect(try LAPACK.symmetricEigen(bad).values[0] < 0)
        let fixed = try LAPACK.nearestCorrelation(bad)
        for i in 0..<3 { #expect(abs(fixed[i, i] - 1) < 1e-9) }
        for i in 0..<3 { for j in 0..<3 { #expect(abs(fixed[i, j] - fixed[j, i]) < 1e-12) } }
        #expect(try LAPACK.symmetricEigen(fixed).values[0] > 0)
        // Already a correlation matrix: left as it is.
        let good = Matrix(rows: 2, columns: 2, elements: [1, 0.3, 0.3, 1])
        let same = try LAPACK.nearestCorrelation(good)
        #expect(zip(same.elements, good.elements).allSatisfy { abs($0 - $1) < 1e-9 })
    }
}
