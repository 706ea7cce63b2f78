// Tests: ScenarioError.swift, ScenarioError+Rule.swift, YAMLCursor.swift
import Composition
import Scenario
import TestSupport
import Testing

/// The scenario loader's errors that no other test pinned (found by listing every `error(...)`
/// site in Sources/Scenario and searching the tests for its text): each with its exact
/// `file:line:column: message`, as `tokencast run` and `check` print it after "error: ".
@Suite struct ScenarioErrorMessageTests {
    static let d = "developer: {threads_per_day: 2}"
    static let m = "models: {opus: {preset: opus-4.5, price: claude-opus-4-5}}"

    static let cases: [(yaml: String, message: String)] = [
        (
            "trials: 200000000\n\(d)\n\(m)",
            "s.yaml:1:9: 'trials' is 200000000: more than 100,000,000 trials would take hours; 10,000 give percentiles to about 1 %"
        ),
        (
            d,
            "s.yaml:1:1: the scenario has no 'models': add at least one, e.g. models: {opus: {preset: opus-4.5, price: claude-opus-4-5}}"
        ),
        ("\(d)\nmodels: {}", "s.yaml:2:9: 'models' is empty: add at least one model"),
        (
            "calendar: {start: 2027-13}\n\(d)\n\(m)",
            "s.yaml:1:19: 'calendar.start' must be a month written YYYY-MM, e.g. 2027-01, got '2027-13'"
        ),
        ("calendar: {months: 121}\n\(d)\n\(m)", "s.yaml:1:20: 'calendar.months' is 121: the horizon is at most 120 months"),
        (
            "calendar: {working_days: 400}\n\(d)\n\(m)",
            "s.yaml:1:26: 'calendar.working_days' counts working days per year and must be at most 366, got 400"
        ),
        (m, "s.yaml:1:1: the scenario has no 'developer': add one with threads_per_day, e.g. developer: {threads_per_day: 8}"),
        (
            "developer: {threads_per_day: -1}\n\(m)",
            "s.yaml:1:30: 'developer.threads_per_day' must not be negative, got -1: use 0 or a positive number"
        ),
        (
            "developer: {threads_per_day: {mean: -2}}\n\(m)",
            "s.yaml:1:37: 'developer.threads_per_day.mean' must not be negative, got -2: use 0 or a positive number"
        ),
        (
            "developer: {threads_per_day: {mean: 2, developer_cv: -1}}\n\(m)",
            "s.yaml:1:54: 'developer.threads_per_day.developer_cv' must not be negative, got -1: use 0 or a positive number"
        ),
        (
            "developer: {mix: {opus: 1}}\n\(m)",
            "s.yaml:1:12: 'developer' needs 'threads_per_day', e.g. threads_per_day: {mean: 8, day_dispersion: 3}"
        ),
        (
            "\(d)\nmodels: {opus: {preset: opus-4.5, price: claude-opus-4-5}, sonnet: {preset: sonnet-4.5, price: claude-sonnet-4-5}}",
            "s.yaml:1:12: 'developer' needs a 'mix' giving each model's share of threads, e.g. mix: {opus: 0.5, sonnet: 0.5}"
        ),
        (
            "developer: {threads_per_day: 2, mix: {opsu: 1}}\n\(m)",
            "s.yaml:1:39: 'developer.mix' names 'opsu', which is not in 'models': did you mean 'opus'?"
        ),
        ("? [a, b]\n: 1\n\(d)\n\(m)", "s.yaml:1:3: keys must be plain words"),
        ("\(d)\nmodels: {? [x] : {preset: opus-4.5}}", "s.yaml:2:12: names in 'models' must be plain words"),
        (
            "prices: {file: /no/such.json}\n\(d)\n\(m)",
            "s.yaml:1:16: 'prices.file': /no/such.json: cannot read the price file (no such file or no permission); give the path of a LiteLLM model_prices_and_context_window.json, or leave out --prices to use the built-in catalog"
        ),
    ]

    @Test(arguments: 0..<cases.count)
    func messageIsExact(_ index: Int) {
        let c = Self.cases[index]
        #expect(throws: ScenarioError.self) { _ = try ScenarioLoader.parse(c.yaml, file: "s.yaml") }
        do {
            _ = try ScenarioLoader.parse(c.yaml, file: "s.yaml")
        } catch {
            #expect("\(error)" == c.message)
        }
    }

    @Test func unreadableFitDatabase() {
        let db = RepositoryPaths.fixture("reliability/errors/not-sqlite.bin")
        let yaml = "db: \(db)\n\(Self.d)\nmodels: {opus: {fit: latest, price: claude-opus-4-5}}"
        do {
            _ = try ScenarioLoader.parse(yaml, file: "s.yaml", fits: StoredFits())
            Issue.record("no error")
        } catch {
            #expect(
                "\(error)"
                    == "s.yaml:1:5: cannot read stored fits: \(db) is not a tokencast thread database (not an SQLite file); it was left untouched. Move it away, or pass --db with another path."
            )
        }
    }
}
