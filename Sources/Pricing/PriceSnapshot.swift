import Foundation

/// The dated copy of LiteLLM's price file that tokencast ships, and the newer copy a user
/// installs with `tokencast prices --update FILE`.
///
/// The shipped copy is `Resources/litellm-chat-prices.json`, LiteLLM's file trimmed to chat
/// models (scripts/trim-litellm-prices.py), copied by SwiftPM into the resource bundle
/// `tokencast_Pricing.resources` next to the executable. It is found by ``shippedPaths(environment:)``
/// rather than `Bundle.module`, whose generated accessor stops the program with `fatalError`
/// when the bundle is not where the build left it (a binary copied alone): here a missing
/// snapshot is a message, and the built-in names keep working.
public enum PriceSnapshot {
    /// The LiteLLM release the shipped file comes from, and the day its prices were current
    /// (the same release as ``PriceCatalog/builtIn``).
    public static let litellmVersion = "1.109.1"
    public static let date = "2026-11-20"
    /// The shipped file's name in the resource bundle.
    public static let resourceName = "litellm-chat-prices.json"
    /// SwiftPM's name for the Pricing target's resource bundle (`<package>_<target>`).
    static let bundleName = "tokencast_Pricing"
    /// The installed update and the file beside it that records its date and origin.
    public static let installedName = "litellm-prices.json"
    public static let installedInfoName = "litellm-prices.info"
    /// An explicit path of the shipped file, for packagers who put resources elsewhere.
    public static let pathVariable = "TOKENCAST_PRICE_SNAPSHOT"

    /// `$XDG_DATA_HOME/tokencast`, else `~/.local/share/tokencast`: the directory of the thread
    /// store (ThreadStore.defaultPath follows the same rule).
    public static func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".local/share")
        return (base as NSString).appendingPathComponent("tokencast")
    }

    /// Where `prices --update` installs a newer file.
    public static func installedPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (dataDirectory(environment: environment) as NSString).appendingPathComponent(installedName)
    }

    static func installedInfoPath(environment: [String: String]) -> String {
        (dataDirectory(environment: environment) as NSString).appendingPathComponent(installedInfoName)
    }

    /// The places the shipped file is looked for, in order: `$TOKENCAST_PRICE_SNAPSHOT`; the
    /// resource bundle beside the executable (as run, then with symbolic links resolved, so
    /// that a link in `~/bin` to `.build/release/tokencast` works); and `../share/tokencast/`
    /// from the executable's directory (`make install`).
    public static func shippedPaths(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var out: [String] = []
        if let explicit = environment[pathVariable], !explicit.isEmpty { out.append(explicit) }
        var directories: [String] = []
        func addDirectory(of executable: String?) {
            guard let executable, !executable.isEmpty else { return }
            let dir = (executable as NSString).deletingLastPathComponent
            if !directories.contains(dir) { directories.append(dir) }
        }
        addDirectory(of: Bundle.main.executablePath)
        addDirectory(of: Bundle.main.executablePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path })
        addDirectory(of: try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        for dir in directories {
            let ns = dir as NSString
            out.append(ns.appendingPathComponent("\(bundleName).resources/\(resourceName)"))
            out.append(ns.appendingPathComponent("\(bundleName).bundle/Contents/Resources/\(resourceName)"))
            out.append(ns.appendingPathComponent("\(bundleName).bundle/\(resourceName)"))
            out.append(ns.appendingPathComponent("../share/tokencast/\(bundleName).resources/\(resourceName)"))
        }
        return out
    }

    /// The shipped snapshot as a catalog, or why it could not be read.
    public static func shipped(environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<
        PriceCatalog, PricingError
    > {
        let paths = shippedPaths(environment: environment)
        guard let path = paths.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else {
            let looked = paths.isEmpty ? "(no executable path)" : paths.joined(separator: ", ")
            return .failure(.priceFile(path: resourceName, reason: "not found; looked in \(looked)"))
        }
        do {
            var catalog = try PriceCatalog(liteLLMFile: path, date: date)
            catalog.source = "LiteLLM \(litellmVersion) snapshot"
            return .success(catalog)
        } catch {
            return .failure(error)
        }
    }

    /// The file installed by `prices --update`, or nil when there is none.
    ///
    /// - Throws: the file's ``PricingError`` when it exists but cannot be read, with the fix
    ///   (install it again, or delete it to go back to the shipped snapshot).
    public static func installed(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PricingError)
        -> PriceCatalog?
    {
        let path = installedPath(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let info = InstalledInfo.read(installedInfoPath(environment: environment))
        do {
            return try PriceCatalog(liteLLMFile: path, date: info?.date)
        } catch {
            throw .priceFile(
                path: path,
                reason: "the installed price file is damaged (\(error)); run `tokencast prices --update FILE` again, "
                    + "or delete it to use the shipped snapshot")
        }
    }

    /// What is recorded beside an installed file: the day its prices were current and where it
    /// was installed from. One `key: value` a line, so that a person can read it too.
    public struct InstalledInfo: Sendable, Equatable {
        public var date: String
        public var installedFrom: String
        public var installedOn: String

        public init(date: String, installedFrom: String, installedOn: String) {
            self.date = date
            self.installedFrom = installedFrom
            self.installedOn = installedOn
        }

        var text: String { "date: \(date)\ninstalled_from: \(installedFrom)\ninstalled_on: \(installedOn)\n" }

        static func read(_ path: String) -> InstalledInfo? {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            var fields: [String: String] = [:]
            for line in text.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            guard let date = fields["date"], Plan.isISODay(date) else { return nil }
            return InstalledInfo(
                date: date, installedFrom: fields["installed_from"] ?? "", installedOn: fields["installed_on"] ?? "")
        }
    }

    /// Validates `file` as a LiteLLM price file and installs a copy in the data directory, where
    /// it takes precedence over the shipped snapshot. Nothing is replaced unless the new file
    /// reads and has chat models: it is written beside the old one and moved over it.
    ///
    /// - Parameter date: the day the file's prices were current; default its modification day.
    /// - Returns: the installed catalog (its source is the installed path).
    /// - Throws: ``PricingError`` when the file is unreadable, not a price file or has no chat
    ///   model, or the data directory cannot be written.
    @discardableResult
    public static func install(
        _ file: String, date: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        now: Date = Date()
    ) throws(PricingError) -> PriceCatalog {
        let candidate = try PriceCatalog(liteLLMFile: file, date: date)
        if candidate.prices.isEmpty {
            throw .priceFileWithoutChatModels(path: file, entries: candidate.problems.count)
        }
        let directory = dataDirectory(environment: environment)
        let destination = installedPath(environment: environment)
        let staging = destination + ".new"
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if fm.fileExists(atPath: staging) { try fm.removeItem(atPath: staging) }
            try fm.copyItem(atPath: file, toPath: staging)
            if fm.fileExists(atPath: destination) {
                _ = try fm.replaceItemAt(URL(fileURLWithPath: destination), withItemAt: URL(fileURLWithPath: staging))
            } else {
                try fm.moveItem(atPath: staging, toPath: destination)
            }
            let from = URL(fileURLWithPath: file).standardizedFileURL.path
            let info = InstalledInfo(date: candidate.date, installedFrom: from, installedOn: PriceCatalog.isoDay(now))
            try info.text.write(toFile: installedInfoPath(environment: environment), atomically: true, encoding: .utf8)
        } catch {
            throw .priceFile(
                path: destination,
                reason: "cannot install the price file there (\(error.localizedDescription)); check that the "
                    + "directory is writable, or set XDG_DATA_HOME")
        }
        var installed = candidate
        installed.source = destination
        return installed
    }
}

extension PriceCatalog {
    /// The catalog commands use without `--prices`: the built-in names first (so that
    /// existing scenarios price as before), then every chat model of the installed update
    /// (`prices --update`) or, without one, of the shipped LiteLLM snapshot.
    ///
    /// The file behind the built-in names is read on first use (a name they do not price, or a
    /// listing). A missing snapshot or a damaged update is not an error here: built-in names
    /// still price, and a model that needs the file fails with
    /// ``PricingError/priceSnapshotUnavailable(model:reason:)`` saying why.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PricingError)
        -> PriceCatalog
    {
        builtIn.backed { () -> Result<PriceCatalog, PricingError> in
            do throws(PricingError) {
                if let installed = try PriceSnapshot.installed(environment: environment) { return .success(installed) }
            } catch {
                return .failure(error)
            }
            return PriceSnapshot.shipped(environment: environment)
        }
    }
}
