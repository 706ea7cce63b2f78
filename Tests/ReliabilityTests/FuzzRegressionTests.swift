import Foundation
import FuzzHarness
import Pricing
import Scenario
import TestSupport
import Testing

/// Replays every input kept in `fixtures/fuzz/<target>/` (crashes `make fuzz` found, and
/// hand-made hostile inputs) through the same entry points libFuzzer drives. Each must return,
/// with the reader's own error or none; before its fix each one crashed the process.
@Suite(.serialized) struct FuzzRegressionTests {
    static func inputs(_ target: FuzzTarget) -> [String] {
        let dir = RepositoryPaths.fixture("fuzz/\(target.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(dir)/\($0)" }
    }

    @Test(arguments: FuzzTarget.allCases)
    func keptInputsNoLongerCrash(_ target: FuzzTarget) throws {
        for path in Self.inputs(target) {
            let data = try #require(FileManager.default.contents(atPath: path))
            let error = target.run(data)
            switch target {
            case .claudeCode, .codex, .csv:
                // Bad lines and rows are skipped and counted; they never stop an import.
                #expect(error == nil, "\(path): \(String(describing: error))")
            case .scenario, .litellm, .statusline:
                // Refused with the reader's own message (checked by the readers' own tests).
                break
            }
        }
    }

    @Test func everyTargetHasRegressionInputs() {
        for target in FuzzTarget.allCases {
            #expect(!Self.inputs(target).isEmpty, "fixtures/fuzz/\(target.rawValue)/ is empty")
        }
    }

    /// libFuzzer (litellm target): `max_input_tokens` of 9223372036854775807 trapped converting
    /// to Int. Now the entry loads and its window is unknown.
    @Test func priceFileWindowPastIntMaxIsUnknown() throws {
        let data = try #require(
            FileManager.default.contents(atPath: RepositoryPaths.fixture("fuzz/litellm/crash-max-input-tokens-past-int-max.json"))
        )
        let catalog = try PriceCatalog(liteLLMData: data, source: "crash.json", date: "2025-01-01")
        #expect(try catalog.price(of: "m1").contextWindow == nil)
    }

    /// The same conversion in a scenario's price override trapped; now it is an error at the key.
    @Test func scenarioContextWindowOverridePastTheLimitIsAnError() {
        let path = RepositoryPaths.fixture("fuzz/scenario/crash-context-window-override-1e30.yaml")
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("no error")
        } catch {
            #expect(
                "\(error)"
                    == "\(path):2:56: 'prices.overrides.claude-opus-4-5.context_window' is 1e+30 tokens: a context window is at most 1,000,000,000,000,000 tokens"
            )
        }
    }
}
