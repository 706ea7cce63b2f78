import Pricing

/// A profile whose developers each hold a seat on a subscription plan.
///
/// Every developer present in a month pays the plan's fee for that month (from the hire month
/// on, ramp-up or not: the seat is bought for the person). Threads on the models the plan
/// serves (``Pricing/Plan/covers(model:)``) count against its 5-hour, weekly and monthly
/// allowances and cost nothing more, or their overage past the limits; threads on other models
/// are paid at API prices.
public struct SeatPlan: Sendable {
    public var plan: Plan
    /// Per model of the forecast: whether the seat serves its threads.
    public var covers: [Bool]
    /// When in the day the developers start threads (the plan's windows depend on it).
    public var workday: Workday

    public init(plan: Plan, covers: [Bool], workday: Workday = Workday()) {
        self.plan = plan
        self.covers = covers
        self.workday = workday
    }

    /// A plan serving the models it covers by name, among `models`.
    public init(plan: Plan, models: [PricedModel], workday: Workday = Workday()) {
        self.init(plan: plan, covers: models.map { plan.covers(model: $0.price.model) }, workday: workday)
    }
}

/// Per-trial figures of a seat profile, in this order in ``TeamForecast/seatFigures``.
public enum SeatFigure: Int, CaseIterable, Sendable {
    /// What the covered threads would have cost at API prices.
    case coveredAPICost
    /// Usage past the allowances, billed at API prices (policy overage).
    case overage
    /// Threads refused at a limit (policy blocked), and their API-equivalent cost.
    case blockedThreads
    case blockedCost
    /// Hours in which a limit refused new threads, summed over seats.
    case hoursLockedOut
}
