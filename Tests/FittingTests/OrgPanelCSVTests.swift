import Foundation
import Testing

@testable import Fitting

/// The panel CSV `fit org --panel` reads: column aliases in any order, quoted fields, and a
/// message naming file:line and the fix for each kind of bad row.
@Suite struct OrgPanelCSVTests {
    static func read(_ text: String) throws(OrgPanelCSVError) -> OrgPanel {
        var panel = OrgPanel()
        try OrgPanelCSV.read(text, file: "panel.csv", into: &panel)
        return panel
    }

    static func error(_ text: String) -> String? {
        do throws(OrgPanelCSVError) {
            _ = try read(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aliasesQuotesAndRowsThatAdd() throws {
        let panel = try Self.read(
            """
            Email,Usage_Date,Team_ID,Model,API_Requests,Cost_USD,ignored
            "dev, one",2026-03-02,web,claude-sonnet-4-5,10,1.50,x
            "dev, one",2026-03-02T18:00:00Z,web,claude-sonnet-4-5,5,0.50,x
            two,2026-03-03,api,claude-opus-4-5,,3,x

            two,2026-03-04,api,claude-opus-4-5,2,0,x
            """)
        #expect(panel.rows == 4)
        #expect(panel.userCount == 2)
        #expect(panel.firstDay == OrgCalendar.day(iso: "2026-03-02") && panel.lastDay == OrgCalendar.day(iso: "2026-03-04"))
        let web = panel.dailySpend(team: "web")
        #expect(web == [OrgCalendar.day(iso: "2026-03-02") ?? -1: 2.0])
        #expect(panel.teamModelSpend["api"] == ["claude-opus-4-5": 3])
        #expect(panel.teams == ["api", "web"])
        // Only the three required columns: team and model '' and no requests.
        let bare = try Self.read("user,day,spend\nu,2026-01-05,4\n")
        #expect(bare.teams == [""] && bare.rows == 1)
    }

    @Test func badInputNamesTheLineAndTheFix() {
        #expect(
            Self.error("")
                == "panel.csv: the file is empty: give a header row (user,day,team,model,requests,spend) and one row per user, day and model"
        )
        #expect(
            Self.error("user,date,team\nu,2026-01-05,t\n")
                == "panel.csv:1: no 'spend' column (accepted names: spend, cost, spend_usd, cost_usd, amount); the header has user, date, team"
        )
        #expect(
            Self.error("user,day,spend\nu,2026-01-05,1\nu,2026-02-30,1\n")
                == "panel.csv:3: 'day' is '2026-02-30': expected a date such as 2026-03-14; fix or remove the line")
        #expect(
            Self.error("user,day,spend\n,2026-01-05,1\n")?.hasPrefix("panel.csv:2: 'user' is '': expected a user name or id")
                == true)
        #expect(Self.error("user,day,spend\nu,2026-01-05,-2\n")?.contains("expected dollars, a number from 0 to 1e9") == true)
        #expect(Self.error("user,day,spend\nu,2026-01-05,1e12\n")?.hasPrefix("panel.csv:2: 'spend' is '1e12'") == true)
        #expect(
            Self.error("user,day,spend,requests\nu,2026-01-05,1,many\n")?.contains(
                "'requests' is 'many': expected a non-negative count") == true)
        #expect(
            Self.error("user,day,spend\n\"u,2026-01-05,1\n")?.hasPrefix("panel.csv:2: a quote is out of place or never closed")
                == true)
        #expect(Self.error("user,day,spend\nu\"x,2026-01-05,1\n")?.hasPrefix("panel.csv:2: a quote is out of place") == true)
        var panel = OrgPanel()
        #expect(throws: OrgPanelCSVError.unreadable(path: "/no/such/panel.csv")) {
            try OrgPanelCSV.read(path: "/no/such/panel.csv", into: &panel)
        }
    }
}
