/// What a plan does with usage past one of its limits.
public enum OverLimitPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Threads are refused until the limit's period ends (Claude and ChatGPT subscriptions).
    case blocked
    /// Usage past the limit is billed at API prices (Cursor's pay-as-you-go, paid extra usage).
    case overage
}
