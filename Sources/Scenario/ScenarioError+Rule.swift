import Distributions
import Pricing
import Simulation

extension ScenarioError {
    /// The rules a scenario file can break: one case per rule, each with its sentence (what is
    /// wrong, then after a colon how to fix it). `path` is the dotted place in the file, e.g.
    /// `models.opus.behaviour.turns`; `got` is what was written there, in words
    /// (`YAMLCursor.kindDescription`).
    public enum Rule: Sendable, Equatable, CustomStringConvertible {
        // MARK: The file

        /// The file exists but cannot be read.
        case unreadableFile
        /// No file at the path; `didYouMean` is the closest scenario in its folder, `folder` and
        /// `names` what the folder holds (listed when there are at most 20).
        case noSuchFile(didYouMean: String?, folder: String, names: [String])
        /// The bytes are not UTF-8.
        case notUTF8
        /// The file holds no YAML node at all.
        case emptyFile
        /// A file read for its inputs (`diff`) that cannot be read as text.
        case unreadableInputs
        /// Yams rejected the text at a position: its problem and context.
        case invalidYAML(problem: String, context: String?)
        /// Yams rejected the text without a position.
        case invalidYAMLText(String)

        // MARK: Shapes and values (any key)

        /// A mapping was expected (`path` empty: the whole scenario).
        case notAMapping(path: String, got: String)
        /// A mapping key that is a list or a mapping.
        case keyNotAWord
        /// A key the section does not know; `suggestion` is the closest allowed key.
        case unknownKey(key: String, path: String, suggestion: String?, allowed: [String])
        /// A key given twice in one mapping.
        case duplicateKey(key: String, path: String)
        /// A mapping of user-chosen names (models, shares) was expected.
        case notANameMapping(path: String, got: String)
        /// A user-chosen name that is a list or a mapping.
        case nameNotAWord(path: String)
        case notANumber(path: String, got: String)
        case notFinite(path: String, got: String)
        case negative(path: String, value: Double)
        case notPositive(path: String, value: Double)
        /// A probability outside [0, 1]; a value in (1, 100] is taken for a percentage.
        case notAProbability(path: String, value: Double)
        case notWholeNumber(path: String, got: String)
        case belowMinimum(path: String, minimum: Int, value: Int)
        case notText(path: String, got: String)
        /// Neither a number nor a `{dist: ...}` mapping.
        case notADistribution(path: String, got: String)
        /// A distribution's `values:` that is not a list.
        case valuesNotAList(path: String)
        /// A distribution mapping without `dist:`.
        case noDistributionKind(path: String)
        /// A distribution whose kind or parameters `DistributionSpec` refuses.
        case invalidDistribution(path: String, DistributionError)

        // MARK: Top level, calendar, developer, prices

        case tooManyTrials(Int)
        case noModels
        case emptyModels
        case badCalendarStart(String)
        case horizonTooLong(months: Int)
        case tooManyWorkingDays(Int)
        case noDeveloper
        case developerNeedsThreadsPerDay
        /// More than one model and no `mix:`.
        case developerNeedsMix(models: [String])
        /// A `mix:` or `routing:` model that is not in `models:`.
        case notAModel(path: String, name: String, suggestion: String?, models: [String])
        /// Shares (of a mix or of routing roles) that do not add up to 1.
        case sharesDoNotSumToOne(path: String, total: Double)
        case tooManyThreadsPerDay(path: String, mean: Double)
        case threadsPerDayNeedsMean(path: String)
        case implausibleDeveloperCV(path: String, cv: Double)
        case annualChangeOutOfRange(path: String, value: Double)
        case correlationOutOfRange(path: String, value: Double)
        /// `prices.file` that cannot be read as a LiteLLM price file.
        case badPriceFile(PricingError)
        /// An override of a model the catalog lacks, without `input` and `output`; `didYouMean`
        /// is the ready-made " (or did you mean ...?)" suffix, empty without close names.
        case overrideNeedsInputAndOutput(model: String, didYouMean: String)
        case badCachingKind(path: String, got: String)
        case negativePrice(path: String, value: Double)
        case contextWindowTooLarge(path: String, value: Double)

        // MARK: Models and behaviour

        /// `close` are the nearest preset names (none: all presets are listed).
        case unknownPreset(String, close: [String])
        /// A model name that is no catalog key, and no `price:`.
        case modelWithoutPrice(model: String, example: String)
        case unknownPrice(model: String, PricingError)
        /// A built-in preset whose law does not build (a bug in the preset table).
        case badPresetLaw(preset: String, draw: BehaviourDraw, DistributionError)
        case fitWithoutResolver(model: String)
        case tooManyAttempts(path: String, Int)
        /// Behaviour draws or rates neither a preset, a fit nor `behaviour:` gives.
        case missingBehaviour(model: String, missing: [String])
        case baseContextExceedsWindow(model: String, mean: Double, kind: String, window: Double)
        case summaryExceedsWindow(model: String, summary: Double, window: Double)
        case badCacheLifetime(path: String, got: String)
        case incompleteBehaviour(model: String)
        /// A token count or turn law that reaches below zero; `law` is its description.
        case negativeSupport(path: String, law: String, draw: BehaviourDraw)
        case rateAboveOne(path: String, law: String)
        case turnsTokensCorrelationOutOfRange(path: String, value: Double)

        // MARK: Correlations and fits

        case correlationNotAPair(name: String, path: String)
        case notADraw(part: String, path: String, suggestion: String?)
        case selfCorrelation(path: String, draw: String)
        case rankCorrelationOutOfRange(path: String, value: Double)
        /// `nearest` lists the nearest valid set as `draw.draw: value` entries.
        case inconsistentCorrelations(path: String, nearest: [String])
        case invalidCorrelations(path: String, DependenceError)
        case badFitReference(path: String, got: String)
        /// `database` says which database, e.g. "the default thread database PATH".
        case fitDatabaseMissing(model: String, database: String, path: String)
        case unreadableFits(String)
        /// `stored` lists up to eight stored fits as "#id (model)".
        case noSuchFit(id: Int64, database: String, stored: [String])
        case fitOfOtherModel(id: Int64, fitModel: String, model: String, priceKey: String)
        /// `fitted` are the models that have fits.
        case noFitForModel(model: String, priceKey: String, database: String, path: String, fitted: [String])
        case undecodableFit(String)

        // MARK: Teams and budgets

        case rampUpTooLong(path: String, months: Int)
        case unknownTeamMethod(path: String, got: String)
        case teamWithoutProfiles
        case emptyTeamProfiles
        case implausibleAdoptionSD(path: String, sd: Double)
        case profileNeedsHeadCount(profile: String)
        case tooManyDevelopers(path: String, Int)
        case teamProfileNeedsThreadsPerDay(profile: String)
        case mixAndRouting(profile: String)
        case teamProfileNeedsMix(profile: String, models: [String])
        case implausibleAttrition(path: String, value: Double)
        case moreLeaversThanDevelopers(profile: String, leaving: Int, month: String, present: Int)
        case unknownRoutingRole(role: String, path: String, suggestion: String?)
        case routingRoleIncomplete(role: String)
        /// `horizon` are the calendar's months.
        case monthOutsideHorizon(path: String, label: String, horizon: [String])
        case budgetNotAMapping(got: String)
        case budgetNeedsOne(gotBoth: Bool)
        case budgetMonthCount(given: Int, horizon: [String])
        case budgetMonthOutsideHorizon(label: String, horizon: [String])
        case budgetMonthsMissing([String])
        case budgetMonthlyShape(got: String)

        // MARK: Plans, profiles, self-hosting

        case emptyProfiles
        case profileNeedsThreadsPerDay(profile: String)
        case profileNeedsMix(profile: String, models: [String])
        case workdayStartOutOfRange(path: String, value: Double)
        case workdayTooLong(path: String, hours: Double)
        /// `close` are the nearest built-in plan slugs; `slugs` all of them.
        case unknownPlan(String, close: [String], slugs: [String])
        case plansNotAList
        case duplicatePlan(String)
        case apiNotEditable
        case planNeedsNameAndFee(path: String)
        case badOverLimit(path: String, got: String)
        /// `limit` names the limit, e.g. "a 5-hour allowance".
        case planNeedsOverLimit(plan: String, limit: String)
        case invalidPlan(PricingError)
        case badAllowance(path: String)
        case selfHostingNotAMapping
        case setupNeedsKey(setup: String, key: String, what: String)
        case throughputNotPositive(path: String, value: Double)
        case utilisationOutOfRange(path: String, value: Double)
        case badTokensCounted(path: String, got: String)
        case invalidSelfHosting(PricingError)

        public var description: String {
            switch self {
            case .unreadableFile: return "cannot read the file: check its permissions"
            case let .noSuchFile(didYouMean, folder, names):
                if let didYouMean { return "no such file: did you mean \(didYouMean)?" }
                if !names.isEmpty, names.count <= 20 {
                    return "no such file: \(folder.isEmpty ? "this folder" : folder + "/") has " + names.joined(separator: ", ")
                }
                return "no such file: check the path (scenarios live in scenarios/)"
            case .notUTF8: return "the file is not UTF-8 text: save it as UTF-8"
            case .emptyFile: return "the file is empty: see docs/scenarios.md for what a scenario holds"
            case .unreadableInputs: return "cannot read the file: check the path and that it is UTF-8 text"
            case let .invalidYAML(problem, context):
                return
                    "not valid YAML: \(problem)\(context.map { " \($0)" } ?? ""): check indentation (spaces, not tabs) and that every 'key: value' has a space after the colon"
            case let .invalidYAMLText(text): return "not valid YAML: \(text)"

            case let .notAMapping(path, got):
                return "\(path.isEmpty ? "the scenario" : "'\(path)'") must be a mapping of keys to values, got \(got)"
            case .keyNotAWord: return "keys must be plain words"
            case let .unknownKey(key, path, suggestion, allowed):
                let place = path.isEmpty ? "at the top level" : "in '\(path)'"
                let hint =
                    suggestion.map { "did you mean '\($0)'?" }
                    ?? "allowed keys are \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
                return "unknown key '\(key)' \(place): \(hint)"
            case let .duplicateKey(key, path):
                return "key '\(key)' appears twice \(path.isEmpty ? "at the top level" : "in '\(path)'"): keep one"
            case let .notANameMapping(path, got): return "'\(path)' must be a mapping of names to values, got \(got)"
            case let .nameNotAWord(path): return "names in '\(path)' must be plain words"
            case let .notANumber(path, got): return "'\(path)' must be a number, got \(got)"
            case let .notFinite(path, got): return "'\(path)' must be a finite number, got \(got)"
            case let .negative(path, v): return "'\(path)' must not be negative, got \(f(v)): use 0 or a positive number"
            case let .notPositive(path, v): return "'\(path)' must be above 0, got \(f(v))"
            case let .notAProbability(path, v):
                return
                    "'\(path)' is a probability and must be between 0 and 1, got \(f(v))\(v > 1 && v <= 100 ? ": write \(f(v / 100)) for \(f(v)) %" : "")"
            case let .notWholeNumber(path, got): return "'\(path)' must be a whole number, got \(got)"
            case let .belowMinimum(path, minimum, value): return "'\(path)' must be at least \(minimum), got \(value)"
            case let .notText(path, got): return "'\(path)' must be text, got \(got)"
            case let .notADistribution(path, got):
                return
                    "'\(path)' must be a number or a distribution such as {dist: lognormal, median: 12, p90: 40}, got \(got)"
            case let .valuesNotAList(path): return "'\(path)' must be a list of numbers"
            case let .noDistributionKind(path):
                return
                    "'\(path)' needs 'dist:' naming the distribution (\(DistributionSpec.accepted.keys.sorted().joined(separator: ", ")))"
            case let .invalidDistribution(path, error): return "'\(path)': \(error.description)"

            case let .tooManyTrials(trials):
                return
                    "'trials' is \(trials): more than 100,000,000 trials would take hours; 10,000 give percentiles to about 1 %"
            case .noModels:
                return
                    "the scenario has no 'models': add at least one, e.g. models: {opus: {preset: opus-4.5, price: claude-opus-4-5}}"
            case .emptyModels: return "'models' is empty: add at least one model"
            case let .badCalendarStart(s): return "'calendar.start' must be a month written YYYY-MM, e.g. 2027-01, got '\(s)'"
            case let .horizonTooLong(months): return "'calendar.months' is \(months): the horizon is at most 120 months"
            case let .tooManyWorkingDays(days):
                return "'calendar.working_days' counts working days per year and must be at most 366, got \(days)"
            case .noDeveloper:
                return "the scenario has no 'developer': add one with threads_per_day, e.g. developer: {threads_per_day: 8}"
            case .developerNeedsThreadsPerDay:
                return "'developer' needs 'threads_per_day', e.g. threads_per_day: {mean: 8, day_dispersion: 3}"
            case let .developerNeedsMix(models):
                return "'developer' needs a 'mix' giving each model's share of threads, e.g. mix: {\(halves(models))}"
            case let .notAModel(path, name, suggestion, models):
                let hint = suggestion.map { "did you mean '\($0)'?" } ?? "the models are \(models.joined(separator: ", "))"
                return "'\(path)' names '\(name)', which is not in 'models': \(hint)"
            case let .sharesDoNotSumToOne(path, total):
                let diff = 1 - total
                return
                    "the shares in '\(path)' sum to \(ScenarioLoader.round6(total)), not 1: \(diff > 0 ? "add" : "remove") \(ScenarioLoader.round6(abs(diff))) across them"
            case let .tooManyThreadsPerDay(path, mean):
                return "'\(path)' is \(f(mean)): more than 10,000 threads a day is not one developer"
            case let .threadsPerDayNeedsMean(path): return "'\(path)' needs 'mean', the average threads started per working day"
            case let .implausibleDeveloperCV(path, cv):
                return
                    "'\(path)' is \(f(cv)): a coefficient of variation above 5 is not plausible; typical values are 0.2 to 1"
            case let .annualChangeOutOfRange(path, v):
                return
                    "'\(path)' is a yearly change such as -0.2 for prices falling 20 % a year; it must be above -1 and at most 10, got \(f(v))"
            case let .correlationOutOfRange(path, v):
                return "'\(path)' is a correlation and must be between -1 and 1, got \(f(v))"
            case let .badPriceFile(error): return "'prices.file': \(error.description)"
            case let .overrideNeedsInputAndOutput(model, didYouMean):
                return
                    "'\(model)' is not in the price catalog, so its override must give at least 'input' and 'output' (USD per million tokens)\(didYouMean)"
            case let .badCachingKind(path, got): return "'\(path)' must be 'explicit' or 'implicit', got '\(got)'"
            case let .negativePrice(path, v):
                return "'\(path)' is a price and must not be negative, got \(f(v)): prices are USD per million tokens"
            case let .contextWindowTooLarge(path, v):
                return "'\(path)' is \(f(v)) tokens: a context window is at most 1,000,000,000,000,000 tokens"

            case let .unknownPreset(name, close):
                let hint =
                    close.isEmpty
                    ? "presets are \(BehaviourPreset.builtIn.keys.sorted().joined(separator: ", "))"
                    : "did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
                return "unknown preset '\(name)': \(hint)"
            case let .modelWithoutPrice(model, example):
                return
                    "model '\(model)' has no 'price:' and '\(model)' is not a model in the price catalog: add price: with a catalog key, e.g. price: \(example)"
            case let .unknownPrice(model, error): return "model '\(model)': \(error.description)"
            case let .badPresetLaw(preset, draw, error): return "preset '\(preset)' \(draw.rawValue): \(error.description)"
            case let .fitWithoutResolver(model):
                return
                    "model '\(model)' asks for a stored fit, but the scenario was read without a thread store: load it with fits: StoredFits() (Composition)"
            case let .tooManyAttempts(path, attempts):
                return "'\(path)' is \(attempts): more than 100 attempts at one task is not plausible"
            case let .missingBehaviour(model, missing):
                return
                    "model '\(model)' has no \(missing.joined(separator: ", ")): give them under 'behaviour' or start from a preset (\(BehaviourPreset.builtIn.keys.sorted().joined(separator: ", ")))"
            case let .baseContextExceedsWindow(model, mean, kind, window):
                return
                    "model '\(model)': the base context (mean \(f(mean.rounded())) tokens, \(kind)) does not fit the \(f(window)) token context window: lower base_context or raise context_window"
            case let .summaryExceedsWindow(model, summary, window):
                return
                    "model '\(model)': compaction_summary (\(f(summary))) must be smaller than the context window (\(f(window)))"
            case let .badCacheLifetime(path, got): return "'\(path)' must be '5m' or '1h', got '\(got)'"
            case let .incompleteBehaviour(model): return "model '\(model)' is missing part of its behaviour"
            case let .negativeSupport(path, law, draw):
                return
                    "'\(path)' can take negative values (\(law)): \(draw.rawValue.replacingOccurrences(of: "_", with: " ")) cannot be negative; use lognormal, gamma or a range starting at 0"
            case let .rateAboveOne(path, law):
                return
                    "'\(path)' is a rate between 0 and 1 but \(law) can exceed 1: use beta, e.g. {dist: beta, mean: 0.85, sd: 0.05}"
            case let .turnsTokensCorrelationOutOfRange(path, v):
                return "'\(path)' is a correlation and must be strictly between -1 and 1, got \(f(v))"

            case let .correlationNotAPair(name, path):
                return
                    "'\(name)' in '\(path)' must name two draws joined by a dot, e.g. turns.cache_hit_rate (or be degrees_of_freedom, for a t copula); the draws are \(BehaviourDraw.keys.joined(separator: ", "))"
            case let .notADraw(part, path, suggestion):
                let close = suggestion.map { "did you mean '\($0)'? " } ?? ""
                return
                    "'\(part)' in '\(path)' is not a per-attempt draw: \(close)use one of \(BehaviourDraw.keys.joined(separator: ", "))"
            case let .selfCorrelation(path, draw):
                return "'\(path)' pairs \(draw) with itself: a correlation names two different draws"
            case let .rankCorrelationOutOfRange(path, v):
                return "'\(path)' is a rank correlation and must be between -1 and 1, got \(f(v))"
            case let .inconsistentCorrelations(path, nearest):
                return
                    "the correlations in '\(path)' are not mutually consistent (no joint law has them all): the nearest valid set is \(nearest.joined(separator: ", "))"
            case let .invalidCorrelations(path, error): return "'\(path)': \(error.description)"
            case let .badFitReference(path, got):
                return "'\(path)' must be 'latest' or the number of a stored fit (tokencast fit prints it), got '\(got)'"
            case let .fitDatabaseMissing(model, database, path):
                return
                    "model '\(model)' asks for a stored fit but \(database) does not exist: import logs and run tokencast fit --db \(path), or point 'db:' at your thread database"
            case let .unreadableFits(reason): return "cannot read stored fits: \(reason)"
            case let .noSuchFit(id, database, stored):
                return
                    "there is no fit #\(id) in \(database): \(stored.isEmpty ? "no fits are stored; run tokencast fit" : "stored fits are \(stored.joined(separator: ", "))")"
            case let .fitOfOtherModel(id, fitModel, model, priceKey):
                return
                    "fit #\(id) is of model '\(fitModel)', not '\(model)' (\(priceKey)): use a fit of this model, or fit: latest"
            case let .noFitForModel(model, priceKey, database, path, fitted):
                return
                    "no stored fit for model '\(model)' (\(priceKey)) in \(database): run tokencast fit --model \(priceKey) --db \(path)\(fitted.isEmpty ? "" : " (fits exist for \(fitted.joined(separator: ", ")))")"
            case let .undecodableFit(reason): return reason

            case let .rampUpTooLong(path, months):
                return "'\(path)' is \(months): a ramp-up of more than 24 months is not plausible; typical values are 1 to 3"
            case let .unknownTeamMethod(path, got):
                return
                    "'\(path)' must be one of \(TeamMethod.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")), got '\(got)'"
            case .teamWithoutProfiles:
                return
                    "'team' has no 'profiles': add at least one, e.g. profiles: {typical: {head_count: 10, threads_per_day: 6}}"
            case .emptyTeamProfiles: return "'team.profiles' is empty: add at least one profile with a head_count"
            case let .implausibleAdoptionSD(path, sd):
                return
                    "'\(path)' is \(f(sd)): a standard deviation of adoption above 0.5 is not plausible; typical values are 0.05 to 0.2"
            case let .profileNeedsHeadCount(profile):
                return "profile '\(profile)' has no 'head_count': give the number of developers at the start, e.g. head_count: 10"
            case let .tooManyDevelopers(path, head):
                return "'\(path)' is \(head): more than 10,000,000 developers in one profile is not an organisation"
            case let .teamProfileNeedsThreadsPerDay(profile):
                return
                    "profile '\(profile)' has no 'threads_per_day': give the mean threads a developer starts per working day, e.g. threads_per_day: {mean: 6, day_dispersion: 3, developer_cv: 0.4}"
            case let .mixAndRouting(profile):
                return
                    "profile '\(profile)' has both 'mix' and 'routing': keep one (routing gives each role a model and a share; mix gives each model a share)"
            case let .teamProfileNeedsMix(profile, models):
                return
                    "profile '\(profile)' needs a 'mix' giving each model's share of threads, e.g. mix: {\(halves(models))}, or 'routing'"
            case let .implausibleAttrition(path, v):
                return
                    "'\(path)' is the share of the profile leaving each month; \(f(v)) would empty it within months: typical values are 0.005 to 0.03"
            case let .moreLeaversThanDevelopers(profile, leaving, month, present):
                return
                    "profile '\(profile)' loses \(leaving) developers in \(month) but only \(present) are there: lower the leavers or add hires before that month"
            case let .unknownRoutingRole(role, path, suggestion):
                let hint =
                    suggestion.map { "did you mean '\($0)'?" } ?? "the roles are \(RoutingRole.roleNames.joined(separator: ", "))"
                return "unknown routing role '\(role)' in '\(path)': \(hint)"
            case let .routingRoleIncomplete(role):
                return "routing role '\(role)' needs 'model' and 'share', e.g. \(role): {model: opus, share: 0.4}"
            case let .monthOutsideHorizon(path, label, horizon):
                let range = span(horizon)
                let shape =
                    label.split(separator: "-").count == 2 && label.count == 7
                    ? "is outside the forecast's horizon \(range)" : "is not a month written YYYY-MM inside the horizon \(range)"
                return "'\(path)' names month '\(label)', which \(shape): use a month from \(range) or extend calendar.months"
            case let .budgetNotAMapping(got):
                return "'budget' must be a mapping with 'annual' or 'monthly', got \(got): \(Self.budgetExample)"
            case let .budgetNeedsOne(gotBoth):
                return
                    "'budget' needs exactly one of 'annual' or 'monthly', got \(gotBoth ? "both" : "neither"): \(Self.budgetExample)"
            case let .budgetMonthCount(given, horizon):
                return
                    "'budget.monthly' gives \(given) amount\(given == 1 ? "" : "s") but the horizon has \(horizon.count) months (\(span(horizon))): give one amount per month, or use 'annual'"
            case let .budgetMonthOutsideHorizon(label, horizon):
                return
                    "'budget.monthly' names month '\(label)', which is outside the forecast's horizon \(span(horizon)): use months of the horizon, written YYYY-MM"
            case let .budgetMonthsMissing(missing):
                return
                    "'budget.monthly' has no amount for \(missing.joined(separator: ", ")): give every month of the horizon, or use 'annual'"
            case let .budgetMonthlyShape(got):
                return
                    "'budget.monthly' must be a list with one amount per month or a mapping YYYY-MM: amount, got \(got): \(Self.budgetExample)"

            case .emptyProfiles: return "'profiles' is empty: add at least one, e.g. profiles: {heavy: {threads_per_day: 15}}"
            case let .profileNeedsThreadsPerDay(profile):
                return "profile '\(profile)' needs 'threads_per_day', e.g. threads_per_day: {mean: 15, day_dispersion: 3}"
            case let .profileNeedsMix(profile, models):
                return "profile '\(profile)' needs a 'mix' giving each model's share of threads, e.g. mix: {\(halves(models))}"
            case let .workdayStartOutOfRange(path, v):
                return "'\(path)' is the hour the working day starts, from 0 to 24, got \(f(v))"
            case let .workdayTooLong(path, hours):
                return
                    "'\(path)' is \(f(hours)): a working day spans at most 19 hours, so that its last 5-hour window closes before the next day starts"
            case let .unknownPlan(written, close, slugs):
                let hint =
                    close.isEmpty
                    ? "the built-in plans are \(slugs.joined(separator: ", ")); or define your own with name:, fee: and its limits"
                    : "did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?"
                return "unknown plan '\(written)': \(hint)"
            case .plansNotAList:
                return
                    "'plans' must be a list, e.g. plans: [claude-pro, claude-max-5x, {plan: claude-max-20x, allowance_5h: {usd: 150}}]"
            case let .duplicatePlan(name):
                return "two plans are named '\(name)': give the edited one its own name, e.g. name: \(name) (my limits)"
            case .apiNotEditable: return "'api' is always compared and cannot be edited: remove this entry"
            case let .planNeedsNameAndFee(path):
                return
                    "'\(path)' needs 'name' and 'fee' for a plan of your own, or 'plan' naming a built-in plan to edit (e.g. plan: claude-max-20x)"
            case let .badOverLimit(path, got):
                return
                    "'\(path)' must be 'blocked' (threads wait until the limit resets), 'overage' (usage past the limit is billed at API prices) or 'fallback_to_api' (refused threads run at API prices), got '\(got)'"
            case let .planNeedsOverLimit(plan, limit):
                return
                    "plan '\(plan)' has \(limit) but no 'over_limit': add over_limit: blocked (threads wait until the limit resets), over_limit: overage (usage past the limit is billed at API prices) or over_limit: fallback_to_api (refused threads run at API prices)"
            case let .invalidPlan(error): return error.description
            case let .badAllowance(path): return "'\(path)' takes one of usd (API-equivalent dollars) or tokens, e.g. {usd: 40}"
            case .selfHostingNotAMapping:
                return
                    "'self_hosting' must be a mapping: give hardware_usd, life_years, throughput_tokens_per_second and utilisation, or several such setups by name"
            case let .setupNeedsKey(setup, key, what): return "self-hosting setup '\(setup)' needs '\(key)', \(what)"
            case let .throughputNotPositive(path, v):
                return
                    "'\(path)' must be above 0, got \(f(v)): give the measured throughput in tokens per second (all concurrent requests together)"
            case let .utilisationOutOfRange(path, v):
                let percent = v > 1 && v <= 100 ? ": write \(f(v / 100)) for \(f(v)) %" : ""
                return "'\(path)' is the share of the year the hardware serves and must be in (0, 1], got \(f(v))\(percent)"
            case let .badTokensCounted(path, got):
                return
                    "'\(path)' must be 'uncached' (fresh input, cache misses and output: a server with prefix caching does not recompute re-sent context) or 'all', got '\(got)'"
            case let .invalidSelfHosting(error): return error.description
            }
        }

        static let budgetExample =
            "e.g. budget: {annual: 250000} or budget: {monthly: [20000, 20000, ...]} with one amount per month"
    }
}

/// A number as the user would write it: whole numbers without a decimal point.
private func f(_ v: Double) -> String { YAMLCursor.format(v) }

/// The first two models at half a share each, for a `mix:` example.
private func halves(_ models: [String]) -> String { models.prefix(2).map { "\($0): 0.5" }.joined(separator: ", ") }

/// A horizon's first and last month, `2027-01..2027-12`.
private func span(_ months: [String]) -> String { "\(months.first ?? "")..\(months.last ?? "")" }
