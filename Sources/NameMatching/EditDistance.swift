/// Edit distance for did-you-mean suggestions: optimal string alignment (Levenshtein plus
/// adjacent transpositions), because the commonest typo, `medain` for `median`, is a swap.
public enum EditDistance {
    /// - Complexity: O(a.count * b.count) time and memory.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// Up to `limit` candidates within `maxDistance` of `word` (case-insensitive), closest first,
    /// ties in alphabetical order. The default distance allows about one typo per three letters.
    public static func closest(to word: String, among candidates: [String], limit: Int = 3, maxDistance: Int? = nil) -> [String] {
        let bound = maxDistance ?? Swift.max(2, word.count / 3)
        let w = word.lowercased()
        return
            candidates
            .map { (name: $0, distance: between(w, $0.lowercased())) }
            .filter { $0.distance <= bound }
            .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
            .prefix(limit)
            .map(\.name)
    }
}
