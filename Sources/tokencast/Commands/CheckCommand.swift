import ArgumentParser
import Composition
import Foundation
import Scenario

/// `tokencast check FILE`: validates a scenario without running it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate scenario files without running them.")

    @Argument(help: "Scenario files to check.")
    var files: [String]

    @OptionGroup var pricing: PriceOptions

    func run() throws {
        var failed = false
        let catalog = try pricing.catalog()
        for file in files {
            do {
                let s = try ScenarioLoader.load(
                    path: file, catalog: catalog, catalogFromCommandLine: pricing.prices != nil, fits: StoredFits())
                print(
                    "\(file): ok (\(s.models.count) model\(s.models.count == 1 ? "" : "s"), \(s.trials) trials, \(s.calendar.months.count) months)"
                )
            } catch {
                FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }
}
