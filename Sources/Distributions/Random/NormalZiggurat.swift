import RealModule

/// Tables for the 256-layer normal ziggurat (Doornik 2005, "An Improved Ziggurat Method to
/// Generate Normal Random Samples"), computed once.
///
/// Layer 0 is the base strip (a rectangle of width V/f(R) that stands in for the strip plus the
/// tail); layers 1...255 are the boxes under the curve f(x) = exp(-x²/2).
@usableFromInline
struct NormalZiggurat: @unchecked Sendable {
    /// Right edge of the base strip: every layer, tail included, has area `v`.
    @usableFromInline static let r = 3.6541528853610088
    /// The common area of the layers (computed for `r` to 25 digits).
    static let v = 0.004928673233974655

    /// x[i]: right edge of layer i (x[0] = v/f(r), x[1] = r, ..., x[256] = 0).
    @usableFromInline let x: UnsafePointer<Double>
    /// ratio[i] = x[i+1] / x[i]: the part of layer i wholly under the curve.
    @usableFromInline let ratio: UnsafePointer<Double>
    /// f[i] = exp(-x[i]²/2).
    @usableFromInline let f: UnsafePointer<Double>

    // The tables live for the whole process, so they are allocated once and never freed;
    // raw pointers keep the hot loop free of bounds checks and reference counting.
    @usableFromInline static let table = NormalZiggurat()

    private init() {
        let layers = 256
        let x = UnsafeMutablePointer<Double>.allocate(capacity: layers + 1)
        let ratio = UnsafeMutablePointer<Double>.allocate(capacity: layers)
        let f = UnsafeMutablePointer<Double>.allocate(capacity: layers + 1)
        let r = Self.r, v = Self.v
        var fx = Double.exp(-0.5 * r * r)
        x[0] = v / fx
        x[1] = r
        x[layers] = 0
        for i in 2..<layers {
            x[i] = (-2 * Double.log(v / x[i - 1] + fx)).squareRoot()
            fx = Double.exp(-0.5 * x[i] * x[i])
        }
        for i in 0..<layers { ratio[i] = x[i + 1] / x[i] }
        for i in 0...layers { f[i] = Double.exp(-0.5 * x[i] * x[i]) }
        self.x = UnsafePointer(x)
        self.ratio = UnsafePointer(ratio)
        self.f = UnsafePointer(f)
    }
}
