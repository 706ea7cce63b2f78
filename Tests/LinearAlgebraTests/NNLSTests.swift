import Testing

@testable import LinearAlgebra

@Suite struct NNLSTests {
    /// A small deterministic generator (SplitMix64), so the random problems are the same everywhere.
    struct Mix {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    @Test func identityClipsNegativeComponents() throws {
        let s = try NNLS.solve(Matrix.identity(3), [1, -2, 3])
        #expect(abs(s.x[0] - 1) < 1e-12 && s.x[1] == 0 && abs(s.x[2] - 3) < 1e-12)
        #expect(abs(s.residualNorm - 2) < 1e-12)
    }

    @Test func positiveSolutionEqualsLeastSquares() throws {
        let a = Matrix([[1, 0.5], [0.2, 1], [1, 1], [0.3, 0.1]])
        let truth = [2.0, 3.0]
        let b = NNLS.multiply(a, truth)
        let s = try NNLS.solve(a, b)
        #expect(abs(s.x[0] - 2) < 1e-10 && abs(s.x[1] - 3) < 1e-10)
        #expect(s.residualNorm < 1e-10)
    }

    @Test func handWorkedExample() throws {
        // min ‖(x1 + x2 − 1, x1 − x2 − 3)‖ with x ≥ 0: unconstrained (2, −1), so x2 = 0 and
        // x1 minimises (x1 − 1)² + (x1 − 3)²: x1 = 2, residual √2.
        let s = try NNLS.solve(Matrix([[1, 1], [1, -1]]), [1, 3])
        #expect(abs(s.x[0] - 2) < 1e-12 && s.x[1] == 0)
        #expect(abs(s.residualNorm - 2.0.squareRoot()) < 1e-12)
    }

    /// Every subset of free columns, solved unconstrained; the feasible one with the least
    /// residual is the NNLS solution (the problem is convex, so this is exact).
    func bruteForce(_ a: Matrix, _ b: [Double]) -> (x: [Double], residual: Double) {
        var best = ([Double](repeating: 0, count: a.columns), NNLS.norm(b))
        for mask in 1..<(1 << a.columns) {
            let cols = (0..<a.columns).filter { mask & (1 << $0) != 0 }
            var sub = Matrix(rows: a.rows, columns: cols.count)
            for i in 0..<a.rows { for (k, j) in cols.enumerated() { sub[i, k] = a[i, j] } }
            guard let z = try? LAPACK.leastSquares(sub, b), z.allSatisfy({ $0 >= 0 }) else { continue }
            var x = [Double](repeating: 0, count: a.columns)
            for (k, j) in cols.enumerated() { x[j] = z[k] }
            let r = NNLS.norm(zip(NNLS.multiply(a, x), b).map { $0 - $1 })
            if r < best.1 { best = (x, r) }
        }
        return best
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func randomProblemsMatchBruteForceAndMeetKKT(seed: UInt64) throws {
        var rng = Mix(state: seed)
        let m = 12, n = 5
        let a = Matrix(rows: m, columns: n, elements: (0..<(m * n)).map { _ in rng.next() })
        let b = (0..<m).map { _ in rng.next() * 3 }
        let s = try NNLS.solve(a, b)
        let reference = bruteForce(a, b)
        #expect(abs(s.residualNorm - reference.residual) < 1e-9)
        for (x, y) in zip(s.x, reference.x) { #expect(abs(x - y) < 1e-8) }
        // KKT: feasible; gradient ≤ 0 (up to rounding) where x = 0; ≈ 0 where x > 0.
        let w = NNLS.gradient(a, b, s.x)
        for j in 0..<n {
            #expect(s.x[j] >= 0)
            if s.x[j] > 0 { #expect(abs(w[j]) < 1e-9) } else { #expect(w[j] < 1e-9) }
        }
    }

    @Test func collinearColumnIsReportedNotFreed() throws {
        // Column 2 is twice column 0: the data cannot tell them apart.
        let a = Matrix([[1, 0, 2], [2, 1, 4], [3, 0, 6], [1, 1, 2]])
        let b = NNLS.multiply(a, [1, 1, 0])
        let s = try NNLS.solve(a, b)
        #expect(s.residualNorm < 1e-9)
        #expect(s.x.filter { $0 > 0 }.count == 2)
    }

    @Test func zeroColumnStaysAtZero() throws {
        let a = Matrix([[1, 0], [2, 0], [3, 0]])
        let s = try NNLS.solve(a, [1, 2, 3])
        #expect(abs(s.x[0] - 1) < 1e-12 && s.x[1] == 0)
    }

    @Test func mismatchedRightHandSideThrows() {
        #expect(throws: LAPACK.Failure.self) { try NNLS.solve(Matrix.identity(2), [1, 2, 3]) }
    }
}
