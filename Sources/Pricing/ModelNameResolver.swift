import NameMatching

/// Turns the names people and logs use into catalog keys.
public enum ModelNameResolver {
    /// Names to try for `name`, best first: without provider prefixes, without a date suffix
    /// (`-20250929`, `@20250929`), without `-latest`.
    public static func candidates(for name: String) -> [String] {
        var out: [String] = []
        var stripped = name
        // Provider prefixes can nest: "openrouter/anthropic/claude-opus-4-5".
        while let slash = stripped.firstIndex(of: "/") {
            stripped = String(stripped[stripped.index(after: slash)...])
            out.append(stripped)
        }
        for base in [name] + out {
            if let undated = dropDateSuffix(base) { out.append(undated) }
            if base.hasSuffix("-latest") { out.append(String(base.dropLast(7))) }
            // Dotted and dashed versions are both in use: "claude-opus-4.5" / "claude-opus-4-5".
            if base.contains(".") && base.hasPrefix("claude") { out.append(base.replacingDots()) }
        }
        return out
    }

    private static func dropDateSuffix(_ s: String) -> String? {
        for sep: Character in ["-", "@"] {
            if let i = s.lastIndex(of: sep) {
                let tail = s[s.index(after: i)...]
                if tail.count == 8, tail.allSatisfy(\.isNumber) { return String(s[..<i]) }
            }
        }
        return nil
    }

    /// Up to three catalog names closest to `name` by edit distance.
    public static func closest(to name: String, among names: [String], limit: Int = 3) -> [String] {
        let target = candidates(for: name).last ?? name
        return EditDistance.closest(to: target, among: names, limit: limit, maxDistance: max(3, target.count / 2))
    }
}

extension String {
    fileprivate func replacingDots() -> String { String(map { $0 == "." ? "-" : $0 }) }
}
