extension Plan {
    /// Hours in a billing month: a year of 8,760 hours in twelve equal months.
    public static let hoursPerMonth = 730.0
    /// Hours in a week.
    public static let hoursPerWeek = 168.0
    /// Length of a usage window.
    public static let windowHours = 5.0

    /// Places threads into the plan's 5-hour windows, weeks and months and bills them.
    ///
    /// Time is in hours from the start of the period, which is a Monday 00:00, so that week `w`
    /// is `[168w, 168(w+1))` (ISO weeks) and month `m` is `[730m, 730(m+1))`.
    ///
    /// **Window convention** (what Claude users experience): a 5-hour window opens with the
    /// first thread that starts after the previous window has ended, and lasts five hours from
    /// that thread's start; time with no usage opens no window. A thread belongs wholly to the
    /// window, week and month in which it starts.
    ///
    /// **Blocked**: a thread is refused if its window, week or month has reached its limit when
    /// it starts; refused threads are counted and lost (they open no window). A thread that
    /// starts below the limit runs to the end, so usage may pass the limit by one thread (the
    /// vendor would cut it off mid-way and the developer would resume it later). The lockout
    /// runs from the start of the thread that reached the limit to the end of its window, week
    /// or month.
    ///
    /// **Fallback to API**: as blocked, but a refused thread runs at API prices instead: its
    /// whole cost is billed (in `overageUSD`, and counted in `fallbackThreads`), and it counts
    /// against no limit and opens no window.
    ///
    /// **Overage**: each thread is covered by the allowances up to what is left of the
    /// tightest one (as a fraction of the thread); the rest is billed at API prices. Covered
    /// usage counts against every limit; billed usage counts against none.
    ///
    /// - Parameters:
    ///   - startHours: thread start times, non-decreasing, in `[0, periodHours)`.
    ///   - costsUSD: each thread's API-equivalent cost.
    ///   - tokens: each thread's tokens; required when an allowance counts tokens.
    ///   - periodHours: the length of the period; fees are `monthlyFeeUSD x periodHours / 730`.
    ///   - onFiveHourLimit: called with the start hour of each 5-hour window as it reaches its
    ///     limit, for callers that count limit hits per day (the Monte Carlo plan comparison).
    ///   - onThread: called for every thread with its index and the overage billed for it (0
    ///     when the allowances cover it, all of its cost when it fell back to the API), or nil
    ///     when it was blocked; for callers that split the
    ///     bill by month or model (the team forecast).
    /// - Returns: costs, blocked threads and limit statistics.
    /// - Complexity: O(n), no allocation: one pass over the threads.
    public func evaluate(
        startHours: UnsafeBufferPointer<Double>, costsUSD: UnsafeBufferPointer<Double>,
        tokens: UnsafeBufferPointer<Double>? = nil, periodHours: Double,
        onFiveHourLimit: ((Double) -> Void)? = nil, onThread: ((Int, Double?) -> Void)? = nil
    ) -> PlanUsage {
        precondition(startHours.count == costsUSD.count, "one cost per thread")
        precondition(tokens == nil || tokens!.count == costsUSD.count, "one token count per thread")
        precondition(
            !countsTokens || tokens != nil,
            "plan '\(name)' counts tokens: pass each thread's tokens")
        let limit5h = allowance5h?.amount ?? .infinity
        let limitWeek = allowanceWeekly?.amount ?? .infinity
        let limitMonth = includedUSDPerMonth ?? .infinity
        let tokens5h = allowance5h?.isTokens ?? false
        let tokensWeek = allowanceWeekly?.isTokens ?? false
        // Blocked and fallback-to-API plans refuse threads alike; they differ in the bill.
        let blocking = overLimit?.refusesPastLimit ?? false
        let fallsBack = overLimit == .fallbackToAPI

        var r = PlanUsage()
        r.feesUSD = monthlyFeeUSD * periodHours / Self.hoursPerMonth
        var windowEnd = -Double.infinity
        var week = Int.min, month = Int.min
        var used5h = 0.0, usedWeek = 0.0, usedMonth = 0.0  // usage counted against each limit
        var total5h = 0.0, totalWeek = 0.0  // all usage served, for the peak shares
        var hit5h = false, hitWeek = false, hitMonth = false
        var lockedUntil = -Double.infinity

        func lock(from start: Double, to end: Double) {
            let end = min(end, periodHours)
            let from = max(start, lockedUntil)
            if end > from { r.hoursLockedOut += end - from }
            lockedUntil = max(lockedUntil, end)
        }

        var previous = -Double.infinity
        for i in 0..<startHours.count {
            let t = startHours[i], cost = costsUSD[i]
            precondition(t >= previous, "thread start times must be non-decreasing")
            previous = t
            r.apiCostUSD += cost
            let w = Int((t / Self.hoursPerWeek).rounded(.down))
            if w != week {
                week = w
                usedWeek = 0; totalWeek = 0; hitWeek = false
                r.weeks += 1
            }
            let m = Int((t / Self.hoursPerMonth).rounded(.down))
            if m != month {
                month = m
                usedMonth = 0; hitMonth = false
                r.months += 1
            }
            let windowOpen = t < windowEnd
            if blocking, hitWeek || hitMonth || (windowOpen && hit5h) {
                if fallsBack {
                    r.fallbackThreads += 1
                    r.fallbackCostUSD += cost
                    r.overageUSD += cost
                    onThread?(i, cost)
                } else {
                    r.blockedThreads += 1
                    r.blockedCostUSD += cost
                    onThread?(i, nil)
                }
                continue
            }
            if !windowOpen {
                windowEnd = t + Self.windowHours
                used5h = 0; total5h = 0; hit5h = false
                r.fiveHourWindows += 1
            }
            let amount5h = tokens5h ? tokens![i] : cost
            let amountWeek = tokensWeek ? tokens![i] : cost
            r.servedThreads += 1

            // What each limit's usage would be with the whole thread: a limit is reached when
            // the thread needs all that is left of it.
            let need5h = used5h + amount5h, needWeek = usedWeek + amountWeek, needMonth = usedMonth + cost
            total5h += amount5h
            totalWeek += amountWeek
            if limit5h.isFinite { r.peakFiveHourShare = max(r.peakFiveHourShare, total5h / limit5h) }
            if limitWeek.isFinite { r.peakWeeklyShare = max(r.peakWeeklyShare, totalWeek / limitWeek) }

            // The share of the thread the allowances cover (all of it when blocking).
            var covered = 1.0
            if !blocking {
                if amount5h > 0 { covered = min(covered, max(0, limit5h - used5h) / amount5h) }
                if amountWeek > 0 { covered = min(covered, max(0, limitWeek - usedWeek) / amountWeek) }
                if cost > 0 { covered = min(covered, max(0, limitMonth - usedMonth) / cost) }
                r.overageUSD += (1 - covered) * cost
            }
            onThread?(i, blocking ? 0 : (1 - covered) * cost)
            used5h += covered * amount5h
            usedWeek += covered * amountWeek
            usedMonth += covered * cost

            if !hit5h && need5h >= limit5h {
                hit5h = true
                r.fiveHourWindowsAtLimit += 1
                onFiveHourLimit?(windowEnd - Self.windowHours)
                if blocking { lock(from: t, to: windowEnd) }
            }
            if !hitWeek && needWeek >= limitWeek {
                hitWeek = true
                r.weeksAtLimit += 1
                if blocking { lock(from: t, to: Double(week + 1) * Self.hoursPerWeek) }
            }
            if !hitMonth && needMonth >= limitMonth {
                hitMonth = true
                r.monthsAtLimit += 1
                if blocking { lock(from: t, to: Double(month + 1) * Self.hoursPerMonth) }
            }
        }
        r.planCostUSD = r.feesUSD + r.overageUSD
        return r
    }

    /// ``evaluate(startHours:costsUSD:tokens:periodHours:onFiveHourLimit:onThread:)`` on arrays.
    ///
    /// - Complexity: O(n), as the buffer form; no copy of the arrays.
    public func evaluate(
        startHours: [Double], costsUSD: [Double], tokens: [Double]? = nil, periodHours: Double,
        onFiveHourLimit: ((Double) -> Void)? = nil, onThread: ((Int, Double?) -> Void)? = nil
    ) -> PlanUsage {
        startHours.withUnsafeBufferPointer { t in
            costsUSD.withUnsafeBufferPointer { c in
                if let tokens {
                    return tokens.withUnsafeBufferPointer { k in
                        evaluate(
                            startHours: t, costsUSD: c, tokens: k, periodHours: periodHours, onFiveHourLimit: onFiveHourLimit,
                            onThread: onThread)
                    }
                }
                return evaluate(
                    startHours: t, costsUSD: c, tokens: nil, periodHours: periodHours, onFiveHourLimit: onFiveHourLimit,
                    onThread: onThread)
            }
        }
    }
}
