import Distributions
import Simulation

/// What can go wrong when fitting: one case per broken rule, each with a sentence saying how to
/// fix it.
public enum FittingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No stored threads at all (in the window).
    case emptyStore(path: String)
    /// No threads of this model in the window; `known` lists the models that have threads.
    case noThreads(model: String, known: [String])
    /// Too few threads to fit a law.
    case tooFewThreads(model: String, count: Int, needed: Int)
    /// A validation split that leaves one side with too few threads: `training` to fit and
    /// `heldOut` held out of `threads`, in `folds` folds (nil: one split at `holdout`).
    case splitTooSmall(model: String, threads: Int, training: Int, heldOut: Int, folds: Int?, holdout: Double, needed: Int)
    /// The price catalog has no price for the model, so its threads cannot be costed.
    case noPrice(model: String)
    /// A stored fit that cannot be read.
    case badPayload(id: Int64, reason: String)
    /// A stored law whose family this tokencast does not know.
    case unknownFamily(String)
    /// A stored law without one of its family's parameters.
    case missingLawParameter(family: String, name: String)
    /// A stored law whose parameters are outside the family's domain.
    case lawOutsideDomain(family: String, DistributionError)
    /// A stored law whose share of zeros cannot be applied.
    case badZeroShare(family: String, DistributionError)
    /// A fit without a law for one of the five draws.
    case missingLaw
    /// A fit whose correlations between the draws are not a valid copula.
    case badCorrelations(DependenceError)
    /// Fewer than two threads have both fresh input and output tokens above zero.
    case tooFewTokenThreads(model: String)
    /// Thread totals with fewer than two threads cannot split the base context from fresh input.
    case baseContextNeedsTwoThreads
    /// Thread totals of threads that all have the same length: the base context and fresh input
    /// cannot be told apart.
    case baseContextConfounded(turns: Int)
    /// No candidate law could be fitted to the values.
    case noLawFits(families: [String], values: Int)
    /// A backtest whose training threads carry no start times.
    case noDatedTrainingThreads
    /// `fit org` on a panel with no rows.
    case organisationPanelEmpty
    /// `fit org` with too few developers of enough history to group.
    case tooFewDevelopers(found: Int, minimum: Int)
    /// `backtest org` whose training or test months are empty.
    case backtestMonths(months: Int, train: Int)

    public var description: String {
        switch self {
        case let .emptyStore(path):
            return
                "the thread database \(path) holds no threads in this window: import logs first (tokencast import claude-code, codex or csv), or widen --since/--until"
        case let .noThreads(model, known):
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            return "no threads of model '\(model)' in this window: pass --model with one of: \(list)"
        case let .tooFewThreads(model, count, needed):
            return
                "model '\(model)' has \(count) threads in this window but a fit needs at least \(needed): import more logs or widen --since/--until"
        case let .splitTooSmall(model, threads, training, heldOut, folds, holdout, needed):
            let how = folds.map { "in \($0) folds" } ?? "at --holdout \(holdout)"
            return
                "model '\(model)' has \(threads) threads: \(training) to fit and \(heldOut) held out \(how); each side needs at least \(needed): import more threads, or change --holdout or --folds"
        case let .noPrice(model):
            return "no price for model '\(model)' in the catalog: pass --prices with a LiteLLM file that has it"
        case let .badPayload(id, reason):
            return "stored fit #\(id) cannot be read (\(reason)): run tokencast fit again"
        case let .unknownFamily(family):
            return "unknown fitted family '\(family)'"
        case let .missingLawParameter(family, name):
            return "the \(family) law has no parameter '\(name)'"
        case let .lawOutsideDomain(family, error):
            return "\(family): \(error)"
        case let .badZeroShare(family, error):
            return "\(family) with zero_share: \(error)"
        case .missingLaw:
            return "a fitted law is missing"
        case let .badCorrelations(error):
            return "the fit's correlations: \(error)"
        case let .tooFewTokenThreads(model):
            return "model '\(model)': fewer than two threads with positive fresh input and output tokens"
        case .baseContextNeedsTwoThreads:
            return "the base context needs at least two threads with different turn counts"
        case let .baseContextConfounded(turns):
            return
                "the base context cannot be told apart from fresh input: every thread has the same number of turns (\(turns)); log request rows or threads of different lengths"
        case let .noLawFits(families, values):
            return "no candidate law (\(families.joined(separator: ", "))) fits these \(values) values: they may all be equal"
        case .noDatedTrainingThreads:
            return "no dated training threads"
        case .organisationPanelEmpty:
            return
                "the organisation panel is empty: import usage first (tokencast import litellm --url ..., or fit org --panel FILE.csv)"
        case let .tooFewDevelopers(found, minimum):
            return
                "only \(found) developers have \(OrgFit.minimumActiveDays) or more active days over \(OrgFit.minimumWorkingDays) or more working days; profiles need at least \(minimum): import a longer history"
        case let .backtestMonths(months, train):
            return
                "the panel covers \(months) months, so training on \(train) leaves \(train >= months ? "nothing" : "too little") to compare: give --train-months between 1 and \(max(months - 1, 1))"
        }
    }
}
