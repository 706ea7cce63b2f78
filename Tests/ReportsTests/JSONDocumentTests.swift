import Foundation
import Testing

@testable import Reports

/// The JSON documents: stable bytes, the keys scripts read, and numbers JSON cannot hold.
@Suite struct JSONDocumentTests {
    @Test func jsonTextSortsKeysAndWritesNonFiniteNumbersAsStrings() throws {
        struct Value: Encodable {
            var b = 1.5
            var a = Double.nan
            var path = "a/b"
            var c = -Double.infinity
        }
        let text = try JSONText.encode(Value())
        #expect(text == "{\n  \"a\" : \"nan\",\n  \"b\" : 1.5,\n  \"c\" : \"-inf\",\n  \"path\" : \"a/b\"\n}\n")
    }

    @Test func theForecastDocumentRoundTripsThroughItsJSON() throws {
        let (_, _, d) = try SmallForecasts.developer()
        let text = try JSONText.encode(d)
        #expect(try JSONText.encode(d) == text, "the same bytes twice")
        let back = try JSONDecoder().decode(ForecastDocument.self, from: Data(text.utf8))
        #expect(back.scenario == SmallForecasts.name)
        #expect(back.annual.mean == d.annual.mean)
        #expect(back.models.map(\.name) == ["opus", "sonnet"])
        #expect(try JSONText.encode(back) == text)
    }

    @Test func theTeamDocumentKeepsTheOrganisationKey() throws {
        let (_, d) = try SmallForecasts.team()
        let text = try JSONText.encode(d)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        // Scripts read `organisation`; the Swift name is `team`.
        let whole = try #require(object["organisation"] as? [String: Any])
        #expect(object["team"] == nil)
        #expect(whole["average_head_count"] as? Double == 5)
        let back = try JSONDecoder().decode(TeamForecastDocument.self, from: Data(text.utf8))
        #expect(back.team.annual.mean == d.team.annual.mean)
        #expect(back.profiles.map(\.name).sorted() == ["core, \"platform\"", "juniors"])
    }
}
