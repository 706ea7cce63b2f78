import Foundation

/// Time left until a reset, as the outlook and the statusline print it: `2h30m`, `45m`, `3d4h`.
public enum Countdown {
    /// Negative times read `0m`; the minutes are capped so an absurd reset time prints, not traps.
    public static func text(_ seconds: TimeInterval) -> String {
        let m = Int(min(max(seconds / 60, 0), 1e6))
        if m >= 1440 { return "\(m / 1440)d\((m % 1440) / 60)h" }
        if m >= 60 { return "\(m / 60)h\(String(format: "%02d", m % 60))m" }
        return "\(m)m"
    }
}
