import Foundation
import TestSupport
import Testing

@testable import Distributions

/// The ziggurat's tables as Doornik (2005) defines them: every layer has the same area, the
/// edges fall from the base strip to 0, and each ratio is the part of a layer wholly under
/// the curve.
@Suite struct NormalZigguratTests {
    let z = NormalZiggurat.table

    func density(_ x: Double) -> Double { exp(-0.5 * x * x) }

    @Test func everyLayerHasTheSameArea() {
        let v = NormalZiggurat.v
        // The base strip: a rectangle of width x[0] and height f(r), standing for the strip
        // under the curve out to r plus the tail beyond it.
        expectClose(z.x[0] * density(NormalZiggurat.r), v, relative: 1e-14)
        let r = NormalZiggurat.r
        let tail = sqrt(Double.pi / 2) * erfc(r / sqrt(2))
        expectClose(r * density(r) + tail, v, relative: 1e-9)
        // The boxes: width x[i], height f(x[i+1]) - f(x[i]).
        for i in 1..<255 { expectClose(z.x[i] * (z.f[i + 1] - z.f[i]), v, relative: 1e-9, "layer \(i)") }
    }

    @Test func edgesFallToZeroAndRatiosAreTheirQuotients() {
        #expect(z.x[1] == NormalZiggurat.r && z.x[256] == 0)
        for i in 0..<256 {
            #expect(z.x[i + 1] < z.x[i], "x[\(i + 1)] < x[\(i)]")
            #expect(z.ratio[i] == z.x[i + 1] / z.x[i])
            #expect(z.ratio[i] >= 0 && z.ratio[i] < 1)
            #expect(z.f[i] == density(z.x[i]))
        }
        // The top box ends close to the mode: the 255 layers under the curve use it all.
        #expect(z.x[255] > 0 && z.x[255] < 0.3)
        expectClose(z.f[256], 1, relative: 0)
    }
}
