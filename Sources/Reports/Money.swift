import Foundation

/// How money and counts are written for people.
public enum Money {
    /// `$1,234` for large amounts, `$12.34` below $100, `$0.0123` below a dollar.
    public static func full(_ usd: Double) -> String {
        guard usd.isFinite else { return "-" }
        // Nothing at all reads as $0, not as a price to the fourth decimal.
        if usd == 0 { return "$0" }
        let sign = usd < 0 ? "-" : ""
        let a = abs(usd)
        if a >= 100 { return sign + "$" + grouped(a.rounded()) }
        if a >= 1 { return sign + String(format: "$%.2f", a) }
        return sign + String(format: "$%.4f", a)
    }

    /// `$1.2k`, `$3.4M`: compact, for chart axes and narrow columns.
    public static func compact(_ usd: Double) -> String {
        guard usd.isFinite else { return "-" }
        let sign = usd < 0 ? "-" : ""
        let a = abs(usd)
        switch a {
        case 1e9...: return sign + "$" + trimmed(a / 1e9) + "B"
        case 1e6...: return sign + "$" + trimmed(a / 1e6) + "M"
        case 1e3...: return sign + "$" + trimmed(a / 1e3) + "k"
        case 10...: return sign + String(format: "$%.0f", a)
        case 1...: return sign + String(format: "$%.1f", a)
        default: return sign + String(format: "$%.2f", a)
        }
    }

    static func trimmed(_ x: Double) -> String {
        x >= 100 ? String(format: "%.0f", x) : String(format: "%.1f", x)
    }

    /// `1,234,567`.
    public static func grouped(_ x: Double) -> String {
        guard x.isFinite else { return "-" }
        let r = x.rounded()
        // `Int(_:)` traps past Int.max (about 9.2e18), which an absurd scenario's spend can
        // reach; a whole double that large prints exactly with %.0f.
        let digits = abs(r) < 1e18 ? String(abs(Int(r))) : String(format: "%.0f", abs(r))
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (r < 0 ? "-" : "") + String(out.reversed())
    }

    /// `12.3 %`.
    public static func percent(_ share: Double, digits: Int = 1) -> String {
        guard share.isFinite else { return "-" }
        return String(format: "%.\(digits)f %%", share * 100)
    }
}
