/// What a plan does with usage past one of its limits.
public enum OverLimitPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Threads are refused until the limit's period ends (Claude and ChatGPT subscriptions).
    case blocked
    /// Usage past the limit is billed at API prices (Cursor's pay-as-you-go, paid extra usage).
    case overage
    /// Threads are refused on the plan as with ``blocked``, and the developer runs them at API
    /// prices instead (an API key beside the subscription). Unlike ``overage``, the plan covers
    /// nothing of a refused thread: the whole thread is billed, and it counts against no limit.
    ///
    /// This is what a refused thread costs when the work must still be done; with
    /// ``blocked`` the refused threads drop out of the bill and a plan that refuses most of
    /// the work can look cheaper than the API.
    case fallbackToAPI = "fallback_to_api"

    /// Whether a reached limit refuses threads on the plan (``blocked``, ``fallbackToAPI``)
    /// rather than billing the usage past it (``overage``).
    public var refusesPastLimit: Bool { self != .overage }
}
