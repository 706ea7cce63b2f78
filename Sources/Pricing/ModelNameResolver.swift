import NameMatching

/// Turns the names people and logs use into catalog keys.
///
/// Logs and proxies name one model many ways: `claude-sonnet-4-5-20250929` (dated),
/// `claude-3-5-sonnet@20240620` (Vertex dates), `openrouter/anthropic/claude-opus-4-5` (nested
/// provider prefixes), `us.anthropic.claude-sonnet-4-5-20250929-v1:0` (Bedrock region, vendor
/// and version), `claude-opus-4.5` (dots), `gpt-4o-latest`. ``candidates(for:)`` strips those
/// decorations one at a time, so that the most specific key the catalog has wins.
public enum ModelNameResolver {
    /// Names to try for `name` after `name` itself, most specific first: without provider
    /// prefixes, Bedrock region/vendor prefixes and `-v1:0` versions, a date suffix
    /// (`-20250929`, `@20250929`), `-latest`, and with dots as dashes in Claude versions.
    ///
    /// - Complexity: O(k * n) for a name of n characters with k decorations.
    public static func candidates(for name: String) -> [String] {
        var out: [String] = []
        var seen: Set<String> = [name]
        var queue = [name]
        var next = 0
        while next < queue.count {
            let current = queue[next]
            next += 1
            for stripped in strippings(of: current) where seen.insert(stripped).inserted {
                out.append(stripped)
                queue.append(stripped)
            }
        }
        return out
    }

    /// Each single decoration that can be removed from `s`.
    private static func strippings(of s: String) -> [String] {
        var out: [String] = []
        // Provider prefixes can nest: "openrouter/anthropic/claude-opus-4-5".
        if let slash = s.firstIndex(of: "/"), slash != s.indices.last {
            out.append(String(s[s.index(after: slash)...]))
        }
        // Bedrock: "us.anthropic.claude-...", "anthropic.claude-...".
        if let vendor = s.range(of: "anthropic."), !s[vendor.upperBound...].isEmpty {
            out.append(String(s[vendor.upperBound...]))
        }
        if let versioned = dropBedrockVersion(s) { out.append(versioned) }
        if let undated = dropDateSuffix(s) { out.append(undated) }
        if s.hasSuffix("-latest") { out.append(String(s.dropLast(7))) }
        // Dotted and dashed versions are both in use: "claude-opus-4.5" / "claude-opus-4-5".
        if s.contains("."), s.hasPrefix("claude") { out.append(String(s.map { $0 == "." ? "-" : $0 })) }
        return out
    }

    /// "claude-sonnet-4-5-20250929-v1:0" -> "claude-sonnet-4-5-20250929".
    private static func dropBedrockVersion(_ s: String) -> String? {
        guard let dash = s.lastIndex(of: "-") else { return nil }
        let tail = s[s.index(after: dash)...]
        guard tail.first == "v", let colon = tail.firstIndex(of: ":") else { return nil }
        let major = tail[tail.index(after: tail.startIndex)..<colon]
        let minor = tail[tail.index(after: colon)...]
        guard !major.isEmpty, !minor.isEmpty, major.allSatisfy(\.isASCIIDigit), minor.allSatisfy(\.isASCIIDigit)
        else { return nil }
        return String(s[..<dash])
    }

    private static func dropDateSuffix(_ s: String) -> String? {
        for sep: Character in ["-", "@"] {
            if let i = s.lastIndex(of: sep) {
                let tail = s[s.index(after: i)...]
                if tail.count == 8, tail.allSatisfy(\.isASCIIDigit) { return String(s[..<i]) }
            }
        }
        return nil
    }

    /// Up to `limit` catalog names closest to `name` by edit distance, closest first.
    ///
    /// Compares the most stripped candidate (no prefix, no date) so that a dated or prefixed
    /// typo still finds its model.
    /// - Complexity: one edit distance per catalog name, O(names x name length²): for messages
    ///   about a name that did not resolve, not for lookups.
    public static func closest(to name: String, among names: [String], limit: Int = 3) -> [String] {
        let target = candidates(for: name).last ?? name
        return EditDistance.closest(to: target, among: names, limit: limit, maxDistance: max(3, target.count / 2))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
