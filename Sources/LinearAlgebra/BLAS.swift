internal import COpenBLAS

#if canImport(Glibc)
import Glibc
#endif

/// Matrix products through OpenBLAS.
public enum BLAS {
    /// `C = alpha * A * B + beta * C` on raw row-major buffers: A is m x k, B is k x n, C is m x n.
    ///
    /// The kernel calls this on its workspaces; the buffers must not overlap.
    /// - Complexity: O(m * n * k).
    public static func gemm(
        m: Int, n: Int, k: Int, alpha: Double = 1,
        a: UnsafePointer<Double>, b: UnsafePointer<Double>,
        beta: Double = 0, c: UnsafeMutablePointer<Double>
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for i in 0..<(m * n) { c[i] *= beta }
            return
        }
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(k), b, Int32(n), beta, c, Int32(n))
    }

    /// `B = L * B` in place on raw row-major buffers: L is m x m lower triangular (its upper
    /// part is not read), B is m x n.
    ///
    /// For products by a Cholesky factor: unlike ``gemm(m:n:k:alpha:a:b:beta:c:)`` it needs no
    /// second buffer and does not first clear one.
    /// - Complexity: O(m² * n).
    public static func lowerTriangularMultiply(m: Int, n: Int, l: UnsafePointer<Double>, b: UnsafeMutablePointer<Double>) {
        guard m > 0, n > 0 else { return }
        cblas_dtrmm(
            CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(m), Int32(n), 1, l, Int32(m), b,
            Int32(n))
    }

    /// `y = A * x` on raw buffers: A is m x n row-major.
    public static func gemv(
        m: Int, n: Int, a: UnsafePointer<Double>, x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>
    ) {
        guard m > 0 else { return }
        cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(n), 1, a, Int32(n), x, 1, 0, y, 1)
    }

    /// The product `a * b` of two matrices.
    public static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "inner dimensions differ: \(a.columns) vs \(b.rows)")
        var c = Matrix(rows: a.rows, columns: b.columns)
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                c.elements.withUnsafeMutableBufferPointer { pc in
                    guard let ra = pa.baseAddress, let rb = pb.baseAddress, let rc = pc.baseAddress else { return }
                    gemm(m: a.rows, n: b.columns, k: a.columns, a: ra, b: rb, c: rc)
                }
            }
        }
        return c
    }

    /// Limits OpenBLAS's own thread pool. The simulation parallelises over trials itself, and
    /// OpenBLAS threads inside those workers would only oversubscribe the cores.
    public static func setThreadCount(_ n: Int) {
        openblas_set_num_threads(Int32(max(1, n)))
    }

    /// Stops the worker threads OpenBLAS starts when it is loaded (one per core). Nothing in
    /// tokencast runs BLAS multi-threaded (see `setThreadCount`), and those idle workers spin in
    /// `sched_yield` for a while after start: measured on `tokencast statusline`, they doubled
    /// its CPU time (142 ms against 73 ms a run). OpenBLAS starts them again by itself if a
    /// later call ever asks for more than one thread.
    ///
    /// Looked up by name, because only the pthreads build of OpenBLAS (Debian's default) has the
    /// entry point; with another build this does nothing.
    public static func releaseThreadPool() {
        #if canImport(Glibc)
        // nil is glibc's RTLD_DEFAULT: every library the process has loaded.
        guard let symbol = dlsym(nil, "blas_thread_shutdown_") else { return }
        typealias Shutdown = @convention(c) () -> Int32
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
        #endif
    }
}
