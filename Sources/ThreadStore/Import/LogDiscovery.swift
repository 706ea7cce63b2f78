import Foundation

/// Finds log files under the directories an import was given.
enum LogDiscovery {
    /// The log files under `paths`, sorted; a path may itself be a file.
    ///
    /// - Parameters:
    ///   - paths: files or directories. Missing ones throw: they are the user's arguments.
    ///   - accept: whether a file name (last path component) is a log file.
    ///   - report: receives a skip for each directory that cannot be listed.
    /// - Throws: ``ThreadStoreError/noSuchPath(_:)`` for a path that does not exist.
    static func files(
        under paths: [String], accept: (String) -> Bool, report: inout ImportReport
    ) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ThreadStoreError.noSuchPath(path)
            }
            guard isDirectory.boolValue else { files.append(path); continue }
            var unreadable: [String] = []
            let root = URL(fileURLWithPath: path)
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [],
                errorHandler: { url, _ in
                    unreadable.append(url.path); return true
                })
            while let url = enumerator?.nextObject() as? URL {
                guard accept(url.lastPathComponent),
                    (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                else { continue }
                files.append(url.path)
            }
            for dir in unreadable { report.skip("unreadable directory", at: dir) }
        }
        return Array(Set(files)).sorted()
    }

    /// Total size of `files` in bytes, for a progress bar.
    static func totalBytes(_ files: [String]) -> Int64 {
        files.reduce(0) { sum, path in
            sum + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0)
        }
    }

    /// The existing directories among `candidates`; the others are noted in `report`.
    static func existing(_ candidates: [String], report: inout ImportReport) -> [String] {
        var found: [String] = []
        for dir in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue {
                found.append(dir)
            } else {
                report.missingDirectories.append(dir)
            }
        }
        return found
    }
}
