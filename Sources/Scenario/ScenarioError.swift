/// A mistake in a scenario file: where it is, and which rule it breaks.
///
/// `description` reads `file:line:column: what is wrong: how to fix it`, the form editors and
/// terminals turn into a link; the sentence after the position is the ``Rule``'s, as
/// `DistributionError` and `ThreadStoreError` give theirs. The position is kept beside the rule,
/// not in each case, because every rule can be broken anywhere a cursor points.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the whole file is meant.
    public var line: Int
    public var column: Int
    /// The rule the file breaks.
    public var rule: Rule

    public init(file: String, line: Int, column: Int, rule: Rule) {
        self.file = file
        self.line = line
        self.column = column
        self.rule = rule
    }

    /// An error about the whole file (no line).
    static func whole(_ file: String, _ rule: Rule) -> ScenarioError {
        ScenarioError(file: file, line: 0, column: 0, rule: rule)
    }

    /// The sentence without the position: what is wrong and how to fix it.
    public var message: String { rule.description }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}
