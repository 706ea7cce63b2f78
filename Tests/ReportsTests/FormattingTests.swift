// Tests: Money.swift, LinearScale.swift, PlainTable.swift, SVGCanvas.swift, SignificantDigits.swift, TextTable.swift
import Foundation
import Testing

@testable import Reports

/// The small pieces every rendering is built from: money, scales, tables, SVG text.
@Suite struct MoneyTests {
    @Test func fullHasFourDecimalsBelowADollarTwoBelowAHundredNoneAbove() {
        #expect(Money.full(0) == "$0")
        #expect(Money.full(0.01234) == "$0.0123")
        #expect(Money.full(12.5) == "$12.50")
        #expect(Money.full(1234.4) == "$1,234")
        #expect(Money.full(1_000_000) == "$1,000,000")
        #expect(Money.full(-250) == "-$250")
        #expect(Money.full(.nan) == "-")
        #expect(Money.full(.infinity) == "-")
    }

    @Test func compactUsesSuffixes() {
        #expect(Money.compact(0.5) == "$0.50")
        #expect(Money.compact(4.3) == "$4.3")
        #expect(Money.compact(42) == "$42")
        #expect(Money.compact(1234) == "$1.2k")
        #expect(Money.compact(250_000) == "$250k")
        #expect(Money.compact(3_400_000) == "$3.4M")
        #expect(Money.compact(2.5e9) == "$2.5B")
        #expect(Money.compact(-1500) == "-$1.5k")
        #expect(Money.compact(.nan) == "-")
    }

    @Test func groupedPutsCommasEveryThreeDigits() {
        #expect(Money.grouped(0) == "0")
        #expect(Money.grouped(999) == "999")
        #expect(Money.grouped(1000) == "1,000")
        #expect(Money.grouped(1_234_567) == "1,234,567")
        #expect(Money.grouped(-1234.6) == "-1,235")
        #expect(Money.grouped(.infinity) == "-")
    }

    @Test func percentHasASpaceBeforeTheSign() {
        #expect(Money.percent(0.123) == "12.3 %")
        #expect(Money.percent(0.5, digits: 0) == "50 %")
        #expect(Money.percent(.nan) == "-")
    }
}

@Suite struct LinearScaleTests {
    @Test func mapsLinearlyAndFlipsForAYAxis() {
        let x = LinearScale(domain: 0...10, range: 0...100)
        #expect(x(2.5) == 25)
        #expect(x(10) == 100)
        let y = LinearScale(domain: 0...10, range: 0...100, flipped: true)
        #expect(y(2.5) == 75)
        #expect(y(0) == 100)
    }

    @Test func anEmptyDomainIsWidenedToOne() {
        #expect(LinearScale(domain: 5...5, range: 0...1).domain == 5...6)
    }

    @Test func ticksFallOnNiceStepsInsideTheDomain() {
        #expect(LinearScale(domain: 0...10, range: 0...1).ticks() == [0, 2, 4, 6, 8, 10])
        #expect(LinearScale(domain: 3...17, range: 0...1).ticks() == [5, 10, 15])
        #expect(LinearScale(domain: -7...7, range: 0...1).ticks(4) == [-5, 0, 5])
    }

    @Test func niceStepIsOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        #expect(LinearScale.niceStep(0.6) == 1)
        #expect(LinearScale.niceStep(2) == 2)
        #expect(LinearScale.niceStep(2.2) == 2.5)
        #expect(LinearScale.niceStep(3) == 5)
        #expect(LinearScale.niceStep(1234) == 2000)
        #expect(LinearScale.niceStep(0) == 0)
        #expect(LinearScale.niceStep(-1) == 0)
    }

    @Test func niceDomainWidensOutward() {
        #expect(LinearScale.niceDomain(3, 17) == 0...20)
        #expect(LinearScale.niceDomain(0, 0) == 0...1)
        #expect(LinearScale.niceDomain(5, 5) == 0...11)
        #expect(LinearScale.niceDomain(.nan, 1) == 0...1)
    }

    @Test func axisPercentDropsNeedlessDecimals() {
        #expect(AxisFormat.percent(0) == "0%")
        #expect(AxisFormat.percent(0.1) == "10%")
        #expect(AxisFormat.percent(0.0125) == "1.25%")
    }
}

@Suite struct TextTableTests {
    @Test func alignsTextLeftNumbersRightAndTrimsTrailingSpaces() {
        var table = TextTable(header: ["model", "cost"])
        table.add(["sonnet", "$12.50"])
        table.add(["opus-long-name", "$3"])
        table.add(["x"])
        #expect(
            table.render() == """
                  model             cost
                  --------------  ------
                  sonnet          $12.50
                  opus-long-name      $3
                  x
                """)
    }

    @Test func leftAlignedColumnsAndIndentAreChosen() {
        var table = TextTable(header: ["a", "b"], leftAligned: [0, 1])
        table.add(["1", "long"])
        #expect(table.render(indent: "") == "a  b\n-  ----\n1  long")
    }

    @Test func plainTablePadsToTheWidestCellAndEndsWithANewline() {
        #expect(
            PlainTable.render([["name", "value"], ["a", "1"], ["longer", "22"]])
                == "name    value\na           1\nlonger     22\n")
        #expect(PlainTable.render([]) == "")
    }

    @Test func significantDigitsAreFour() {
        #expect(SignificantDigits.four(0) == "0")
        #expect(SignificantDigits.four(3.14159) == "3.142")
        #expect(SignificantDigits.four(1234.6) == "1235")
        #expect(SignificantDigits.four(0.0123456) == "0.01235")
        #expect(SignificantDigits.four(1e8) == "1e+08")
        #expect(SignificantDigits.four(5e-5) == "5e-05")
    }
}

@Suite struct SVGCanvasTests {
    @Test func escapeCoversTheFiveXMLSpecialCharacters() {
        #expect(SVGCanvas.escape(#"a<b & "c" 'd'>"#) == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        #expect(SVGCanvas.escape("plain") == "plain")
    }

    @Test func numbersHaveAtMostTwoDecimalsAndNoTrailingZeros() {
        #expect(SVGCanvas.number(1) == "1")
        #expect(SVGCanvas.number(1.5) == "1.5")
        #expect(SVGCanvas.number(12.1) == "12.1")
        #expect(SVGCanvas.number(1.234) == "1.23")
        #expect(SVGCanvas.number(2.999) == "3")
        #expect(SVGCanvas.number(-0.5) == "-0.5")
        #expect(SVGCanvas.number(.nan) == "0")
    }
}
