import Distributions
import NameMatching
import Yams

/// A position in a parsed scenario document: the YAML node, its dotted path, and the file, so
/// that every accessor can say exactly where a problem is.
struct YAMLCursor {
    let node: Node
    let path: String
    let file: String

    var line: Int { node.mark?.line ?? 0 }
    var column: Int { node.mark?.column ?? 0 }

    func error(_ rule: ScenarioError.Rule) -> ScenarioError {
        ScenarioError(file: file, line: line, column: column, rule: rule)
    }

    /// What the node is, in words, for "expected a number, got a list" messages.
    var kindDescription: String {
        switch node {
        case .scalar(let s): s.string.isEmpty ? "nothing" : "'\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The node's keys and values, after checking every key is one of `allowed`.
    func mapping(allowed: [String]) throws(ScenarioError) -> [(key: String, value: YAMLCursor, keyCursor: YAMLCursor)] {
        guard case .mapping(let m) = node else {
            throw error(.notAMapping(path: path, got: kindDescription))
        }
        var out: [(String, YAMLCursor, YAMLCursor)] = []
        var seen = Set<String>()
        for (k, v) in m {
            let keyCursor = YAMLCursor(node: k, path: path, file: file)
            guard case .scalar(let ks) = k else { throw keyCursor.error(.keyNotAWord) }
            let key = ks.string
            if !allowed.contains(key) {
                throw keyCursor.error(
                    .unknownKey(key: key, path: path, suggestion: Self.closest(key, allowed), allowed: allowed))
            }
            if !seen.insert(key).inserted {
                throw keyCursor.error(.duplicateKey(key: key, path: path))
            }
            out.append((key, YAMLCursor(node: v, path: path.isEmpty ? key : "\(path).\(key)", file: file), keyCursor))
        }
        return out
    }

    /// Entries of a mapping whose keys are names the user chooses (models, mix shares).
    func namedEntries() throws(ScenarioError) -> [(name: String, value: YAMLCursor, keyCursor: YAMLCursor)] {
        guard case .mapping(let m) = node else {
            throw error(.notANameMapping(path: path, got: kindDescription))
        }
        var out: [(String, YAMLCursor, YAMLCursor)] = []
        for (k, v) in m {
            let keyCursor = YAMLCursor(node: k, path: path, file: file)
            guard case .scalar(let ks) = k else { throw keyCursor.error(.nameNotAWord(path: path)) }
            out.append((ks.string, YAMLCursor(node: v, path: "\(path).\(ks.string)", file: file), keyCursor))
        }
        return out
    }

    func double() throws(ScenarioError) -> Double {
        guard case .scalar(let s) = node, let v = Double(s.string.replacingUnderscores()) else {
            throw error(.notANumber(path: path, got: kindDescription))
        }
        guard v.isFinite else { throw error(.notFinite(path: path, got: kindDescription)) }
        return v
    }

    func nonNegative() throws(ScenarioError) -> Double {
        let v = try double()
        guard v >= 0 else { throw error(.negative(path: path, value: v)) }
        return v
    }

    func positive() throws(ScenarioError) -> Double {
        let v = try double()
        guard v > 0 else { throw error(.notPositive(path: path, value: v)) }
        return v
    }

    func probability() throws(ScenarioError) -> Double {
        let v = try double()
        guard (0...1).contains(v) else { throw error(.notAProbability(path: path, value: v)) }
        return v
    }

    func integer(min lower: Int = Int.min) throws(ScenarioError) -> Int {
        let v = try double()
        guard v == v.rounded(), abs(v) < 1e15 else { throw error(.notWholeNumber(path: path, got: kindDescription)) }
        guard Int(v) >= lower else { throw error(.belowMinimum(path: path, minimum: lower, value: Int(v))) }
        return Int(v)
    }

    func string() throws(ScenarioError) -> String {
        guard case .scalar(let s) = node else { throw error(.notText(path: path, got: kindDescription)) }
        return s.string
    }

    /// A distribution: a bare number (a constant) or a mapping with `dist:` and its parameters.
    func distribution() throws(ScenarioError) -> (spec: DistributionSpec, law: any UnivariateDistribution) {
        if case .scalar = node {
            let v = try double()
            let spec = DistributionSpec(kind: "constant", parameters: ["value": v])
            do { return (spec, try spec.make()) } catch { throw self.error(.invalidDistribution(path: path, error)) }
        }
        guard case .mapping(let m) = node else {
            throw error(.notADistribution(path: path, got: kindDescription))
        }
        var kind: String?
        var parameters: [String: Double] = [:]
        var values: [Double] = []
        var parameterCursors: [String: YAMLCursor] = [:]
        for (k, v) in m {
            guard case .scalar(let ks) = k else { continue }
            let child = YAMLCursor(node: v, path: "\(path).\(ks.string)", file: file)
            switch ks.string {
            case "dist":
                kind = try child.string()
            case "values":
                guard case .sequence(let seq) = v else { throw child.error(.valuesNotAList(path: child.path)) }
                for item in seq { values.append(try YAMLCursor(node: item, path: child.path, file: file).double()) }
            default:
                parameters[ks.string] = try child.double()
                parameterCursors[ks.string] = YAMLCursor(node: k, path: path, file: file)
            }
        }
        guard let kind else {
            throw error(.noDistributionKind(path: path))
        }
        let spec = DistributionSpec(kind: kind, parameters: parameters, values: values)
        do {
            return (spec, try spec.make())
        } catch {
            // Point at the parameter the error names when there is one.
            var at = self
            if case let .unknownParameter(_, name, _) = error, let c = parameterCursors[name] { at = c }
            throw at.error(.invalidDistribution(path: path, error))
        }
    }

    static func closest(_ word: String, _ candidates: [String]) -> String? {
        EditDistance.closest(to: word, among: candidates, limit: 1).first
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

extension String {
    /// YAML 1.1 allows `10_000`; people write it for readability.
    fileprivate func replacingUnderscores() -> String { filter { $0 != "_" } }
}
