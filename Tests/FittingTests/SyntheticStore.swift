import Fitting
import Foundation
import SyntheticData
import TestSupport
import ThreadStore

/// Synthetic logs from known parameters, imported through the CSV importer into a store.
enum SyntheticStore {
    static func directory(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokencast-fit-\(name)-\(ProcessInfo.processInfo.processIdentifier)"
        ).path
        try? FileManager.default.removeItem(atPath: dir)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A store holding `logs`; on disk when `file` is given, else in memory.
    static func make(_ logs: SyntheticLogs, name: String, onDisk: Bool = false) throws -> ThreadStore {
        let dir = directory(name)
        try logs.write(to: dir)
        let store =
            onDisk
            ? try ThreadStore(path: (dir as NSString).appendingPathComponent("threads.db")) : try ThreadStore(inMemory: name)
        let importer = CSVImporter(store: store)
        _ = try importer.importFile(at: (dir as NSString).appendingPathComponent("requests.csv"))
        _ = try importer.importFile(at: (dir as NSString).appendingPathComponent("outcomes.csv"))
        if !onDisk { try? FileManager.default.removeItem(atPath: dir) }
        return store
    }

    /// The fixture's generator: fixtures/logs/synthetic/ is this, written out.
    static var fixture: SyntheticLogs { SyntheticLogs() }
}
