import Foundation

/// Paths inside the repository, found from this file's location so tests do not depend on the
/// working directory.
public enum RepositoryPaths {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func fixture(_ relative: String) -> String {
        root.appendingPathComponent("fixtures").appendingPathComponent(relative).path
    }

    public static func scenario(_ name: String) -> String {
        root.appendingPathComponent("scenarios").appendingPathComponent(name).path
    }
}
