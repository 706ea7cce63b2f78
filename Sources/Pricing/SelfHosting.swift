/// Running models on one's own hardware, priced like a plan.
///
/// One *box* is the hardware that serves the model (two GPUs, an 8-GPU node). Per year:
///
/// ```
/// capacity tokens  = tokensPerSecond x utilisation x 31,536,000 s
/// busy hours       = tokens / tokensPerSecond / 3600
/// cost             = boxes x (hardwareUSD / lifeYears + opsUSDPerYear)
///                  + powerKW x busy hours x electricityUSDPerKWh
/// USD per million  = cost / tokens x 1e6
/// ```
///
/// Hardware is amortised straight-line over its life with no resale value; power is drawn
/// only while serving (idle draw, cooling and financing are left out, or folded into
/// `opsUSDPerYear`).
public struct SelfHosting: Sendable, Hashable, Codable {
    public static let secondsPerYear = 365.0 * 24 * 3600

    public var hardwareUSD: Double
    public var lifeYears: Double
    /// Power drawn while serving, kW.
    public var powerKW: Double
    public var electricityUSDPerKWh: Double
    /// Tokens generated per second while serving (aggregate over concurrent requests).
    public var tokensPerSecond: Double
    /// Share of the year the box serves, in (0, 1]; caps its capacity.
    public var utilisation: Double
    /// Staff, hosting and maintenance per box per year.
    public var opsUSDPerYear: Double

    /// - Throws: ``PricingError/invalidSelfHosting(field:reason:)`` for a value out of range.
    public init(
        hardwareUSD: Double, lifeYears: Double, powerKW: Double, electricityUSDPerKWh: Double,
        tokensPerSecond: Double, utilisation: Double, opsUSDPerYear: Double = 0
    ) throws(PricingError) {
        func check(_ field: String, _ value: Double, _ ok: Bool, _ expected: String) throws(PricingError) {
            if !value.isFinite || !ok { throw .invalidSelfHosting(field: field, reason: "is \(value); \(expected)") }
        }
        try check("hardwareUSD", hardwareUSD, hardwareUSD >= 0, "give the hardware price in USD, >= 0")
        try check("lifeYears", lifeYears, lifeYears > 0, "give the years the hardware serves before replacement, > 0")
        try check("powerKW", powerKW, powerKW >= 0, "give the power drawn while serving in kW, >= 0")
        try check("electricityUSDPerKWh", electricityUSDPerKWh, electricityUSDPerKWh >= 0, "give the price of a kWh in USD, >= 0")
        try check(
            "tokensPerSecond", tokensPerSecond, tokensPerSecond > 0, "give the measured throughput in tokens per second, > 0")
        try check(
            "utilisation", utilisation, utilisation > 0 && utilisation <= 1,
            "give the share of the year the box serves, in (0, 1]")
        try check("opsUSDPerYear", opsUSDPerYear, opsUSDPerYear >= 0, "give the yearly operating cost in USD, >= 0")
        self.hardwareUSD = hardwareUSD
        self.lifeYears = lifeYears
        self.powerKW = powerKW
        self.electricityUSDPerKWh = electricityUSDPerKWh
        self.tokensPerSecond = tokensPerSecond
        self.utilisation = utilisation
        self.opsUSDPerYear = opsUSDPerYear
    }

    /// Tokens one box serves in a year at its utilisation.
    public var tokensPerYear: Double { tokensPerSecond * utilisation * Self.secondsPerYear }

    /// Hardware amortisation and operations of one box per year.
    public var fixedUSDPerYear: Double { hardwareUSD / lifeYears + opsUSDPerYear }

    /// One box's cost per year when it serves its capacity.
    public var annualCostUSD: Double { cost(forAnnualTokens: tokensPerYear).annualUSD }

    /// USD per million tokens when one box serves its capacity.
    public var usdPerMillionTokens: Double { cost(forAnnualTokens: tokensPerYear).usdPerMillionTokens }

    /// What serving `tokens` a year costs, with as many boxes as it takes.
    public func cost(forAnnualTokens tokens: Double) -> SelfHostingCost {
        let boxes = max(1, Int((tokens / tokensPerYear).rounded(.up)))
        let busyHours = tokens / tokensPerSecond / 3600
        let annual = Double(boxes) * fixedUSDPerYear + powerKW * busyHours * electricityUSDPerKWh
        return SelfHostingCost(
            boxes: boxes, annualUSD: annual,
            usdPerMillionTokens: tokens > 0 ? annual / tokens * 1e6 : .infinity,
            utilisationNeeded: tokens / (tokensPerSecond * Self.secondsPerYear))
    }
}

/// The cost of a yearly token volume on self-hosted hardware.
public struct SelfHostingCost: Sendable, Hashable, Codable {
    /// Boxes needed to serve the volume at the stated utilisation (at least one).
    public var boxes: Int
    public var annualUSD: Double
    public var usdPerMillionTokens: Double
    /// Share of one box's year the volume needs (above the utilisation: more boxes).
    public var utilisationNeeded: Double
}
