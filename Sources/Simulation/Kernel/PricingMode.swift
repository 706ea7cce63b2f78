/// How the kernel turns token vectors into dollars.
public enum PricingMode: String, Sendable, CaseIterable {
    /// A SIMD dot product per attempt, inside the attempt loop.
    case fused
    /// Token rows written to a batch matrix and priced with one BLAS GEMM per attempt round
    /// (threads x classes times classes x price columns).
    case blas
}
