/// How many developers of one profile there are, month by month: a starting head count,
/// hires and leavers by month, and a monthly attrition rate.
///
/// The plan is deterministic: uncertainty about *how much* people use agents lives in the
/// adoption curve and the thread demand, not in the head count. Leavers depart at the start of
/// their month (not present in it), hires join at the start of theirs (present in it), and
/// departures come from the longest-serving developers first, so ramps of new hires are kept.
public struct HeadCountPlan: Sendable, Hashable {
    /// Developers present in the first month (fully ramped up).
    public var initial: Int
    /// Hires by month index (0-based), one entry per month of the horizon.
    public var hires: [Int]
    /// Named leavers by month index.
    public var leavers: [Int]
    /// Share of the present developers leaving each month, rounded to whole people
    /// (schoolbook rounding of `rate x present`), on top of `leavers`.
    public var attritionPerMonth: Double

    public init(initial: Int, hires: [Int] = [], leavers: [Int] = [], attritionPerMonth: Double = 0) {
        self.initial = initial
        self.hires = hires
        self.leavers = leavers
        self.attritionPerMonth = attritionPerMonth
    }

    /// A constant head count.
    public static func constant(_ count: Int) -> HeadCountPlan { HeadCountPlan(initial: count) }

    /// Splits the plan into groups of developers who share a hire month and a leaving month.
    ///
    /// - Returns: the groups and, per month, how many people the plan wanted to remove but
    ///   could not because nobody was left (0 for a consistent plan).
    /// - Complexity: O(months x groups).
    public func groups(months: Int) -> (groups: [DeveloperGroup], shortfall: [Int]) {
        // Cohorts still present, oldest first: (hire month, first month present, count).
        var open: [(hire: Int, first: Int, count: Int)] = initial > 0 ? [(-1, 0, initial)] : []
        var closed: [DeveloperGroup] = []
        var shortfall = [Int](repeating: 0, count: months)
        for m in 0..<months {
            let present = open.reduce(0) { $0 + $1.count }
            let attrition = Int((attritionPerMonth * Double(present)).rounded())
            var leaving = (m < leavers.count ? leavers[m] : 0) + attrition
            while leaving > 0, !open.isEmpty {
                let k = min(leaving, open[0].count)
                closed.append(DeveloperGroup(count: k, hireMonth: open[0].hire, firstMonth: open[0].first, endMonth: m))
                open[0].count -= k
                leaving -= k
                if open[0].count == 0 { open.removeFirst() }
            }
            shortfall[m] = leaving
            let hired = m < hires.count ? hires[m] : 0
            if hired > 0 { open.append((m, m, hired)) }
        }
        for c in open where c.count > 0 {
            closed.append(DeveloperGroup(count: c.count, hireMonth: c.hire, firstMonth: c.first, endMonth: months))
        }
        // Oldest hire first, then earliest leaving: a stable order the draws follow.
        closed.sort { ($0.hireMonth, $0.endMonth) < ($1.hireMonth, $1.endMonth) }
        return (closed, shortfall)
    }

    /// Developers present in each month.
    public func headCount(months: Int) -> [Int] {
        let g = groups(months: months).groups
        return (0..<months).map { m in g.filter { $0.isPresent(in: m) }.reduce(0) { $0 + $1.count } }
    }
}

/// Developers of one profile hired in the same month who leave in the same month.
public struct DeveloperGroup: Sendable, Hashable {
    public var count: Int
    /// Month index of the hire; -1 for developers already there when the forecast starts.
    public var hireMonth: Int
    /// First month present.
    public var firstMonth: Int
    /// First month no longer present (the horizon's length if they stay).
    public var endMonth: Int

    public init(count: Int, hireMonth: Int, firstMonth: Int, endMonth: Int) {
        self.count = count
        self.hireMonth = hireMonth
        self.firstMonth = firstMonth
        self.endMonth = endMonth
    }

    public func isPresent(in month: Int) -> Bool { month >= firstMonth && month < endMonth }

    /// Share of a full user's threads a member runs in `month`: new users ramp up linearly,
    /// `1/(R+1)` in their hire month, `2/(R+1)` in the next, full from month `R` on.
    public func rampFactor(month: Int, rampUpMonths: Int) -> Double {
        guard hireMonth >= 0, rampUpMonths > 0 else { return 1 }
        return min(1, Double(month - hireMonth + 1) / Double(rampUpMonths + 1))
    }
}
