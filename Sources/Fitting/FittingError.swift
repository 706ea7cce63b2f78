/// What can go wrong when fitting: one case per cause, each with a sentence saying how to fix it.
public enum FittingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No stored threads at all (in the window).
    case emptyStore(path: String)
    /// No threads of this model in the window; `known` lists the models that have threads.
    case noThreads(model: String, known: [String])
    /// Too few threads to fit a law.
    case tooFewThreads(model: String, count: Int, needed: Int)
    /// A parameter outside its law's domain.
    case invalidParameter(String)
    /// A stored fit that cannot be read.
    case badPayload(id: Int64, reason: String)
    /// The data cannot identify a parameter (e.g. every thread has one turn).
    case notIdentifiable(String)

    public var description: String {
        switch self {
        case let .emptyStore(path):
            return "the thread database \(path) holds no threads in this window: import logs first (tokencast import claude-code, codex or csv), or widen --since/--until"
        case let .noThreads(model, known):
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            return "no threads of model '\(model)' in this window: pass --model with one of: \(list)"
        case let .tooFewThreads(model, count, needed):
            return "model '\(model)' has \(count) threads in this window but a fit needs at least \(needed): import more logs or widen --since/--until"
        case let .invalidParameter(text):
            return text
        case let .badPayload(id, reason):
            return "stored fit #\(id) cannot be read (\(reason)): run tokencast fit again"
        case let .notIdentifiable(text):
            return text
        }
    }
}
