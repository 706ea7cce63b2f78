import Foundation

/// Runs the built `tokencast` executable, for end-to-end tests of what a user sees.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum CommandRunner {
    /// The debug build's executable, next to the test bundle.
    public static var executable: String {
        if let override = ProcessInfo.processInfo.environment["TOKENCAST_BIN"] { return override }
        return RepositoryPaths.root.appendingPathComponent(".build/debug/tokencast").path
    }

    /// Runs `tokencast` with `arguments` in the repository root; `stdin`, when given, is written
    /// to its standard input (which is then closed).
    public static func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil) throws
        -> CommandResult
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = RepositoryPaths.root
        var env = ProcessInfo.processInfo.environment
        // The data directory may hold a `prices --update` copy that changes every priced output
        // (and is where a default database goes): the CLI under test gets an empty one of its
        // own unless the test gives one.
        let dataHome = "tokencast-cli-tests-\(ProcessInfo.processInfo.processIdentifier)"
        env["XDG_DATA_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent(dataHome).path
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = stdin.map { _ in Pipe() }
        if let input { process.standardInput = input }
        try process.run()
        if let input, let stdin {
            // Small inputs (a statusline's JSON): they fit the pipe's buffer, so writing before
            // reading the output cannot block.
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }
}
