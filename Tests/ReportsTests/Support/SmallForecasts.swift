import Foundation
import Scenario
import Simulation

@testable import Reports

/// Small real forecasts (a couple of hundred trials) for the renderers, built as `run` and
/// `forecast` build their documents. The scenario's name carries HTML and CSV special
/// characters so that every page and table must escape it.
enum SmallForecasts {
    static let name = #"Small <b>team</b> & "quotes", commas"#

    static let developerYAML = """
        name: '\(name)'
        trials: 200
        seed: 7
        developer: {threads_per_day: 3, mix: {opus: 0.7, sonnet: 0.3}}
        models:
          opus: {preset: opus-4.5, price: claude-opus-4-5}
          sonnet: {preset: sonnet-4.5, price: claude-sonnet-4-5}
        """

    static let teamYAML = """
        name: '\(name)'
        trials: 200
        seed: 7
        calendar: {start: 2027-01, months: 12}
        models:
          opus: {preset: opus-4.5, price: claude-opus-4-5}
          sonnet: {preset: sonnet-4.5, price: claude-sonnet-4-5}
        team:
          profiles:
            'core, "platform"': {head_count: 3, threads_per_day: 2, mix: {opus: 0.5, sonnet: 0.5}}
            juniors: {head_count: 2, threads_per_day: 1, mix: {sonnet: 1}}
        budget: {annual: 5000}
        """

    static func developer() throws -> (Scenario, DeveloperForecast, ForecastDocument) {
        let scenario = try ScenarioLoader.parse(developerYAML, file: "small.yaml")
        let forecast = try DeveloperForecaster.run(scenario.forecastSpec())
        return (scenario, forecast, ForecastDocument(scenario: scenario, forecast: forecast, version: "test"))
    }

    static func team() throws -> (Scenario, TeamForecastDocument) {
        let scenario = try ScenarioLoader.parse(teamYAML, file: "team.yaml")
        let forecast = try TeamForecaster.run(scenario.teamSpec())
        return (scenario, TeamForecastDocument(scenario: scenario, forecast: forecast, version: "test"))
    }

    /// The CSV's rows split into fields, honouring quotes (RFC 4180), so tests read back what a
    /// spreadsheet would.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
        return rows
    }
}
