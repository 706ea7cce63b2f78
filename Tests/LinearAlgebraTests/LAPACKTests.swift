// Tests: Matrix.swift
import Testing

@testable import LinearAlgebra

@Suite struct LAPACKTests {
    @Test func choleskyReproducesTheMatrix() throws {
        let a = Matrix([[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]])
        let l = try LAPACK.cholesky(a)
        #expect(l[0, 1] == 0 && l[0, 2] == 0 && l[1, 2] == 0)
        let back = BLAS.multiply(l, l.transposed)
        for (x, y) in zip(back.elements, a.elements) { #expect(abs(x - y) < 1e-12) }
        #expect(abs(l[0, 0] - 2) < 1e-15)
        #expect(abs(l[1, 0] - 1) < 1e-15)
    }

    @Test func choleskyRefusesIndefiniteMatrix() {
        let a = Matrix([[1, 2], [2, 1]])
        #expect(throws: LAPACK.Failure.notPositiveDefinite(order: 2)) { try LAPACK.cholesky(a) }
    }

    @Test func leastSquaresRecoversExactLine() throws {
        // y = 3 + 2x exactly, so the fit is exact.
        let xs: [Double] = [0, 1, 2, 3, 4]
        let a = Matrix(xs.map { [1, $0] })
        let x = try LAPACK.leastSquares(a, xs.map { 3 + 2 * $0 })
        #expect(abs(x[0] - 3) < 1e-12 && abs(x[1] - 2) < 1e-12)
    }

    @Test func leastSquaresMatchesNormalEquations() throws {
        // Overdetermined: the hand-computed normal-equation solution for these points.
        let pts: [(Double, Double)] = [(0, 1), (1, 3), (2, 4), (3, 8)]
        let a = Matrix(pts.map { [1, $0.0] })
        let x = try LAPACK.leastSquares(a, pts.map(\.1))
        // Sxy = 11 and Sxx = 5 around the means (1.5, 4), so slope 2.2 and intercept 4 - 2.2 * 1.5.
        #expect(abs(x[1] - 2.2) < 1e-12)
        #expect(abs(x[0] - (4 - 2.2 * 1.5)) < 1e-12)
    }

    @Test func leastSquaresRefusesCollinearColumns() {
        let a = Matrix([[1, 2], [2, 4], [3, 6]])
        #expect(throws: LAPACK.Failure.rankDeficient) { try LAPACK.leastSquares(a, [1, 2, 3]) }
    }
}
