import Foundation
import Yams

/// A scenario file's inputs as flat `path: value` lines, for `tokencast diff` to list what
/// differs between two scenarios before how their costs differ.
public enum ScenarioInputs {
    /// The leaves of the file's YAML tree, keyed by dotted path (`models.opus.price`), in file order.
    /// - Throws: ``ScenarioError`` when the file cannot be read or parsed.
    public static func flatten(path: String) throws(ScenarioError) -> [(path: String, value: String)] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .whole(path, .unreadableInputs)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw ScenarioLoader.yamlError(error, file: path)
        } catch {
            throw .whole(path, .invalidYAMLText("\(error)"))
        }
        var out: [(String, String)] = []
        func walk(_ node: Node, _ prefix: String) {
            switch node {
            case .scalar(let s): out.append((prefix, s.string))
            case .mapping(let m):
                for (k, v) in m { walk(v, prefix.isEmpty ? (k.string ?? "?") : "\(prefix).\(k.string ?? "?")") }
            case .sequence(let items):
                if items.allSatisfy({ if case .scalar = $0 { true } else { false } }) {
                    out.append((prefix, "[" + items.compactMap(\.string).joined(separator: ", ") + "]"))
                } else {
                    for (i, item) in items.enumerated() { walk(item, "\(prefix)[\(i)]") }
                }
            case .alias: break
            }
        }
        if let root { walk(root, "") }
        return out
    }

    /// Lines `~ path: a → b`, `+ path: b`, `- path: a`, changed first, for paths that differ.
    /// `name` and `description` are left out: they label the scenarios, they are not inputs.
    public static func differences(_ a: [(path: String, value: String)], _ b: [(path: String, value: String)]) -> [String] {
        let ignored: Set<String> = ["name", "description"]
        let av = Dictionary(a.map { ($0.path, $0.value) }, uniquingKeysWith: { x, _ in x })
        let bv = Dictionary(b.map { ($0.path, $0.value) }, uniquingKeysWith: { x, _ in x })
        var changed: [String] = [], added: [String] = [], removed: [String] = []
        for (p, v) in a where !ignored.contains(p) {
            if let w = bv[p] {
                if w != v { changed.append("~ \(p): \(v) → \(w)") }
            } else {
                removed.append("- \(p): \(v)")
            }
        }
        for (p, v) in b where !ignored.contains(p) && av[p] == nil { added.append("+ \(p): \(v)") }
        return changed + added + removed
    }
}
