/// The five per-attempt draws of MODEL.md, by the keys scenario files and fits use.
///
/// The order is the order of the kernel's columns and of every correlation matrix.
public enum BehaviourDraw: String, CaseIterable, Sendable, Codable, Hashable {
    case turns
    case freshInputPerTurn = "fresh_input_per_turn"
    case outputPerTurn = "output_per_turn"
    case cacheHitRate = "cache_hit_rate"
    case baseContext = "base_context"

    /// Column of this draw in the kernel's score matrix.
    public var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// The keys, in column order, for messages that list what is allowed.
    public static var keys: [String] { allCases.map(\.rawValue) }
}
