import Testing

@testable import Pricing

@Suite struct SelfHostingTests {
    /// DeepSeek V3/R1 671B on two RTX 5090s (the model's experts offloaded to system RAM):
    /// a $27,000 workstation over three years, 1 kW while serving at $0.30/kWh, 20 tokens/s.
    func twoRTX5090s(utilisation: Double) throws -> SelfHosting {
        try SelfHosting(
            hardwareUSD: 27_000, lifeYears: 3, powerKW: 1, electricityUSDPerKWh: 0.30, tokensPerSecond: 20,
            utilisation: utilisation)
    }

    @Test func twoRTX5090sCostThirtyToSixtyDollarsPerMillionAtModerateUse() throws {
        let box = try twoRTX5090s(utilisation: 0.35)
        // 20 x 0.35 x 31,536,000 = 220,752,000 tokens; 3,066 busy hours x 1 kW x $0.30 = $919.80.
        #expect(close(box.tokensPerYear, 220_752_000))
        #expect(close(box.annualCostUSD, 9_000 + 919.8, 1e-9))
        #expect(close(box.annualCostUSD * 3, 29_759.4, 1e-9))  // "~$30k over three years with electricity"
        #expect(close(box.usdPerMillionTokens, 9_919.8 / 220.752, 1e-9))  // $44.94
        for utilisation in [0.27, 0.35, 0.5] {
            let cost = try twoRTX5090s(utilisation: utilisation).usdPerMillionTokens
            #expect(cost > 30 && cost < 60)
        }
    }

    @Test func eightB200sServeAboutATrillionTokensAYear() throws {
        let cluster = try SelfHosting(
            hardwareUSD: 500_000, lifeYears: 4, powerKW: 14.3, electricityUSDPerKWh: 0.10, tokensPerSecond: 30_000,
            utilisation: 1)
        #expect(close(cluster.tokensPerYear, 9.4608e11))
        #expect(close(cluster.annualCostUSD, 125_000 + 14.3 * 8_760 * 0.10, 1e-9))
    }

    @Test func moreUsageThanCapacityNeedsMoreBoxes() throws {
        let box = try twoRTX5090s(utilisation: 0.5)  // 315,360,000 tokens a year
        let cost = box.cost(forAnnualTokens: 1e9)
        #expect(cost.boxes == 4)
        #expect(close(cost.annualUSD, 4 * 9_000 + 1e9 / 20 / 3600 * 0.30, 1e-9))
        #expect(close(cost.utilisationNeeded, 1e9 / (20 * 31_536_000)))
        #expect(box.cost(forAnnualTokens: 1e6).boxes == 1)
    }

    @Test func parametersMustBeInRange() {
        #expect(
            errorMessage { _ = try twoRTX5090s(utilisation: 1.5) }
                == "self-hosting: utilisation is 1.5; give the share of the year the box serves, in (0, 1]")
        #expect(
            errorMessage {
                _ = try SelfHosting(
                    hardwareUSD: 1, lifeYears: 0, powerKW: 1, electricityUSDPerKWh: 0.1, tokensPerSecond: 1, utilisation: 1)
            } == "self-hosting: lifeYears is 0.0; give the years the hardware serves before replacement, > 0")
        #expect(
            errorMessage {
                _ = try SelfHosting(
                    hardwareUSD: 1, lifeYears: 1, powerKW: 1, electricityUSDPerKWh: 0.1, tokensPerSecond: -3, utilisation: 1)
            } == "self-hosting: tokensPerSecond is -3.0; give the measured throughput in tokens per second, > 0")
    }
}
