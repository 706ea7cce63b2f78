import Foundation
import FuzzHarness
import Testing
import TestSupport

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
            case .scenario, .litellm:
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
}
