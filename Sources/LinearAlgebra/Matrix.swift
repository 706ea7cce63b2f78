/// A dense matrix of doubles in row-major order.
///
/// The one matrix type the layers above share; BLAS and LAPACK calls take it and give it back,
/// so no C type crosses this target's boundary.
public struct Matrix: Sendable, Hashable {
    public let rows: Int
    public let columns: Int
    /// Row-major storage: element (i, j) is `elements[i * columns + j]`.
    public var elements: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix from row-major `elements`; `elements.count` must be `rows * columns`.
    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(elements.count == rows * columns, "element count does not match the dimensions")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from an array of rows of equal length.
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "rows must have equal length")
        self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    public subscript(row: Int, column: Int) -> Double {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j] } }
        return t
    }
}
