import Testing

@testable import Reports

/// Money at the edges an absurd scenario reaches: amounts past Int's range, halves, zero's sign.
@Suite struct MoneyEdgeCaseTests {
    @Test func amountsPastIntsRangeAreWrittenInsteadOfTrapping() {
        #expect(Money.grouped(1e19) == "10,000,000,000,000,000,000")
        #expect(Money.grouped(-2.5e20) == "-250,000,000,000,000,000,000")
        #expect(Money.full(1e20) == "$100,000,000,000,000,000,000")
        #expect(Money.grouped(Double.greatestFiniteMagnitude).hasPrefix("179,769,313,486,231,570,"))
        // Just below the switch to %.0f, the Int path.
        #expect(Money.grouped(999_999_999_999_999_872) == "999,999,999,999,999,872")
    }

    @Test func halvesRoundAwayFromZeroAndNegativeZeroHasNoSign() {
        #expect(Money.grouped(2.5) == "3")
        #expect(Money.grouped(-2.5) == "-3")
        #expect(Money.grouped(-0.4) == "0")
        #expect(Money.grouped(-0.0) == "0")
        #expect(Money.full(-0.0) == "$0")
        #expect(Money.full(100) == "$100")
        #expect(Money.full(99.5) == "$99.50")
        #expect(Money.full(1) == "$1.00")
        #expect(Money.full(0.00004) == "$0.0000")
    }

    @Test func percentTakesItsDigitsAndRefusesNonFiniteShares() {
        #expect(Money.percent(0.1234, digits: 0) == "12 %")
        #expect(Money.percent(0.1234, digits: 2) == "12.34 %")
        #expect(Money.percent(-0.05) == "-5.0 %")
        #expect(Money.percent(-.infinity) == "-")
    }
}
