/// How a team's simulated spend stands against a budget.
///
/// With a yearly budget the running total is compared with the whole amount (when is the year's
/// money gone?); with monthly budgets it is compared with the budget to date (when does spend
/// run ahead of plan?). The crossing month is the first month whose cumulative spend exceeds
/// the budget to date in more than half of the trials — the same month at which the median
/// path crosses, since `P(S_m > B_m) > 0.5` exactly when the median of `S_m` exceeds `B_m`.
public struct BudgetOutlook: Sendable {
    public var annualBudget: Double
    /// P(spend over the horizon > budget).
    public var probabilityOver: Double
    /// The budget that covers the spend in 90 % and 95 % of trials.
    public var neededP90: Double
    public var neededP95: Double
    /// Per month: the budget to date, the median cumulative spend and P(cumulative > budget to date).
    public var budgetToDate: [Double]
    public var medianToDate: [Double]
    public var probabilityOverToDate: [Double]
    /// Index of the first month more likely than not over the budget to date, if any.
    public var firstLikelyMonth: Int?

    /// - Complexity: O(trials x months²) for the spends to date (each month's compensated sum
    ///   starts again from the first month), plus a sort per month for the medians,
    ///   O(months x trials log trials).
    public init(forecast f: TeamForecast, annual: Double, monthly: [Double]?) {
        annualBudget = annual
        let totals = f.teamAnnual
        probabilityOver = SpendSummary.exceedance(totals, annual)
        let s = SpendSummary(totals)
        neededP90 = s.p90
        neededP95 = s.p95
        var running = 0.0
        budgetToDate = f.months.indices.map { m in
            guard let monthly else { return annual }
            running += monthly[m]
            return running
        }
        medianToDate = []
        probabilityOverToDate = []
        for m in f.months.indices {
            let cumulative = f.teamCumulative(through: m)
            medianToDate.append(SpendSummary.quantile(cumulative.sorted(), 0.5))
            probabilityOverToDate.append(SpendSummary.exceedance(cumulative, budgetToDate[m]))
        }
        firstLikelyMonth = probabilityOverToDate.firstIndex { $0 > 0.5 }
    }
}
