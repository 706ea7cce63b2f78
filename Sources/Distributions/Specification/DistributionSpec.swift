import NameMatching

/// A distribution as written in a scenario file: a kind and named parameters, turned into a
/// validated law by ``make()``.
///
/// ```swift
/// let spec = DistributionSpec(kind: "lognormal", parameters: ["median": 12, "p90": 40])
/// let law = try spec.make()   // Lognormal(mu: 2.48..., sigma: 0.939...)
/// ```
public struct DistributionSpec: Sendable, Hashable {
    /// Lowercase snake_case kind, e.g. "lognormal"; see ``kinds`` and ``aliases``.
    public var kind: String
    /// Named parameters, e.g. ["median": 12, "p90": 40].
    public var parameters: [String: Double]
    /// The data, for "empirical" only.
    public var values: [Double]

    public init(kind: String, parameters: [String: Double], values: [Double] = []) {
        self.kind = kind
        self.parameters = parameters
        self.values = values
    }

    /// The accepted parameter-name sets per canonical kind, for help text and did-you-mean.
    /// "empirical" takes no named parameters, only ``values``.
    public static let accepted: [String: [[String]]] = [
        "lognormal": [["mu", "sigma"], ["mean", "sd"], ["median", "p90"]],
        "discretised_lognormal": [["mu", "sigma"], ["mean", "sd"], ["median", "p90"]],
        "floored_lognormal": [["mu", "sigma"], ["mean", "sd"], ["median", "p90"]],
        "gamma": [["shape", "scale"], ["shape", "rate"], ["mean", "sd"]],
        "negative_binomial": [["r", "p"], ["mean", "dispersion"], ["mean", "sd"]],
        "poisson": [["mean"]],
        "beta": [["alpha", "beta"], ["mean", "sd"]],
        "bernoulli": [["p"]],
        "uniform": [["min", "max"]],
        "pert": [["min", "mode", "max"]],
        "constant": [["value"]],
        "empirical": [],
    ]

    /// Other spellings accepted for a kind, mapped to the canonical name.
    public static let aliases: [String: String] = [
        "discrete_lognormal": "discretised_lognormal",
        "discretized_lognormal": "discretised_lognormal",
    ]

    /// The canonical kinds, sorted.
    public static var kinds: [String] { accepted.keys.sorted() }

    /// Builds and validates the distribution.
    /// - Throws: ``DistributionError``: an unknown kind or parameter (with a suggestion), a
    ///   parameter set matching none of ``accepted``, or a parameter that breaks the law's rules.
    /// - Complexity: O(1) for the parametric kinds; O(n log n) for `empirical` (its values are
    ///   sorted); a misspelt kind or parameter adds an edit-distance search over the accepted names.
    public func make() throws(DistributionError) -> any UnivariateDistribution {
        let kind = Self.aliases[kind] ?? kind
        guard let sets = Self.accepted[kind] else {
            throw .unknownKind(self.kind, suggestions: Self.closest(to: self.kind, among: Self.kinds + Self.aliases.keys))
        }
        let known = Set(sets.joined())
        for name in parameters.keys.sorted() where !known.contains(name) {
            throw .unknownParameter(kind: kind, name: name, suggestion: Self.closest(to: name, among: known.sorted()).first)
        }
        if kind == "empirical" { return try Empirical(values: values) }
        if !values.isEmpty {
            throw .unknownParameter(kind: kind, name: "values", suggestion: nil)
        }
        let given = Set(parameters.keys)
        guard let chosen = sets.first(where: { Set($0) == given }) else {
            throw .missingParameters(kind: kind, given: given.sorted(), accepted: sets)
        }
        let v = { (name: String) in parameters[name]! }
        switch (kind, chosen) {
        case ("lognormal", ["mu", "sigma"]): return try Lognormal(mu: v("mu"), sigma: v("sigma"))
        case ("lognormal", ["mean", "sd"]): return try Lognormal(mean: v("mean"), sd: v("sd"))
        case ("lognormal", _): return try Lognormal(median: v("median"), p90: v("p90"))
        case ("discretised_lognormal", ["mu", "sigma"]):
            return try DiscretisedLognormal(mu: v("mu"), sigma: v("sigma"))
        case ("discretised_lognormal", ["mean", "sd"]):
            return try DiscretisedLognormal(mean: v("mean"), sd: v("sd"))
        case ("discretised_lognormal", _): return try DiscretisedLognormal(median: v("median"), p90: v("p90"))
        case ("floored_lognormal", ["mu", "sigma"]): return try FlooredLognormal(mu: v("mu"), sigma: v("sigma"))
        case ("floored_lognormal", ["mean", "sd"]): return try FlooredLognormal(mean: v("mean"), sd: v("sd"))
        case ("floored_lognormal", _): return try FlooredLognormal(median: v("median"), p90: v("p90"))
        case ("gamma", ["shape", "scale"]): return try Gamma(shape: v("shape"), scale: v("scale"))
        case ("gamma", ["shape", "rate"]): return try Gamma(shape: v("shape"), rate: v("rate"))
        case ("gamma", _): return try Gamma(mean: v("mean"), sd: v("sd"))
        case ("negative_binomial", ["r", "p"]): return try NegativeBinomial(r: v("r"), p: v("p"))
        case ("negative_binomial", ["mean", "dispersion"]):
            return try NegativeBinomial(mean: v("mean"), dispersion: v("dispersion"))
        case ("negative_binomial", _): return try NegativeBinomial(mean: v("mean"), sd: v("sd"))
        case ("poisson", _): return try Poisson(mean: v("mean"))
        case ("beta", ["alpha", "beta"]): return try Beta(alpha: v("alpha"), beta: v("beta"))
        case ("beta", _): return try Beta(mean: v("mean"), sd: v("sd"))
        case ("bernoulli", _): return try Bernoulli(p: v("p"))
        case ("uniform", _): return try Uniform(min: v("min"), max: v("max"))
        case ("pert", _): return try PERT(min: v("min"), mode: v("mode"), max: v("max"))
        default: return try Constant(value: v("value"))
        }
    }

    /// Candidates within a small edit distance of `word`, closest first.
    static func closest(to word: String, among candidates: [String]) -> [String] {
        EditDistance.closest(to: word, among: candidates)
    }
}
