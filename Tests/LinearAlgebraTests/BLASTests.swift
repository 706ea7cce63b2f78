import Testing

@testable import LinearAlgebra

@Suite struct BLASTests {
    @Test func multipliesAgainstHandComputedProduct() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[7, 8], [9, 10], [11, 12]])
        let c = BLAS.multiply(a, b)
        #expect(c == Matrix([[58, 64], [139, 154]]))
    }

    @Test func gemvMatchesLoop() {
        let a: [Double] = [1, 2, 3, 4, 5, 6]
        let x: [Double] = [0.5, -1, 2]
        var y = [Double](repeating: 0, count: 2)
        a.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    BLAS.gemv(m: 2, n: 3, a: pa.baseAddress!, x: px.baseAddress!, y: py.baseAddress!)
                }
            }
        }
        let expected: [Double] = [4.5, 9]  // [0.5 - 2 + 6, 2 - 5 + 12]
        #expect(y == expected)
    }
}
