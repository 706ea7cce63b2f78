import Foundation

/// Numbers of fits and checks at four significant digits.
enum SignificantDigits {
    /// Four significant digits, without exponent for everyday sizes.
    static func four(_ x: Double) -> String {
        if !x.isFinite { return "\(x)" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 1e7 || magnitude < 1e-4 { return String(format: "%.4g", x) }
        let decimals = max(0, 3 - Int(log10(magnitude).rounded(.down)))
        return String(format: "%.\(decimals)f", x)
    }
}
