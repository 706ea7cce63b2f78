/// A subscription: a monthly fee per seat with allowances and a policy past them.
///
/// Limits are per 5-hour window (``allowance5h``, see ``Plan/evaluate(startHours:costsUSD:tokens:periodHours:)``
/// for the window convention), per ISO week (``allowanceWeekly``) and per month
/// (``includedUSDPerMonth``, Cursor-style included usage). Vendors that do not publish their
/// limits in dollars get estimates; ``limitsAreEstimates`` and ``source`` say so.
public struct Plan: Sendable, Hashable, Codable {
    /// Display name, e.g. "Claude Max 5x"; unique in a catalog.
    public var name: String
    public var vendor: String
    /// Fee per seat per month, USD.
    public var monthlyFeeUSD: Double
    /// Allowance per 5-hour window; nil = no such limit.
    public var allowance5h: Allowance?
    /// Allowance per week; nil = no such limit.
    public var allowanceWeekly: Allowance?
    /// API-equivalent USD of usage included per month (Cursor, Copilot); nil = none.
    public var includedUSDPerMonth: Double?
    /// What happens past a limit; required when the plan has a limit.
    public var overLimit: OverLimitPolicy?
    /// The day (ISO-8601) the fee and limits were checked.
    public var asOf: String
    /// Where the figures come from, and which are estimates.
    public var source: String
    /// Whether the limits are estimates rather than published figures.
    public var limitsAreEstimates: Bool
    /// Set when a window's allowance was measured from the user's own rate-limit snapshots
    /// (`tokencast calibrate`): e.g. "5-hour calibrated from 156 snapshots; weekly estimate".
    /// nil: the catalog's or the scenario's figures as they are.
    public var allowanceBasis: String?

    /// - Throws: ``PricingError/invalidPlan(plan:reason:)`` when a rule of ``validate()`` fails.
    public init(
        name: String, vendor: String, monthlyFeeUSD: Double, allowance5h: Allowance? = nil,
        allowanceWeekly: Allowance? = nil, includedUSDPerMonth: Double? = nil, overLimit: OverLimitPolicy? = nil,
        asOf: String, source: String, limitsAreEstimates: Bool
    ) throws(PricingError) {
        self.name = name
        self.vendor = vendor
        self.monthlyFeeUSD = monthlyFeeUSD
        self.allowance5h = allowance5h
        self.allowanceWeekly = allowanceWeekly
        self.includedUSDPerMonth = includedUSDPerMonth
        self.overLimit = overLimit
        self.asOf = asOf
        self.source = source
        self.limitsAreEstimates = limitsAreEstimates
        try validate()
    }

    /// Whether the plan limits usage at all.
    public var hasLimit: Bool { allowance5h != nil || allowanceWeekly != nil || includedUSDPerMonth != nil }

    /// Checks the rules: a name; a finite fee >= 0; positive finite allowances; a policy when
    /// there is a limit; `asOf` an ISO-8601 day.
    ///
    /// - Throws: ``PricingError/invalidPlan(plan:reason:)`` naming the first broken rule and its fix.
    public func validate() throws(PricingError) {
        let label = name.isEmpty ? "(no name)" : name
        func fail(_ reason: String) -> PricingError { .invalidPlan(plan: label, reason: reason) }
        if name.allSatisfy(\.isWhitespace) { throw fail("a plan needs a name") }
        if !monthlyFeeUSD.isFinite || monthlyFeeUSD < 0 {
            throw fail("the monthly fee is \(monthlyFeeUSD) USD; give a fee >= 0")
        }
        for (what, allowance) in [("5-hour", allowance5h), ("weekly", allowanceWeekly)] {
            if let a = allowance?.amount, !a.isFinite || a <= 0 {
                throw fail("the \(what) allowance is \(a); give an amount > 0, or no \(what) limit at all")
            }
        }
        if let included = includedUSDPerMonth, !included.isFinite || included < 0 {
            throw fail("the included usage is \(included) USD per month; give an amount >= 0")
        }
        if hasLimit && overLimit == nil {
            let limit =
                allowance5h != nil ? "a 5-hour allowance" : allowanceWeekly != nil ? "a weekly allowance" : "included usage"
            throw fail(
                "it has \(limit) but no policy past the limit; set the policy to blocked (threads wait "
                    + "until the limit resets), overage (usage past the limit is billed at API prices) or "
                    + "fallback_to_api (refused threads run at API prices)")
        }
        if !Self.isISODay(asOf) { throw fail("asOf is '\(asOf)'; give the day the figures were checked, as YYYY-MM-DD") }
    }

    /// Figures checked longer ago than this many days get a warning (`plans`).
    public static let staleAfterDays = 180

    /// Days from ``asOf`` to `day` (both ISO-8601 days); nil when either is not a day.
    public func daysOld(on day: String) -> Int? {
        guard let from = Self.dayNumber(asOf), let to = Self.dayNumber(day) else { return nil }
        return to - from
    }

    /// Whether the figures were checked more than ``staleAfterDays`` before `day`.
    public func isStale(on day: String) -> Bool { (daysOld(on: day) ?? 0) > Self.staleAfterDays }

    /// Days since 1970-01-01 of an ISO-8601 day (proleptic Gregorian), nil if it is not one.
    public static func dayNumber(_ s: String) -> Int? {
        guard isISODay(s) else { return nil }
        let parts = s.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        // Howard Hinnant's days_from_civil.
        let (m, d) = (parts[1], parts[2])
        let y = parts[0] - (m <= 2 ? 1 : 0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func isISODay(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.map(\.count) == [4, 2, 2], parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
            let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
