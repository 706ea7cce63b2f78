// Tests: CSVField.swift, ForecastCSV.swift, PricesCSV.swift, TeamForecastCSV.swift, ThreadsCSV.swift
import Foundation
import Pricing
import Testing

@testable import Reports

/// The CSV renderings: their headers, a row checked against the document, and quoting of
/// names a spreadsheet would otherwise split.
@Suite struct CSVTests {
    @Test func aFieldIsQuotedOnlyWhenItMustBe() {
        #expect(CSVField.quoted("opus") == "opus")
        #expect(CSVField.quoted("a,b") == "\"a,b\"")
        #expect(CSVField.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVField.quoted("two\nlines") == "\"two\nlines\"")
        // "\r\n" is one Character in Swift, so a check for "\n" alone misses it.
        #expect(CSVField.quoted("two\r\nlines") == "\"two\r\nlines\"")
        #expect(CSVField.quoted("") == "")
    }

    @Test func forecastCSVHasItsHeaderAndTheDocumentsNumbers() throws {
        let (_, _, d) = try SmallForecasts.developer()
        let csv = ForecastCSV.render(d)
        #expect(csv.hasPrefix("scope,model,month,statistic,value\n"))
        #expect(csv.hasSuffix("\n"))
        let rows = SmallForecasts.parseCSV(csv)
        #expect(rows.allSatisfy { $0.count == 5 }, "\(rows.filter { $0.count != 5 })")
        let mean = try #require(rows.first { $0[0] == "annual" && $0[3] == "mean" })
        #expect(Double(mean[4]) == d.annual.mean)
        #expect(rows.contains(["annual", "", "", "trials", "200"]))
        #expect(rows.contains(["annual", "", "", "seed", "7"]))
        // 8 annual statistics + trials + seed, 5 thread rows, 8 per month, 5 + 8 per model.
        #expect(rows.count == 1 + 10 + 5 + 8 * d.monthly.count + 13 * d.models.count)
        let shares = rows.filter { $0[0] == "model" && $0[3] == "share_of_threads" }.map { $0[1] }
        #expect(shares == ["opus", "sonnet"])
    }

    @Test func forecastCSVQuotesAModelNameWithACommaAQuoteOrALineBreak() throws {
        var (_, _, d) = try SmallForecasts.developer()
        d.models[0].name = "opus, \"fast\"\nedition"
        // A line break alone, no comma or quote: unquoted, it would split its rows in two.
        d.models[1].name = "sonnet\nlong context"
        let rows = SmallForecasts.parseCSV(ForecastCSV.render(d))
        #expect(rows.allSatisfy { $0.count == 5 })
        #expect(rows.filter { $0[1] == "opus, \"fast\"\nedition" }.count == 13)
        #expect(rows.filter { $0[1] == "sonnet\nlong context" }.count == 13)
    }

    @Test func teamCSVHasItsHeaderTeamRowsAndQuotedProfileNames() throws {
        let (_, d) = try SmallForecasts.team()
        let csv = TeamForecastCSV.render(d)
        #expect(csv.hasPrefix("scope,name,month,statistic,value\n"))
        let rows = SmallForecasts.parseCSV(csv)
        #expect(rows.allSatisfy { $0.count == 5 })
        let mean = try #require(rows.first { $0[0] == "organisation" && $0[3] == "mean" })
        #expect(Double(mean[4]) == d.team.annual.mean)
        #expect(rows.contains(["organisation", "", "", "average_head_count", "5"]))
        #expect(Set(rows.filter { $0[0] == "profile" }.map { $0[1] }) == ["core, \"platform\"", "juniors"])
        #expect(csv.contains("\"core, \"\"platform\"\"\""))
        #expect(rows.contains(["budget", "", "", "annual", "5000"]))
        #expect(rows.filter { $0[0] == "month" && $0[3] == "head_count" }.map { $0[2] } == d.months)
    }

    @Test func threadsCSVHasAHeaderAndARowPerModelMonthWithPlainNumbers() {
        let row = ThreadsDocument.Row(
            model: "claude-opus-4-5", month: "2027-01", threads: 1234, turns: 9, input: 1_000_000, cacheRead: 2,
            cacheWrite5m: 3, cacheWrite1h: 4, output: 5, reasoning: 6, costUSD: 1.5, cacheHitRate: 0.25)
        var odd = row
        odd.model = "a,b"
        odd.costUSD = nil
        odd.cacheHitRate = nil
        let d = ThreadsDocument(rows: [row, odd], total: row, unpricedModels: ["a,b"], priceSource: "built-in")
        let lines = ThreadsCSV.render(d).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines[0]
                == "model,month,threads,turns,input,cache_read,cache_write_5m,cache_write_1h,output,reasoning,cost_usd,cache_hit_rate"
        )
        #expect(lines[1] == "claude-opus-4-5,2027-01,1234,9,1000000,2,3,4,5,6,1.500000,0.2500")
        #expect(lines[2] == "\"a,b\",2027-01,1234,9,1000000,2,3,4,5,6,-,-")
        // The total is for people: the CSV has none.
        #expect(lines.count == 4 && lines[3].isEmpty)
    }
}

/// The `prices` CSV: as many cells in every row as in the header, prices per million tokens.
@Suite struct PricesCSVTests {
    @Test func everyRowHasTheHeadersCellsAndPricesPerMillionTokens() throws {
        let catalog = PriceCatalog.builtIn
        let opus = try catalog.price(of: "claude-opus-4-5")
        var custom = opus
        custom.model = "my, \"own\" model"
        let d = PricesDocument(prices: [opus, custom], catalog: catalog)
        let rows = SmallForecasts.parseCSV(PricesCSV.render(d))
        #expect(rows.count == 3)
        #expect(rows[0] == PricesCSV.columns)
        #expect(rows.allSatisfy { $0.count == PricesCSV.columns.count })
        let input = try #require(Double(rows[1][3]))
        #expect(abs(input - opus.input * 1_000_000) < 1e-9)
        #expect(rows[1][0] == "claude-opus-4-5")
        #expect(rows[2][0] == "my, \"own\" model")
        #expect(rows[1].suffix(2) == [catalog.source, catalog.date])
    }
}
